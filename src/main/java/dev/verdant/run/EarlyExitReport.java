package dev.verdant.run;

import ai.djl.Device;
import dev.verdant.data.Split;
import dev.verdant.model.EarlyExitInference;
import dev.verdant.model.Net;

import java.util.ArrayList;
import java.util.List;

/**
 * Early-exit inference of a trained network with exit heads, at the spec's threshold and over a threshold sweep (the
 * accuracy-versus-energy curve). Accuracy and the share leaving at each head are measured on the validation split;
 * FLOPs per sample are counted from the description; joules per sample are estimated: the full network's measured
 * inference joules per sample scaled by the FLOPs ratio (labelled {@code estimated:flops-share}).
 *
 * @param rows        one row per threshold, ascending
 * @param joulesBasis  how the full network's joules per sample were obtained (e.g. {@code measured:rapl}), or null
 * @param fullAccuracy validation accuracy of the full network measured separately (heads unused), or null
 */
public record EarlyExitReport(List<Row> rows, String joulesBasis, Double fullAccuracy) {

    /** The report without a separately measured full-network accuracy (the earlier two-part form). */
    public EarlyExitReport(List<Row> rows, String joulesBasis) {
        this(rows, joulesBasis, null);
    }

    /** The thresholds of the default sweep. */
    public static final double[] SWEEP = {0.0, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 1.0};

    /** How the per-sample joules of an exit row are obtained. */
    public static final String METHOD = "estimated:flops-share";

    /**
     * One threshold's outcome.
     *
     * @param threshold       confidence needed to leave at a head (1: heads off, the full network)
     * @param accuracy        validation accuracy with early exits (measured)
     * @param shares          share of samples leaving at each head, then at the final classifier
     * @param flopsPerSample  average forward FLOPs per sample (counted)
     * @param flopsRatio      that, as a fraction of the full network's
     * @param joulesPerSample estimated inference joules per sample, or null when the full network's were not measured
     */
    public record Row(double threshold, double accuracy, double[] shares, double flopsPerSample, double flopsRatio,
                      Double joulesPerSample) {
    }

    /**
     * Runs the trained {@code net} on {@code validation} once and decides exits for every threshold.
     *
     * @param fullJoulesPerSample measured inference joules per sample of the full network, or null
     */
    public static EarlyExitReport of(Net net, Split validation, Device device, double[] thresholds,
                                     Double fullJoulesPerSample, String joulesBasis) {
        return of(net, validation, device, thresholds, fullJoulesPerSample, joulesBasis, null);
    }

    /**
     * As {@link #of(Net, Split, Device, double[], Double, String)}, also carrying the full network's accuracy as
     * measured by a separate evaluation, so a reader can check the threshold-1 row against it.
     */
    public static EarlyExitReport of(Net net, Split validation, Device device, double[] thresholds,
                                     Double fullJoulesPerSample, String joulesBasis, Double fullAccuracy) {
        EarlyExitInference.Predictions p = EarlyExitInference.predict(net, validation, device);
        List<Row> rows = new ArrayList<>();
        for (EarlyExitInference.Point pt : EarlyExitInference.sweep(p, net, thresholds)) {
            rows.add(new Row(pt.threshold(), pt.accuracy(), pt.shares(), pt.flops(), pt.flopsRatio(),
                    fullJoulesPerSample == null ? null : fullJoulesPerSample * pt.flopsRatio()));
        }
        return new EarlyExitReport(List.copyOf(rows), joulesBasis, fullAccuracy);
    }
}
