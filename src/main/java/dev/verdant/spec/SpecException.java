package dev.verdant.spec;

import java.util.List;
import java.util.stream.Collectors;

/** A spec that could not be read or is invalid; carries every problem found, each naming its field. */
public class SpecException extends RuntimeException {
    private final transient List<SpecProblem> problems;

    public SpecException(List<SpecProblem> problems) {
        super(problems.stream().map(SpecProblem::toString).collect(Collectors.joining("\n")));
        this.problems = List.copyOf(problems);
    }

    public SpecException(String field, String message) {
        this(List.of(new SpecProblem(field, message)));
    }

    public List<SpecProblem> problems() {
        return problems;
    }
}
