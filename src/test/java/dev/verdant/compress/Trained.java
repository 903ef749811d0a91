package dev.verdant.compress;

import ai.djl.Device;
import dev.verdant.data.Datasets;
import dev.verdant.data.LoadedData;
import dev.verdant.model.Net;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.spec.ModelSpec;
import dev.verdant.train.TrainingObserver;
import dev.verdant.train.TrainingSession;

/** Small trained networks on the built-in digits for the compression tests. */
final class Trained {

    static final CompressionPipeline.Settings QUICK = new CompressionPipeline.Settings(1, 3, 128);

    private Trained() {
    }

    static ExperimentSpec spec(ModelSpec model, int epochs) {
        ExperimentSpec s = ExperimentSpec.defaults().withModel(model).withDevice("cpu");
        return s.withTraining(s.training().withEpochs(epochs));
    }

    static LoadedData digits(ExperimentSpec spec) {
        return Datasets.load(spec.dataset(), spec.seed());
    }

    /** Trains {@code spec} on its data and returns the network read back as a {@link Net}. */
    static Net net(ExperimentSpec spec, LoadedData data) {
        try (TrainingSession session = TrainingSession.create(spec, data, Device.cpu())) {
            if (spec.training().epochs() > 0) {
                session.train(TrainingObserver.NONE, () -> false);
            }
            return session.trainedNet();
        }
    }

    static double accuracy(Net net, LoadedData data) {
        try (LiveNet live = new LiveNet(net, Device.cpu())) {
            return live.accuracy(data.validation());
        }
    }
}
