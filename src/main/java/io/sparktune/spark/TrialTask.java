package io.sparktune.spark;

import io.sparktune.data.DataCache;
import io.sparktune.spec.DataSpec;
import io.sparktune.trial.Dl4jRuntime;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialRunner;
import org.apache.spark.SparkEnv;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;

/**
 * What an executor does with one trial: limit native threads to the cores its task owns, take the data
 * from the JVM-wide cache, train, and stamp the result with where it ran.
 */
final class TrialTask implements Function<TrialConfig, TrialResult> {
    private final DataSpec data;
    private final long splitSeed;

    TrialTask(DataSpec data, long splitSeed) {
        this.data = data;
        this.splitSeed = splitSeed;
    }

    @Override
    public TrialResult call(TrialConfig trial) {
        TaskContext task = TaskContext.get();
        Dl4jRuntime.limitThreads(task == null ? 1 : task.cpus());
        TrialResult result = new TrialRunner().run(trial, DataCache.training(data, splitSeed));
        return result.ranOn(hostName(), SparkEnv.get().executorId());
    }

    private static String hostName() {
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            return "unknown";
        }
    }
}
