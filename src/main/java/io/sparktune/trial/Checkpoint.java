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
 * Where a trial keeps its network between rungs of successive halving (a Hadoop FileSystem path every
 * executor can read), and the learning curve it has so far. The network is saved with its updater state,
 * so training continues exactly where it stopped instead of starting again.
 */
public record Checkpoint(String path, List<EpochResult> earlier) implements Serializable {
    public Checkpoint {
        earlier = List.copyOf(earlier);
    }

    boolean hasNetwork() {
        return !earlier.isEmpty();
    }

    MultiLayerNetwork load() {
        try (InputStream in = DataFiles.fileSystem(path).open(new Path(path))) {
            return ModelSerializer.restoreMultiLayerNetwork(in, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + path, e);
        }
    }

    /** Written under a temporary name and renamed, so a reader never loads half a network. */
    void save(MultiLayerNetwork network) {
        saveNetwork(network, path);
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
