package io.sparktune.spark;

import io.sparktune.data.ImageShape;
import io.sparktune.network.NetworkSource;
import io.sparktune.trial.TrialConfig;
import java.util.Collection;
import java.util.Locale;
import org.apache.spark.SparkConf;

/**
 * What an executor needs beside its Java heap. ND4J keeps every array in native memory, so a container
 * sized by the heap alone (YARN and Kubernetes kill one that outgrows its memory) dies mid-trial: the JVM's
 * own native part and ND4J's libraries, the data as floats (once per executor, shared by its trials), and
 * each trial's network, updater state and minibatch activations ({@link NetworkMemory}).
 * Measured on the reference and strong networks (BENCHMARKS.md): this estimate was 3-18% above the peak.
 */
public record ExecutorMemory(long runtimeBytes, long dataBytes, long trialBytes, int trialsPerExecutor) {
    /** The JVM's native memory (metaspace, code, threads, Netty) with ND4J's and oneDNN's libraries loaded. */
    static final long RUNTIME = 600L << 20;
    public static final String OVERHEAD = "spark.executor.memoryOverhead";
    static final String JAVA_OPTIONS = "spark.executor.extraJavaOptions";

    /**
     * For the largest of {@code trials} (the search's first wave), {@code images} of {@code shape} held as
     * floats with their one-hot labels, and as many trials side by side per executor as its cores allow.
     */
    public static ExecutorMemory of(NetworkSource networks, Collection<TrialConfig> trials, ImageShape shape,
                                    int classes, long images, SparkConf conf) {
        long trial = trials.stream().mapToLong(t -> networks.trainingBytes(t.model(), shape, classes))
                .max().orElse(0);
        long data = images * (shape.pixels() + classes) * (long) Float.BYTES;
        int taskCpus = conf.getInt("spark.task.cpus", 1);
        int perExecutor = Math.max(1, conf.getInt("spark.executor.cores", 1) / Math.max(1, taskCpus));
        return new ExecutorMemory(RUNTIME, data, trial, perExecutor);
    }

    public long offHeapBytes() {
        return runtimeBytes + dataBytes + (long) trialsPerExecutor * trialBytes;
    }

    /** The overhead to ask for, in MiB, rounded up to 64 MiB. */
    public long overheadMiB() {
        long mib = (offHeapBytes() + (1 << 20) - 1) >> 20;
        return (mib + 63) / 64 * 64;
    }

    /**
     * Sets {@code spark.executor.memoryOverhead} unless the user has: on YARN and Kubernetes it is what
     * the container may hold beyond the heap. JavaCPP, which allocates ND4J's arrays, refuses to hold more
     * native memory than the heap's size unless told otherwise, so the executors' JavaCPP limits are set
     * to the overhead and to the whole container (unless the user's own Java options name them). Returns
     * the line the console prints.
     */
    public String applyTo(SparkConf conf) {
        boolean given = conf.contains(OVERHEAD);
        if (!given) {
            conf.set(OVERHEAD, overheadMiB() + "m");
        }
        long overhead = conf.getSizeAsMb(OVERHEAD);
        long container = conf.getSizeAsMb("spark.executor.memory", "1g") + overhead;
        String options = conf.get(JAVA_OPTIONS, "");
        String limits = "";
        if (!options.contains("org.bytedeco.javacpp.max")) {
            limits = String.format(Locale.ROOT, "-Dorg.bytedeco.javacpp.maxbytes=%dm"
                    + " -Dorg.bytedeco.javacpp.maxphysicalbytes=%dm", overhead, container);
            conf.set(JAVA_OPTIONS, (options + " " + limits).strip());
        }
        return String.format(Locale.ROOT, "memory: each executor holds about %,d MiB beside its heap (runtime %,d,"
                        + " data %,d, %d trial%s of up to %,d); %s=%s%s%s", mib(offHeapBytes()), mib(runtimeBytes),
                mib(dataBytes), trialsPerExecutor, trialsPerExecutor == 1 ? "" : "s", mib(trialBytes), OVERHEAD,
                conf.get(OVERHEAD), given ? " (yours)" : "", limits.isEmpty() ? "" : "; JavaCPP " + limits
                        .replace("-Dorg.bytedeco.javacpp.", "").replace(" ", ", "));
    }

    /** Mebibytes, as Spark's memory settings count them. */
    private static long mib(long bytes) {
        return Math.round(bytes / (double) (1 << 20));
    }
}
