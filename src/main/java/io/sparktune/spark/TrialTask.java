package io.sparktune.spark;

import io.sparktune.data.DataCache;
import io.sparktune.data.DataFiles;
import io.sparktune.data.DataSpec;
import io.sparktune.results.LocalHost;
import io.sparktune.results.TrialJournal;
import io.sparktune.trial.Dl4jRuntime;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialRunner;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.util.SerializableConfiguration;

/**
 * What an executor does with one trial: read and write files with the driver's Hadoop configuration
 * (the user's spark.hadoop.* settings), limit native threads to the cores its task owns, take the data
 * from the JVM-wide cache, train, stamp the result with where it ran, and record it in the journal before
 * the task ends, so a lost driver loses no finished trial.
 */
final class TrialTask implements Function<TrialConfig, TrialResult> {
    private final DataSpec data;
    private final SerializableConfiguration hadoop;
    private final long splitSeed;
    private final TrialJournal journal;
    private final long notAfter;

    /** {@code notAfter}: epoch milliseconds after which a trial is not started (the search's time budget). */
    TrialTask(DataSpec data, Configuration hadoop, long splitSeed, TrialJournal journal, long notAfter) {
        this.data = data;
        this.hadoop = new SerializableConfiguration(hadoop);
        this.splitSeed = splitSeed;
        this.journal = journal;
        this.notAfter = notAfter;
    }

    /** The cores Spark gave the running task (spark.task.cpus); 1 outside a task. */
    static int taskCores() {
        TaskContext task = TaskContext.get();
        return task == null ? 1 : task.cpus();
    }

    /** Null when the time budget ran out before this trial could start. */
    @Override
    public TrialResult call(TrialConfig trial) {
        if (System.currentTimeMillis() > notAfter) {
            return null;
        }
        DataFiles.use(hadoop.value());
        Dl4jRuntime.limitThreads(taskCores());
        TrialResult result = new TrialRunner().run(trial, DataCache.training(data, splitSeed))
                .ranOn(LocalHost.name(), SparkEnv.get().executorId());
        journal.record(result);
        return result;
    }
}
