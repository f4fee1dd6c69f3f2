package io.sparktune.trial;

import java.io.Serializable;
import java.util.List;

/**
 * Where the driver keeps a trial's network between rungs of successive halving, and the learning curve
 * it has so far. The driver reads {@code from}, the network its previous rung saved (null at a trial's
 * first rung), ships it to the task as a {@link NetworkState}, and stores the state the task hands back at
 * {@code to}, a file of its own rung. So a task retried after its executor died, even after the driver
 * stored its network, starts again from the same network: the strategy only hands out {@code from} once
 * the journal holds the rung that wrote it. The network travels with its updater state, so training
 * continues exactly where it stopped. {@code lastEpochs} is where the trial's last rung ends: its
 * learning-rate schedule spans that many epochs from its first rung on, so a trial continued rung by rung
 * learns at the rates an unbroken one would.
 */
public record Checkpoint(String from, String to, List<EpochResult> earlier, int lastEpochs) implements Serializable {
    public Checkpoint {
        earlier = List.copyOf(earlier);
    }

    public boolean hasNetwork() {
        return from != null;
    }
}
