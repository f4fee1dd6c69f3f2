package io.sparktune.trial;

import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import java.io.Serializable;

/**
 * One candidate to train: its id within the search, the full model config (whose {@code epochs} is the
 * number to reach), its own seed, and for successive halving its rung and checkpoint (null otherwise).
 */
public record TrialConfig(int trialId, ModelConfig model, long seed, int rung, Checkpoint checkpoint)
        implements Serializable {

    public TrialConfig(int trialId, ModelConfig model, long seed) {
        this(trialId, model, seed, 0, null);
    }

    /** The epochs the learning-rate schedule spans: the last rung's under successive halving, else the trial's. */
    public int scheduleEpochs() {
        return checkpoint == null ? model.get(Hyperparameters.EPOCHS) : checkpoint.lastEpochs();
    }

    /** The epochs this task trains: all of them, or those after its checkpoint's under successive halving. */
    public int epochsToTrain() {
        int done = checkpoint == null ? 0 : checkpoint.earlier().size();
        return Math.max(0, model.get(Hyperparameters.EPOCHS) - done);
    }

    /**
     * Derives the trial's seed from the spec seed and the trial id alone (SplitMix64's finalizer), so the
     * same spec gives every trial the same seed wherever and in whatever order it runs.
     */
    public static TrialConfig of(int trialId, ModelConfig model, long specSeed) {
        // Non-negative and within int range keeps the seed readable and usable by every RNG we hand it to.
        return new TrialConfig(trialId, model, mix(specSeed, trialId) >>> 33);
    }

    /** SplitMix64's finalizer of the spec seed and a trial id: a stream of its own for each trial. */
    public static long mix(long specSeed, int trialId) {
        long z = specSeed + 0x9E3779B97F4A7C15L * (trialId + 1L);
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
