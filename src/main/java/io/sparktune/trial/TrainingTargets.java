package io.sparktune.trial;

import io.sparktune.data.LabeledImages;
import io.sparktune.model.ClassWeights;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.network.Network;
import org.nd4j.linalg.dataset.DataSet;

/**
 * What training learns from besides the images: the targets, smoothed by {@code label_smoothing}, and each
 * class's weight in the loss ({@code class_weights}, counted on the training images), set in the network's
 * output layer. Validation and test losses are computed apart from both, on the true labels, unweighted.
 */
final class TrainingTargets {
    private final double smoothing;
    private final float[] weights;

    private TrainingTargets(double smoothing, float[] weights) {
        this.smoothing = smoothing;
        this.weights = weights;
    }

    /** The targets {@code model} asks for, its class weights counted on {@code train}. */
    static TrainingTargets of(ModelConfig model, LabeledImages train) {
        return of(model, train.labels(), train.classes());
    }

    /** The same, class weights counted on training images with {@code labels}. */
    static TrainingTargets of(ModelConfig model, int[] labels, int classes) {
        ClassWeights weights = model.get(Hyperparameters.CLASS_WEIGHTS);
        return new TrainingTargets(model.get(Hyperparameters.LABEL_SMOOTHING), weights.of(labels, classes));
    }

    /** Sets the class weights in {@code network}'s loss; with none, leaves it as it is. */
    void weigh(Network network) {
        if (weights != null) {
            network.weighClasses(weights);
        }
    }

    /** The minibatch as a step learns from it. */
    DataSet apply(DataSet batch) {
        if (smoothing == 0) {
            return batch;
        }
        // The running accuracy reads the class from these targets: smoothing keeps it the largest.
        long classes = batch.getLabels().size(1);
        return new DataSet(batch.getFeatures(), batch.getLabels().mul(1 - smoothing).addi(smoothing / classes));
    }

    /** Frees what {@link #apply} made for one step, now rather than when the garbage collector finds it. */
    void release(DataSet applied) {
        applied.getLabels().close();
    }
}
