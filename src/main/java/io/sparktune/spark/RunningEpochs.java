package io.sparktune.spark;

import io.sparktune.trial.EpochResult;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiConsumer;
import org.apache.spark.SparkContext;
import org.apache.spark.scheduler.AccumulableInfo;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerExecutorMetricsUpdate;
import org.apache.spark.util.CollectionAccumulator;
import scala.Tuple4;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Each running trial's epochs as its task trains them, carried to the driver by Spark itself, so a long trial
 * is not silent until it ends and no shared file is needed between hosts: the task adds each epoch to an
 * accumulator, and executors' heartbeats (every {@code spark.executor.heartbeatInterval}, 10 s by default) bring
 * running tasks' accumulator values to this listener on the driver.
 */
final class RunningEpochs extends SparkListener {
    /** One epoch of one trial, as a task adds it. */
    record Epoch(int trialId, EpochResult epoch) implements Serializable {
    }

    private final SparkContext spark;
    private final CollectionAccumulator<Epoch> accumulator;
    /** Who hears the epochs now; null between a search's dispatches. */
    private volatile BiConsumer<Integer, EpochResult> heard;
    /** Epochs already passed on, by trial and epoch: a heartbeat repeats every epoch its task has added. */
    private final Set<String> seen = ConcurrentHashMap.newKeySet();

    private RunningEpochs(SparkContext spark) {
        this.spark = spark;
        this.accumulator = new CollectionAccumulator<>();
        spark.register(accumulator, "sparktune running epochs");
    }

    /**
     * A listener for the life of {@code spark}: it is never removed, since removing the last listener of
     * Spark's shared queue stops that queue's thread and waits for it, which a search being interrupted must
     * not do.
     */
    static RunningEpochs on(SparkContext spark) {
        RunningEpochs listener = new RunningEpochs(spark);
        spark.addSparkListener(listener);
        return listener;
    }

    boolean isOn(SparkContext context) {
        return spark == context;
    }

    /** From now on {@code listener} hears each epoch once, on Spark's listener thread; null: nobody does. */
    void hear(BiConsumer<Integer, EpochResult> listener) {
        heard = listener;
    }

    /** What a trial's task adds its epochs to. */
    CollectionAccumulator<Epoch> accumulator() {
        return accumulator;
    }

    @Override
    public void onExecutorMetricsUpdate(SparkListenerExecutorMetricsUpdate update) {
        for (Tuple4<Object, Object, Object, scala.collection.immutable.Seq<AccumulableInfo>> task
                : CollectionConverters.asJava(update.accumUpdates())) {
            for (AccumulableInfo info : CollectionConverters.asJava(task._4())) {
                if (info.id() == accumulator.id() && info.update().isDefined()
                        && info.update().get() instanceof List<?> epochs) {
                    for (Object item : epochs) {
                        BiConsumer<Integer, EpochResult> listener = heard;
                        if (item instanceof Epoch e && listener != null
                                && seen.add(e.trialId() + "/" + e.epoch().epoch())) {
                            listener.accept(e.trialId(), e.epoch());
                        }
                    }
                }
            }
        }
    }
}
