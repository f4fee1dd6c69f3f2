package io.sparktune.spark;

import io.sparktune.data.DataCache;
import io.sparktune.data.DataSpec;
import io.sparktune.data.ImageSource;
import io.sparktune.data.LabeledImages;
import io.sparktune.data.RawImages;
import io.sparktune.data.TrainingData;
import java.io.Serializable;
import org.apache.spark.SparkContext;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * How executors get a search's images. Where every host can read {@code data.path} (HDFS, S3, local mode),
 * each executor reads it itself, once per JVM. A {@code file:} folder on a cluster may be on the driver's
 * disk alone, so there the driver reads the images once and ships them to the executors as a Spark torrent
 * broadcast (each executor fetches them once, from the driver or from executors that have them already).
 * Either way the same spec and seed give every executor the same split.
 */
final class ExecutorData implements Serializable {
    private final DataSpec spec;
    private final long seed;
    private final Broadcast<RawImages> pool;
    private final Broadcast<RawImages> test;

    private ExecutorData(DataSpec spec, long seed, Broadcast<RawImages> pool, Broadcast<RawImages> test) {
        this.spec = spec;
        this.seed = seed;
        this.pool = pool;
        this.test = test;
    }

    /** Whether the driver ships the data: a {@code file:} folder, and executors that may be on other hosts. */
    static boolean shipped(SparkContext spark, DataSpec spec) {
        return !spark.isLocal() && spec.path().startsWith("file:");
    }

    /** The training pool for the trials, shipped when {@link #shipped} says so. */
    static ExecutorData forTrials(JavaSparkContext jsc, DataSpec spec, long seed) {
        Broadcast<RawImages> pool = shipped(jsc.sc(), spec)
                ? jsc.broadcast(ImageSource.of(spec, seed).trainingPool()) : null;
        return new ExecutorData(spec, seed, pool, null);
    }

    /** The training pool and the test set for the final check, shipped when {@link #shipped} says so. */
    static ExecutorData forFinalCheck(JavaSparkContext jsc, DataSpec spec, long seed, RawImages testSet) {
        if (!shipped(jsc.sc(), spec)) {
            return new ExecutorData(spec, seed, null, null);
        }
        return new ExecutorData(spec, seed, jsc.broadcast(ImageSource.of(spec, seed).trainingPool()),
                jsc.broadcast(testSet));
    }

    /** On an executor: the trials' training and validation split, once per JVM. */
    TrainingData training() {
        return DataCache.training(spec, seed, () -> pool == null ? ImageSource.of(spec, seed).trainingPool()
                : pool.value());
    }

    /** On an executor: every image the search used, for the final training. */
    LabeledImages searchImages() {
        return pool == null ? DataCache.searchImages(spec, seed) : DataCache.searchImages(spec, seed, pool.value());
    }

    /** On an executor: the test images; with the driver's check, the only code that reads the test set. */
    LabeledImages testSet() {
        return (test == null ? ImageSource.of(spec, seed).testSet() : test.value()).all();
    }

    /** On the driver, once the jobs that used it are over: frees the shipped copies everywhere. */
    void release() {
        if (pool != null) {
            pool.destroy();
        }
        if (test != null) {
            test.destroy();
        }
    }
}
