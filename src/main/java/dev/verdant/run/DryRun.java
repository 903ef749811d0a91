package dev.verdant.run;

import dev.verdant.data.DatasetException;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.model.Architectures;
import dev.verdant.model.Layer;
import dev.verdant.model.Net;
import dev.verdant.spec.CompressionStepSpec;
import dev.verdant.spec.DatasetSpec;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ProgressiveSpec;
import dev.verdant.spec.SpecException;
import dev.verdant.spec.SpecProblem;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The checks that need the data's shape and the built network description, without training anything: the network
 * fits the data (normalisation groups divide every width, kernels fit), each progressive resize resolution builds,
 * and a low-rank rank is below some layer's size. The window runs it in the background as the user edits, so such
 * mistakes are marked on their field before Run rather than minutes into a run. Only datasets that load in
 * moments are read (the built-in and synthetic ones); for data on disk the network checks wait for the run.
 */
public final class DryRun {

    private DryRun() {
    }

    /**
     * Problems of a spec that {@link SpecChecks} already accepts, each on the field to change; empty when the
     * network builds for its data (or the data is on disk and was not read).
     */
    public static List<SpecProblem> problems(ExperimentSpec spec) {
        return problems(spec, id -> java.util.Optional.empty());
    }

    /**
     * As {@link #problems(ExperimentSpec)}, and a distill step's fit: its student builds for the data's shape, and a
     * stored teacher (a run id) exists and was trained on data of the same input shape and classes.
     *
     * @param teachers the spec of a stored run by id (empty when there is no such run)
     */
    public static List<SpecProblem> problems(ExperimentSpec spec,
                                             java.util.function.LongFunction<java.util.Optional<ExperimentSpec>>
                                                     teachers) {
        List<SpecProblem> found = new ArrayList<>();
        DatasetSpec d = spec.dataset();
        if (!DatasetSpec.BUILT_IN.contains(d.name()) && !DatasetSpec.SYNTHETIC.contains(d.name())) {
            return found;
        }
        LoadedData data;
        try {
            data = Datasets.load(d, spec.seed());
        } catch (DatasetException | IllegalArgumentException e) {
            found.add(new SpecProblem("dataset.name", e.getMessage()));
            return found;
        }
        long[] shape = data.sampleShape();
        Net net = describe(spec, shape, data.numClasses(), "model.arch", found);
        if (net == null) {
            return found;
        }
        for (ProgressiveSpec p : spec.training().progressive()) {
            if ("resize".equals(p.type()) && p.resolutions() != null && shape.length == 3) {
                for (int r : p.resolutions()) {
                    if (r > shape[1]) {
                        found.add(new SpecProblem("training.progressive", "resize resolution " + r + " is above "
                                + "the images' " + shape[1] + " px; use resolutions up to " + shape[1]));
                    } else if (describe(spec, new long[] {shape[0], r, r}, data.numClasses(),
                            "training.progressive", new ArrayList<>()) == null) {
                        found.add(new SpecProblem("training.progressive", "resize resolution " + r + " px is too "
                                + "small for " + spec.model().arch() + "; use a larger first resolution"));
                    }
                }
            }
        }
        for (CompressionStepSpec step : spec.compression()) {
            if (step instanceof CompressionStepSpec.Distill dist) {
                distill(spec, dist, data, teachers, found);
            }
            if (step instanceof CompressionStepSpec.LowRank lr && lr.rank() != null) {
                List<Layer> weighted = Net.weighted(net.layers());
                int largest = weighted.subList(0, Math.max(0, weighted.size() - 1)).stream()
                        .mapToInt(DryRun::smallerSide).max().orElse(0);
                if (lr.rank() >= largest) {
                    found.add(new SpecProblem("compression", "low-rank rank " + lr.rank() + " is not below any "
                            + "hidden layer's size (the largest is " + largest + "), so nothing would be factorised;"
                            + " use a rank below " + largest + " or energy instead"));
                }
            }
        }
        return found;
    }

    /** The distill step's student builds for the data, and a stored teacher exists and takes the same input. */
    private static void distill(ExperimentSpec spec, CompressionStepSpec.Distill d, LoadedData data,
                                java.util.function.LongFunction<java.util.Optional<ExperimentSpec>> teachers,
                                List<SpecProblem> found) {
        long[] shape = data.sampleShape();
        if (d.student() != null) {
            List<SpecProblem> student = new ArrayList<>();
            if (describe(d.student(), shape, data.numClasses(), "compression", student) == null) {
                for (SpecProblem p : student) {
                    found.add(new SpecProblem("compression", "the distill student does not fit: "
                            + p.message()));
                }
            }
        }
        String teacher = d.teacher() == null ? "self" : d.teacher().trim();
        if ("self".equals(teacher)) {
            return;
        }
        long id;
        try {
            id = Long.parseLong(teacher);
        } catch (NumberFormatException e) {
            return; // SpecChecks already says a teacher is self or a run id
        }
        java.util.Optional<ExperimentSpec> t = teachers.apply(id);
        if (t.isEmpty()) {
            found.add(new SpecProblem("compression", "the distill teacher, run " + id + ", is not in the store; "
                    + "pick a stored run's id (History's ID column) or use teacher: self"));
            return;
        }
        DatasetSpec td = t.get().dataset();
        if (td.name().equals(spec.dataset().name())) {
            return;
        }
        if (!DatasetSpec.BUILT_IN.contains(td.name()) && !DatasetSpec.SYNTHETIC.contains(td.name())) {
            found.add(new SpecProblem("compression", "the distill teacher, run " + id + ", was trained on "
                    + td.name() + ", not " + spec.dataset().name() + "; pick a teacher trained on the same data"));
            return;
        }
        try {
            LoadedData tdata = Datasets.load(td, t.get().seed());
            if (!Arrays.equals(tdata.sampleShape(), shape) || tdata.numClasses() != data.numClasses()) {
                found.add(new SpecProblem("compression", "the distill teacher, run " + id + ", takes inputs of shape "
                        + Arrays.toString(tdata.sampleShape()) + " with " + tdata.numClasses() + " classes, but "
                        + "this data has " + Arrays.toString(shape) + " with " + data.numClasses() + "; pick a "
                        + "teacher trained on data of the same shape"));
            }
        } catch (DatasetException | IllegalArgumentException e) {
            found.add(new SpecProblem("compression", "the distill teacher's data, " + td.name()
                    + ", cannot be read to check its shape; pick a teacher trained on this data"));
        }
    }

    private static Net describe(ExperimentSpec spec, long[] shape, int classes, String field, List<SpecProblem> out) {
        return describe(spec.model(), shape, classes, field, out);
    }

    private static Net describe(dev.verdant.spec.ModelSpec model, long[] shape, int classes, String field,
                                List<SpecProblem> out) {
        try {
            Net net = Architectures.describe(model, shape, classes);
            net.checkShapes();
            return net;
        } catch (SpecException e) {
            out.addAll(e.problems());
        } catch (IllegalStateException | IllegalArgumentException e) {
            out.add(new SpecProblem(field, "the network does not build for data of shape " + Arrays.toString(shape)
                    + ": " + e.getMessage()));
        }
        return null;
    }

    private static int smallerSide(Layer l) {
        if (l instanceof Layer.Dense dense) {
            return Math.min(dense.in(), dense.out());
        }
        if (l instanceof Layer.Conv c) {
            return Math.min(c.in() * c.kernel() * c.kernel() / c.groups(), c.out());
        }
        return 0;
    }
}
