package dev.verdant.energy;

/** An NVML call that returned an error code (see {@code nvmlReturn_t}). */
public final class NvmlException extends RuntimeException {

    /** {@code NVML_ERROR_NOT_SUPPORTED}: the GPU lacks the feature (e.g. the energy counter before Volta). */
    public static final int NOT_SUPPORTED = 3;

    private final int code;

    public NvmlException(int code, String message) {
        super(message + " (NVML error " + code + ")");
        this.code = code;
    }

    /** NVML's return code. */
    public int code() {
        return code;
    }
}
