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
    PRUNED,
    /**
     * Its validation accuracy stayed at chance for {@code stuck_epochs} epochs in a row, so it ended there
     * and freed its core; its curve and the reason are kept. Successive halving ranks it last.
     */
    STUCK;

    public String column() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
