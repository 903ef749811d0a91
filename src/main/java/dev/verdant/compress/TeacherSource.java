package dev.verdant.compress;

import dev.verdant.spec.ExperimentSpec;

import java.nio.file.Path;

/**
 * Finds a stored run to use as a distillation teacher. The run layer implements it on the store; compress
 * itself never reads the store.
 */
public interface TeacherSource {

    /** None: a stored teacher id fails clearly. */
    TeacherSource NONE = id -> {
        throw new CompressionException("teacher: run " + id + " cannot be loaded because this run is not stored "
                + "(no run store); use teacher: self or run with a store");
    };

    /**
     * The stored run's spec and the folder holding its {@code model-0000.params}.
     *
     * @throws CompressionException when the run does not exist or has no saved model
     */
    StoredTeacher find(long runId);

    /**
     * A teacher found in the store.
     *
     * @param spec      the spec the teacher was trained with (its model section rebuilds the network)
     * @param paramsDir folder with the parameters saved by training ({@code model-0000.params})
     */
    record StoredTeacher(ExperimentSpec spec, Path paramsDir) {
    }
}
