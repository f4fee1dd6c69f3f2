package io.sparktune.trial;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * How sparktune runs DL4J, set once per JVM before ND4J loads: the oneDNN build of the natives with
 * DL4J's platform helpers on. DL4J 1.0.0-M2.1 turns its helpers off by default and then looks for oneDNN
 * under a class name it no longer ships (see {@code org.nd4j.nativeblas.Nd4jCpu}), so without this its
 * convolutions never reach oneDNN. Measured on the reference CNN: 3.7x faster training, 6.7x faster
 * inference, identical losses (BENCHMARKS.md). Properties already set (e.g. with -D) are left alone.
 */
public final class Dl4jRuntime {
    /** The nd4j-native classifier suffix the pom ships. */
    public static final String NATIVE_BUILD = "-onednn-avx2";
    static final String PLATFORM_EXTENSION = "org.bytedeco.javacpp.platform.extension";
    static final String HELPERS_DISABLED = "org.eclipse.deeplearning4j.helpers.disable";

    private Dl4jRuntime() {
    }

    /** Call before anything touches ND4J in this JVM: every entry point (command line, Spark task) does. */
    public static synchronized void configure() {
        setIfAbsent(PLATFORM_EXTENSION, NATIVE_BUILD);
        setIfAbsent(HELPERS_DISABLED, "false");
    }

    /**
     * Limits ND4J's native thread pools to the cores a trial owns. Trials run side by side in one JVM, so
     * without this each would start one OpenMP thread per core and they would fight for the same cores.
     * OpenBLAS, which does the dense layers' matrix products, keeps a pool of its own (sized from
     * OMP_NUM_THREADS when the JVM starts, otherwise one thread per core), and that pool stays at one thread
     * whatever the trial's count: OpenMP's threads keep spinning on their cores for a while after each of
     * ND4J's parallel ops, so a second OpenBLAS thread waits for a core that is busy doing nothing. With two
     * threads on one reference-CNN trial, a single-threaded OpenBLAS made an epoch 20-25% shorter; with a
     * trial on each core, a shared pool made every product wait for the other trial's core (the same
     * 64x7200x128 product took 2-7x as long). Its setting is the process's, which fits either way.
     */
    public static void limitThreads(int threads) {
        configure();
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
        Nd4j.factory().blas().setMaxThreads(1);
    }

    private static void setIfAbsent(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
