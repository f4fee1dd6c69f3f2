package io.sparktune.trial;

import io.sparktune.data.LabeledImages;
import io.sparktune.data.TrainingData;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.NetworkInput;
import io.sparktune.network.Network;
import io.sparktune.network.NetworkSource;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The last step of a search: train a configuration on every image the search used (training and
 * validation together) for the epochs it did best at, then score it once on the test images, which nothing
 * else in sparktune reads.
 */
public final class FinalTraining {
    private FinalTraining() {
    }

    public record Trained(Network network, Metrics test, double seconds) {
    }

    public static Trained run(NetworkSource networks, TrialConfig trial, int epochs, LabeledImages images,
                              LabeledImages test) {
        long start = System.nanoTime();
        Network network = networks.build(trial.model(), NetworkInput.of(trial.model(), images, epochs), trial.seed());
        Augmentation augmentation = Augmentation.of(trial.model(), trial.seed());
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double loss = TrialRunner.trainEpoch(network, images, trial, epoch, augmentation).meanLoss();
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("the training loss became " + loss + " in epoch " + epoch
                        + " of the final training");
            }
        }
        Evaluation evaluation = new Evaluation(test.classNames(), 1);
        for (DataSet batch : TrainingData.batchesInOrder(test, TrainingData.INFERENCE_BATCH)) {
            evaluation.eval(batch.getLabels(), TestViews.output(network, batch.getFeatures(),
                    trial.model().get(Hyperparameters.TTA)));
        }
        return new Trained(network, Metrics.of(evaluation, test.classNames()), (System.nanoTime() - start) / 1e9);
    }
}
