package dev.verdant.train;

import ai.djl.Device;
import ai.djl.engine.Engine;

/**
 * The device a run trains on, resolved from the spec's {@code cpu | gpu | auto}.
 *
 * @param device the DJL device
 * @param notice why it differs from what was asked (auto fell back to CPU), or null
 */
public record DeviceChoice(Device device, String notice) {

    /**
     * Resolves a requested device. {@code gpu} without a usable CUDA device fails with the reason;
     * {@code auto} falls back to CPU and says so.
     */
    public static DeviceChoice resolve(String requested) {
        DjlRuntime.configureOffline();
        int gpus = Engine.getInstance().getGpuCount();
        return switch (requested) {
            case "cpu" -> new DeviceChoice(Device.cpu(), null);
            case "gpu" -> {
                if (gpus == 0) {
                    throw new TrainingException("device: gpu was requested but DJL finds no CUDA GPU: "
                            + whyNoGpu() + " Use device: cpu or auto.");
                }
                yield new DeviceChoice(Device.gpu(), null);
            }
            default -> gpus > 0 ? new DeviceChoice(Device.gpu(), null)
                    : new DeviceChoice(Device.cpu(), "no CUDA GPU found, training on CPU (" + whyNoGpu() + ")");
        };
    }

    private static String whyNoGpu() {
        return "this build bundles the CPU libtorch (" + Engine.getInstance().getVersion() + "); for CUDA, point "
                + "PYTORCH_LIBRARY_PATH at a CUDA libtorch of the same version and install the NVIDIA driver.";
    }
}
