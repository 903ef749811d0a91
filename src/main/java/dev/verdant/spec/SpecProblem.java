package dev.verdant.spec;

/**
 * One thing wrong with a spec: the field's dotted path and a message saying what is wrong and what is allowed.
 *
 * @param field   dotted path such as {@code model.arch}
 * @param message what was wrong, e.g. {@code 'mlpx' is not one of mlp, lenet5, dscnn, resnet}
 */
public record SpecProblem(String field, String message) {
    @Override
    public String toString() {
        return field + ": " + message;
    }
}
