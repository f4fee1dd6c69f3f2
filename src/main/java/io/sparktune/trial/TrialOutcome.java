package io.sparktune.trial;

import java.io.Serializable;

/**
 * What a trial's task hands back to the driver: its result and, at a rung of successive halving that
 * finished its epochs, the network to continue from (null otherwise). The driver stores both; the
 * executor that trained them keeps nothing.
 */
public record TrialOutcome(TrialResult result, NetworkState network) implements Serializable {
}
