package io.sparktune.trial;

import io.sparktune.data.DataFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;

/**
 * Where a trial's network is kept between rungs of successive halving (Hadoop FileSystem paths every
 * executor can read), and the learning curve it has so far. A task continues from {@code from}, the
 * network its previous rung saved (null at a trial's first rung), and saves to {@code to}, a file of its
 * own rung. So a task retried after its executor died, even after it saved, starts again from the same
 * network: the strategy only hands out {@code from} once the journal holds the rung that wrote it. The
 * network is saved with its updater state, so training continues exactly where it stopped.
 */
public record Checkpoint(String from, String to, List<EpochResult> earlier) implements Serializable {
    public Checkpoint {
        earlier = List.copyOf(earlier);
    }

    public boolean hasNetwork() {
        return from != null;
    }

    MultiLayerNetwork load() {
        try (InputStream in = DataFiles.fileSystem(from).open(new Path(from))) {
            return ModelSerializer.restoreMultiLayerNetwork(in, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + from, e);
        }
    }

    void save(MultiLayerNetwork network) {
        saveNetwork(network, to);
    }

    /** A network with its updater state, as plain DL4J's ModelSerializer reads it back; never half written. */
    public static void saveNetwork(MultiLayerNetwork network, String path) {
        try {
            DataFiles.replace(path, out -> ModelSerializer.writeModel(network, out, true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the network to " + path, e);
        }
    }
}
