package io.sparktune.bench;

/** Another framework training the reference CNN, for a side-by-side comparison. */
public interface PeerTrainer extends AutoCloseable {
    String name();

    /** Builds a fresh network for this many threads. */
    void reset(int threads, long seed);

    /** Trains one pass over the batches; returns the mean loss. */
    double trainEpoch(BenchBatches batches);

    /**
     * The share of the last {@link #trainEpoch}'s images its steps classified right, counted as sparktune's
     * trial runner counts training accuracy; NaN where a trainer does not count it.
     */
    default double trainAccuracy() {
        return Double.NaN;
    }

    /**
     * Starts from these weights instead of its own draws: for each weight-bearing layer in order, its weights
     * as PyTorch lays them out, then, for batch norm, gamma and beta; the last two are the output layer's
     * weights ([classes, inputs]) and bias. Only twins that support it override this.
     */
    default void startFrom(java.util.List<float[]> weights) {
        throw new UnsupportedOperationException(name() + " cannot start from given weights");
    }

    /**
     * The loss of minibatch {@code index} and the gradient of every trained parameter, in {@link #startFrom}'s layout,
     * without updating anything: for comparing two frameworks' arithmetic step by step.
     */
    default StepGradients gradients(BenchBatches batches, int index) {
        throw new UnsupportedOperationException(name() + " cannot report gradients");
    }

    /** One training step on minibatch {@code index}; returns how many of its images the step classified right. */
    default long trainStep(BenchBatches batches, int index) {
        throw new UnsupportedOperationException(name() + " cannot take single steps");
    }

    /** The trained parameters now, in {@link #startFrom}'s layout. */
    default java.util.List<float[]> weights() {
        throw new UnsupportedOperationException(name() + " cannot report its weights");
    }

    /** A minibatch's mean loss and its parameters' gradients. */
    record StepGradients(double loss, java.util.List<float[]> gradients) {
    }

    /** Predicts every batch; returns the accuracy. */
    double inferEpoch(BenchBatches batches);

    @Override
    void close();
}
