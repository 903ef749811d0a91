package dev.verdant.spec;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * The one place Verdant's Jackson mappers are configured, so specs and results are written and read the same way
 * everywhere (codec, result files, store, window). All write indented JSON (or block YAML) and let
 * {@link ReadProblems} collect enumeration values that name no constant when a reader asks for it. Specs are read
 * strictly: an unknown field, a null for a number, a fraction for a whole number or trailing text is an error
 * naming the field. Stored results are read tolerantly, as they always were (see {@link #tolerantJson()}). The
 * mappers are built once and shared: a configured mapper is thread-safe, and per-read changes go through
 * {@link ObjectMapper#readerFor} instead of reconfiguring it.
 */
public final class Mappers {

    private static final ObjectMapper YAML = configure(YAMLMapper.builder(YAMLFactory.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build())).build();
    private static final ObjectMapper JSON = configure(JsonMapper.builder()).build();
    private static final ObjectMapper TOLERANT_JSON = common(JsonMapper.builder())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private Mappers() {
    }

    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B
            configure(B builder) {
        return common(builder).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS); // 'arch: 1' is not lenet5
    }

    /** What every mapper shares: indented output and the enumeration-problem collector. */
    private static <M extends ObjectMapper, B extends com.fasterxml.jackson.databind.cfg.MapperBuilder<M, B>> B
            common(B builder) {
        return builder.enable(SerializationFeature.INDENT_OUTPUT).addHandler(new ReadProblems());
    }

    /** YAML (and JSON, YAML's subset) for spec files: block style, no document marker, quotes only where needed. */
    public static ObjectMapper yaml() {
        return YAML;
    }

    /** Indented JSON, strict when reading: specs, and anything written for people or other tools. */
    public static ObjectMapper json() {
        return JSON;
    }

    /**
     * Indented JSON that reads stored results tolerantly: fields it does not know are ignored (a result or report
     * written by a newer Verdant still loads) and Jackson's default coercions apply (an absent or null number in an
     * old report reads as 0), so no result that loaded before stops loading.
     */
    public static ObjectMapper tolerantJson() {
        return TOLERANT_JSON;
    }
}
