package io.sparktune.bench;

/** Another framework training the reference CNN, for a side-by-side comparison. */
public interface PeerTrainer extends AutoCloseable {
    String name();

    /** Builds a fresh network for this many threads. */
    void reset(int threads, long seed);

    /** Trains one pass over the batches; returns the mean loss. */
    double trainEpoch(BenchBatches batches);

    /** Predicts every batch; returns the accuracy. */
    double inferEpoch(BenchBatches batches);

    @Override
    void close();
}
