package io.sparktune.trial;

import java.io.Serializable;

/**
 * What a trial's task hands back to the driver: its result and, at a rung of successive halving that
 * finished its epochs, the network to continue from (null otherwise); and when the final check may reuse
 * trials' networks, the network as it was after the objective's best epoch, if that epoch was in this task
 * (null otherwise). The driver stores them; the executor that trained them keeps nothing.
 */
public record TrialOutcome(TrialResult result, NetworkState network, NetworkState best) implements Serializable {

    public TrialOutcome(TrialResult result, NetworkState network) {
        this(result, network, null);
    }
}
