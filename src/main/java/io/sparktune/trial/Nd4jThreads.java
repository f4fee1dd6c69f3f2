package io.sparktune.trial;

import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;

/**
 * Limits ND4J's native thread pools to the cores a trial owns. Trials run side by side in one JVM, so
 * without this each would start one OpenMP thread per core and they would fight for the same cores.
 */
public final class Nd4jThreads {
    private Nd4jThreads() {
    }

    public static void limit(int threads) {
        Nd4j.getEnvironment().setMaxMasterThreads(threads);
        Nd4j.getEnvironment().setMaxThreads(threads);
        NativeOpsHolder.getInstance().getDeviceNativeOps().setOmpNumThreads(threads);
    }
}
