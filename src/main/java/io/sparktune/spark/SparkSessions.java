package io.sparktune.spark;

import io.sparktune.data.DataFiles;
import io.sparktune.spec.ExecutionSpec;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;
import scala.Tuple2;

/** Starts Spark for a search or a query, with settings that are safe on a laptop and honest on a cluster. */
public final class SparkSessions {
    private SparkSessions() {
    }

    /**
     * Under spark-submit the master and resources come from there; otherwise the spec's local master is
     * used, bound to loopback with the UI off, as nothing outside this machine should reach a local run.
     */
    public static SparkSession forSearch(ExecutionSpec execution, String appName) {
        return start(searchConf(execution), appName);
    }

    /** A search's session, from {@link #searchConf} with whatever the caller added. */
    public static SparkSession start(SparkConf conf, String appName) {
        return started(SparkSession.builder().appName("sparktune " + appName).config(conf).getOrCreate());
    }

    /** The settings a search's session starts with: spark-submit's, or a local master's, and sparktune's defaults. */
    public static SparkConf searchConf(ExecutionSpec execution) {
        SparkConf conf = new SparkConf();
        boolean submitted = conf.contains("spark.master");
        if (!submitted) {
            conf.setMaster(execution.localMaster());
            localDefaults(conf, execution.sparkUi());
        }
        String threads = Integer.toString(execution.threadsPerTrial());
        conf.setIfMissing("spark.task.cpus", threads);
        conf.setIfMissing("spark.executorEnv.OMP_NUM_THREADS", threads);
        // Executors train: few malloc arenas keep a long trial's resident memory flat (see bin/sparktune).
        conf.setIfMissing("spark.executorEnv.MALLOC_ARENA_MAX", "2");
        // Trials are few, long tasks: never wait for data locality, and never speculate (it would retrain).
        conf.setIfMissing("spark.locality.wait", "0s");
        conf.setIfMissing("spark.speculation", "false");
        sqlDefaults(conf);
        return conf;
    }

    /** A small local session for reading result tables. */
    public static SparkSession forQuery() {
        SparkConf conf = new SparkConf();
        if (!conf.contains("spark.master")) {
            conf.setMaster("local[2]");
            localDefaults(conf, false);
        }
        sqlDefaults(conf);
        return started(SparkSession.builder().appName("sparktune query").config(conf).getOrCreate());
    }

    /**
     * The Hadoop configuration Spark will give its file systems, known before Spark starts: the site files
     * on the classpath plus every {@code spark.hadoop.*} setting (from spark-submit, spark-defaults.conf or
     * a -D system property), as Spark applies them. The driver reads the spec's data and claims the output
     * folder with it before the session exists.
     */
    public static Configuration hadoopConfiguration() {
        Configuration hadoop = new Configuration();
        for (Tuple2<String, String> setting : new SparkConf().getAllWithPrefix("spark.hadoop.")) {
            hadoop.set(setting._1(), setting._2());
        }
        return hadoop;
    }

    /** From here on, every file this JVM reads or writes uses the session's Hadoop configuration. */
    private static SparkSession started(SparkSession session) {
        DataFiles.use(session.sparkContext().hadoopConfiguration());
        return session;
    }

    private static void sqlDefaults(SparkConf conf) {
        // Result tables have thousands of rows at most: a few shuffle partitions are plenty.
        conf.setIfMissing("spark.sql.shuffle.partitions", "4");
        // The trials table is wide; Spark would otherwise warn that it truncated the plan's description.
        conf.setIfMissing("spark.sql.debug.maxToStringFields", "200");
    }

    private static void localDefaults(SparkConf conf, boolean ui) {
        conf.setIfMissing("spark.driver.host", "127.0.0.1");
        conf.setIfMissing("spark.driver.bindAddress", "127.0.0.1");
        conf.setIfMissing("spark.ui.enabled", Boolean.toString(ui));
        conf.setIfMissing("spark.sql.warehouse.dir",
                new java.io.File(System.getProperty("java.io.tmpdir"), "sparktune-warehouse").toURI().toString());
    }
}
