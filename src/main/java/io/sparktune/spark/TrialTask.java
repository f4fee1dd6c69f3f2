package io.sparktune.spark;

import io.sparktune.data.DataCache;
import io.sparktune.data.DataSpec;
import io.sparktune.results.LocalHost;
import io.sparktune.results.TrialJournal;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialRunner;
import org.apache.spark.SparkEnv;
import org.apache.spark.api.java.function.Function;

/**
 * What an executor does with one trial: set up the executor ({@link ExecutorSetup}), take the data
 * from the JVM-wide cache, train, stamp the result with where it ran, and record it in the journal before
 * the task ends, so a lost driver loses no finished trial.
 */
final class TrialTask implements Function<TrialConfig, TrialResult> {
    private final DataSpec data;
    private final ExecutorSetup setup;
    private final long splitSeed;
    private final TrialJournal journal;
    private final long notAfter;

    /** {@code notAfter}: epoch milliseconds after which a trial is not started (the search's time budget). */
    TrialTask(DataSpec data, ExecutorSetup setup, long splitSeed, TrialJournal journal, long notAfter) {
        this.data = data;
        this.setup = setup;
        this.splitSeed = splitSeed;
        this.journal = journal;
        this.notAfter = notAfter;
    }

    /** Null when the time budget ran out before this trial could start. */
    @Override
    public TrialResult call(TrialConfig trial) {
        if (System.currentTimeMillis() > notAfter) {
            return null;
        }
        setup.apply();
        TrialResult result = new TrialRunner().run(trial, DataCache.training(data, splitSeed))
                .ranOn(LocalHost.name(), SparkEnv.get().executorId());
        journal.record(result);
        return result;
    }
}
