package io.sparktune.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.ImageShape;
import io.sparktune.model.Head;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.Padding;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.trial.TrialConfig;
import java.util.List;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;

/**
 * An executor's memory beside its heap covers what was measured (peak resident memory less a 1 GiB heap,
 * BENCHMARKS.md), is set as spark.executor.memoryOverhead when the user has not set it, and leaves the
 * user's own setting alone.
 */
class ExecutorMemoryTest {
    private static final ImageShape CIFAR = new ImageShape(3, 32, 32);
    private static final ModelConfig STRONG = ModelConfig.REFERENCE.with(Hyperparameters.CONV_LAYERS, 3)
            .with(Hyperparameters.CONVS_PER_BLOCK, 2).with(Hyperparameters.PADDING, Padding.SAME)
            .with(Hyperparameters.BATCH_NORM, true).with(Hyperparameters.HEAD, Head.GLOBAL_AVG);

    private static ExecutorMemory memory(ModelConfig model, long images, SparkConf conf) {
        return ExecutorMemory.of(BuiltInNetwork.INSTANCE, List.of(TrialConfig.of(1, model, 1)), CIFAR, 10, images, conf);
    }

    @Test
    void theEstimateCoversThePeaksMeasuredAndIsNotFarAbove() {
        record Measured(ModelConfig model, long images, long megabytes) {
        }
        for (Measured m : List.of(new Measured(ModelConfig.REFERENCE, 4000, 649),
                new Measured(ModelConfig.REFERENCE, 10_000, 739),
                new Measured(STRONG.with(Hyperparameters.BATCH_SIZE, 64), 4000, 1020),
                new Measured(STRONG.with(Hyperparameters.BATCH_SIZE, 256), 4000, 1962))) {
            double estimate = memory(m.model(), m.images(), new SparkConf(false)).offHeapBytes() / 1e6;
            assertTrue(estimate >= m.megabytes() && estimate <= 1.25 * m.megabytes(),
                    estimate + " MB estimated for " + m);
        }
    }

    @Test
    void theOverheadIsSetUnlessGivenAndCountsEveryTrialOfAnExecutor() {
        SparkConf two = new SparkConf(false).set("spark.executor.cores", "2");
        ExecutorMemory both = memory(STRONG, 4000, two);
        assertEquals(2, both.trialsPerExecutor());
        assertEquals(both.runtimeBytes() + both.dataBytes() + 2 * both.trialBytes(), both.offHeapBytes());
        String line = both.applyTo(two);
        assertEquals(both.overheadMiB() + "m", two.get(ExecutorMemory.OVERHEAD));
        assertEquals(0, both.overheadMiB() % 64);
        assertTrue(both.overheadMiB() << 20 >= both.offHeapBytes());
        assertTrue(line.contains("2 trials") && line.contains("spark.executor.memoryOverhead="), line);
        // ND4J's arrays may fill the overhead, and the process its container (1 GiB heap by default).
        assertEquals("-Dorg.bytedeco.javacpp.maxbytes=" + both.overheadMiB() + "m -Dorg.bytedeco.javacpp"
                + ".maxphysicalbytes=" + (1024 + both.overheadMiB()) + "m", two.get(ExecutorMemory.JAVA_OPTIONS));
        assertTrue(line.endsWith("; JavaCPP maxbytes=" + both.overheadMiB() + "m, maxphysicalbytes="
                + (1024 + both.overheadMiB()) + "m"), line);

        SparkConf given = new SparkConf(false).set(ExecutorMemory.OVERHEAD, "3g")
                .set("spark.executor.memory", "2g").set(ExecutorMemory.JAVA_OPTIONS, "-XX:+UseG1GC");
        String kept = memory(STRONG, 4000, given).applyTo(given);
        assertEquals("3g", given.get(ExecutorMemory.OVERHEAD));
        assertEquals("-XX:+UseG1GC -Dorg.bytedeco.javacpp.maxbytes=3072m -Dorg.bytedeco.javacpp.maxphysicalbytes=5120m",
                given.get(ExecutorMemory.JAVA_OPTIONS), "the user's options kept, the limits added");
        assertTrue(kept.contains("spark.executor.memoryOverhead=3g (yours)"), kept);

        SparkConf own = new SparkConf(false).set(ExecutorMemory.JAVA_OPTIONS, "-Dorg.bytedeco.javacpp.maxbytes=6g");
        memory(STRONG, 4000, own).applyTo(own);
        assertEquals("-Dorg.bytedeco.javacpp.maxbytes=6g", own.get(ExecutorMemory.JAVA_OPTIONS), "yours win");
    }
}
