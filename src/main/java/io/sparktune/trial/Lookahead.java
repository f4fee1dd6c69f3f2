package io.sparktune.trial;

import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.network.Network;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Lookahead (Zhang et al., 2019) around whatever optimizer the trial uses: slow weights that, every {@code k}
 * training steps, move a share {@code alpha} of the way to the weights the optimizer reached, which then start
 * again from them. Batch norm's running statistics, being parameters in DL4J, are averaged too, as airbench
 * averages its whole state. The slow weights start with each epoch and its last step always brings the network
 * to them, so between epochs the network holds the slow weights: validation, the best epoch's kept network and
 * a checkpoint all see them, and a trial continued from a checkpoint needs nothing more to go on exactly.
 */
final class Lookahead {
    private final int k;
    private final double alpha;
    private INDArray slow;
    private int steps;

    Lookahead(int k, double alpha) {
        this.k = k;
        this.alpha = alpha;
    }

    static Lookahead of(ModelConfig model) {
        return new Lookahead(model.get(Hyperparameters.LOOKAHEAD_STEPS), model.get(Hyperparameters.LOOKAHEAD_ALPHA));
    }

    boolean isOff() {
        return k == 0;
    }

    /** The network's weights as the epoch starts are the slow weights. */
    void startEpoch(Network network) {
        if (!isOff()) {
            slow = network.params().dup();
            steps = 0;
        }
    }

    /** After each training step; {@code last}: the epoch's last, which always brings the network to the slow ones. */
    void afterStep(Network network, boolean last) {
        if (isOff()) {
            return;
        }
        steps++;
        if (steps % k == 0 || last) {
            INDArray fast = network.params();
            INDArray step = fast.sub(slow).muli(alpha);
            slow.addi(step);
            step.close();
            fast.assign(slow);
        }
        if (last) {
            slow.close();
            slow = null;
        }
    }
}
