package io.sparktune.spark;

import io.sparktune.data.DataFiles;
import io.sparktune.trial.Dl4jRuntime;
import java.io.Serializable;
import org.apache.spark.TaskContext;
import org.apache.spark.util.SerializableConfiguration;

/**
 * What every sparktune task sets up in its executor before it touches data or ND4J: files are read and
 * written with the driver's Hadoop configuration (the user's spark.hadoop.* settings), and native threads
 * are limited to the cores the task owns. Taken on the driver, shipped with the task.
 */
final class ExecutorSetup implements Serializable {
    private final SerializableConfiguration hadoop;

    private ExecutorSetup(SerializableConfiguration hadoop) {
        this.hadoop = hadoop;
    }

    /** The driver's settings as they are now. */
    static ExecutorSetup fromDriver() {
        return new ExecutorSetup(new SerializableConfiguration(DataFiles.configuration()));
    }

    /** Call first in a task. */
    void apply() {
        DataFiles.use(hadoop.value());
        Dl4jRuntime.limitThreads(taskCores());
    }

    /** The cores Spark gave the running task (spark.task.cpus); 1 outside a task. */
    static int taskCores() {
        TaskContext task = TaskContext.get();
        return task == null ? 1 : task.cpus();
    }
}
