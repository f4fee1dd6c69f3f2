package io.sparktune.trial;

import io.sparktune.data.DataFiles;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * Where a trial's network is kept between rungs of successive halving (Hadoop FileSystem paths every
 * executor can read), and the learning curve it has so far. A task continues from {@code from}, the
 * network its previous rung saved (null at a trial's first rung), and saves to {@code to}, a file of its
 * own rung. So a task retried after its executor died, even after it saved, starts again from the same
 * network: the strategy only hands out {@code from} once the journal holds the rung that wrote it. The
 * network is saved with its updater state, so training continues exactly where it stopped.
 * {@code lastEpochs} is where the trial's last rung ends: its learning-rate schedule spans that many epochs
 * from its first rung on, so a trial continued rung by rung learns at the rates an unbroken one would.
 */
public record Checkpoint(String from, String to, List<EpochResult> earlier, int lastEpochs) implements Serializable {
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
        try {
            DataFiles.replace(to, out -> write(network, out));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the checkpoint " + to, e);
        }
    }

    /**
     * The network and its updater state as ModelSerializer lays them out (so ModelSerializer reads it back),
     * but stored without compression: deflating 9 MB of float noise took half a second a task and saved
     * little, where a checkpoint lives only until the next rung reads it.
     */
    static void write(MultiLayerNetwork network, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.NO_COMPRESSION);
        zip.putNextEntry(new ZipEntry(ModelSerializer.CONFIGURATION_JSON));
        zip.write(network.getLayerWiseConfigurations().toJson().getBytes(StandardCharsets.UTF_8));
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(zip, 1 << 16));
        zip.putNextEntry(new ZipEntry(ModelSerializer.COEFFICIENTS_BIN));
        Nd4j.write(network.params(), data);
        data.flush();
        INDArray state = network.getUpdater().getStateViewArray();
        if (state != null && state.length() > 0) {
            zip.putNextEntry(new ZipEntry(ModelSerializer.UPDATER_BIN));
            Nd4j.write(state, data);
            data.flush();
        }
        zip.finish();
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
