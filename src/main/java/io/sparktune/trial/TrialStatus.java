package io.sparktune.trial;

/** How a trial ended; stored lower-case in the {@code status} column. */
public enum TrialStatus {
    /** Trained every epoch it was asked to. */
    OK,
    /** The training loss became NaN or infinite; the curves up to then are kept. */
    DIVERGED,
    /** An exception ended it; the reason is in {@code error}. */
    FAILED,
    /** Successive halving stopped it at a rung, as not among the best; its curve so far is kept. */
    PRUNED;

    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
