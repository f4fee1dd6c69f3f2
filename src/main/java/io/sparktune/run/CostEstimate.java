package io.sparktune.run;

/**
 * The core-seconds and wall time of {@code flops} of training at a pace measured per core, on {@code slots}
 * trials side by side of {@code threads} cores each. The pace is per core because a search saves it as
 * its FLOPs over its tasks' seconds times their threads, so a trial's cores are counted once: in the core-
 * seconds, and in dividing them out of the wall time.
 */
record CostEstimate(double coreSeconds, double wallSeconds) {
    static CostEstimate of(double flops, double flopsPerCoreSecond, int threads, int slots) {
        double coreSeconds = flops / flopsPerCoreSecond;
        return new CostEstimate(coreSeconds, coreSeconds / (Math.max(1, threads) * Math.max(1, slots)));
    }
}
