package io.sparktune.trial;

import io.sparktune.data.LabeledImages;
import io.sparktune.data.TrainingData;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.NetworkInput;
import io.sparktune.model.TestTimeAugmentation;
import io.sparktune.network.Network;
import io.sparktune.network.NetworkSource;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

/**
 * The last step of a search: train a configuration on every image the search used (training and
 * validation together) for the epochs it did best at, on the learning-rate schedule its trial had, then score it
 * once on the test images, which nothing else in sparktune reads. Or score the trial's own network as it was
 * after that epoch, with no training.
 */
public final class FinalTraining {
    private FinalTraining() {
    }

    public record Trained(Network network, Metrics test, double seconds) {
    }

    /**
     * Trains {@code epochs} epochs of a schedule spanning {@code scheduleEpochs} (the trial's): the network the
     * trial scored at its best epoch had been trained so, and stopping there gives the retrained one the same
     * schedule up to that point, where a schedule squeezed into the best epoch count would anneal it earlier.
     */
    public static Trained run(NetworkSource networks, TrialConfig trial, int epochs, int scheduleEpochs,
                              LabeledImages images, LabeledImages test) {
        long start = System.nanoTime();
        Network network = networks.build(trial.model(), NetworkInput.of(trial.model(), images,
                Math.max(epochs, scheduleEpochs)), trial.seed());
        Augmentation augmentation = Augmentation.of(trial.model(), trial.seed());
        for (int epoch = 1; epoch <= epochs; epoch++) {
            double loss = TrialRunner.trainEpoch(network, images, trial, epoch, augmentation).meanLoss();
            if (!Double.isFinite(loss)) {
                throw new IllegalStateException("the training loss became " + loss + " in epoch " + epoch
                        + " of the final training");
            }
        }
        return new Trained(network, score(network, test, trial.model().get(Hyperparameters.TTA)),
                (System.nanoTime() - start) / 1e9);
    }

    /** {@code network}'s scores on {@code test}, on the views {@code views} says. */
    public static Metrics score(Network network, LabeledImages test, TestTimeAugmentation views) {
        Evaluation evaluation = new Evaluation(test.classNames(), 1);
        for (DataSet batch : TrainingData.inOrder(test, TrainingData.INFERENCE_BATCH)) {
            evaluation.eval(batch.getLabels(), TestViews.output(network, batch.getFeatures(), views));
        }
        return Metrics.of(evaluation, test.classNames());
    }
}
