package io.sparktune.network;

import io.sparktune.data.ImageShape;
import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import java.io.Serializable;

/**
 * Where a search's networks come from: the built-in family, a zoo architecture, a configuration file or the
 * user's own builder. It builds a trial's network from the trial's hyperparameters and says, before anything
 * trains, what training it costs. Shipped to executors with each task, so it holds what it read (a
 * configuration's text) rather than where it read it from.
 */
public interface NetworkSource extends Serializable {
    /** A fresh network for a trial with these hyperparameters, its weights drawn from {@code seed}. */
    Network build(ModelConfig model, NetworkInput input, long seed);

    /** Training FLOPs per image of one step (forward and backward). */
    double trainingFlops(ModelConfig model, ImageShape shape, int classes);

    /** Native bytes one trial holds at its peak, its data aside. */
    long trainingBytes(ModelConfig model, ImageShape shape, int classes);

    /** How the console names it, as in "network: zoo simplecnn". */
    String description();

    /**
     * What the network is, for a resumed search to tell whether it still trains the same one: the description,
     * or for a network read from a file, a digest of what was read (the file may have changed under its name).
     */
    default String identity() {
        return description();
    }

    /** SHA-256 of {@code bytes}, in hex, after {@code what} names them. */
    static String digest(String what, byte[] bytes) {
        try {
            return what + ", sha256 " + java.util.HexFormat.of().formatHex(
                    java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
