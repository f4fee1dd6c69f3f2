package io.sparktune.trial;

import io.sparktune.network.Network;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.BooleanIndexing;
import org.nd4j.linalg.indexing.conditions.Conditions;

/**
 * Keeps the optimizer's state free of subnormal floats, which x86 processors handle in microcode at many
 * times the cost of a normal one. Where a weight's gradient is exactly zero (a dead ReLU unit, a trial stuck
 * at chance), Adam's first moment shrinks by 0.9 a step and, after some 700 steps, passes through the
 * subnormal range: measured on the reference CNN, 32% of the state became subnormal in epoch 6 of 8,000
 * images, and every epoch from then on took twice as long (BENCHMARKS.md). Momentum and RMSProp state decay
 * the same way.
 *
 * <p>The usual cure, flush-to-zero in the thread's MXCSR, cannot be had here: a Java thread with FTZ/DAZ
 * set crashes HotSpot's JIT. So every {@link #EVERY} steps and at the end of every epoch, state values
 * smaller than {@link #THRESHOLD} are set to zero. Such a value moves its weight by less than learning_rate x 1e-30 / 1e-8 (Adam's epsilon)
 * a step, so training is unchanged for any purpose, and from 1e-30 a value needs over 170 steps of decay by
 * 0.9 to become subnormal, far more than the interval.
 */
final class SubnormalFlush {
    static final double THRESHOLD = 1e-30;
    static final int EVERY = 25;

    private SubnormalFlush() {
    }

    static void apply(Network network) {
        INDArray state = network.updaterState();
        if (state != null) {
            BooleanIndexing.replaceWhere(state, 0.0, Conditions.absLessThan(THRESHOLD));
        }
    }

    /** How many values of the optimizer's state are subnormal: zero while the flush keeps up. */
    static long subnormals(Network network) {
        INDArray state = network.updaterState();
        if (state == null) {
            return 0;
        }
        long count = 0;
        for (float v : state.dup().data().asFloat()) {
            count += v != 0 && Math.abs(v) < Float.MIN_NORMAL ? 1 : 0;
        }
        return count;
    }
}
