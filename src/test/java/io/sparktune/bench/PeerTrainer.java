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

    /** Predicts every batch; returns the accuracy. */
    double inferEpoch(BenchBatches batches);

    @Override
    void close();
}
