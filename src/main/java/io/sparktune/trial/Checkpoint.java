package io.sparktune.trial;

import io.sparktune.data.DataFiles;
import io.sparktune.model.CnnFactory;
import io.sparktune.model.ReluActivation;
import java.io.BufferedOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

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
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read checkpoint " + from, e);
        }
    }

    /**
     * A network and its updater state from a file in ModelSerializer's layout, compressed or not, read as
     * ModelSerializer reads it but with the arrays copied in bulk.
     */
    static MultiLayerNetwork read(InputStream in) throws IOException {
        Map<String, byte[]> entries = new HashMap<>();
        ZipInputStream zip = new ZipInputStream(in);
        for (ZipEntry entry = zip.getNextEntry(); entry != null; entry = zip.getNextEntry()) {
            entries.put(entry.getName(), zip.readAllBytes());
        }
        byte[] json = entries.get(ModelSerializer.CONFIGURATION_JSON);
        byte[] coefficients = entries.get(ModelSerializer.COEFFICIENTS_BIN);
        if (json == null || coefficients == null) {
            throw new IOException("not a network saved by sparktune or ModelSerializer: it lacks "
                    + (json == null ? ModelSerializer.CONFIGURATION_JSON : ModelSerializer.COEFFICIENTS_BIN));
        }
        MultiLayerConfiguration configuration = MultiLayerConfiguration.fromJson(
                new String(json, StandardCharsets.UTF_8));
        INDArray parameters = Nd4jArrayFormat.read(coefficients);
        configuration.setDataType(parameters.dataType());
        MultiLayerNetwork network = new MultiLayerNetwork(configuration);
        network.init(parameters, false);
        CnnFactory.prepare(network);
        byte[] updater = entries.get(ModelSerializer.UPDATER_BIN);
        if (updater != null) {
            network.getUpdater().setStateViewArray(network, Nd4jArrayFormat.read(updater), false);
        }
        return network;
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
        Nd4jArrayFormat.write(network.params(), data);
        data.flush();
        INDArray state = network.getUpdater().getStateViewArray();
        if (state != null && state.length() > 0) {
            zip.putNextEntry(new ZipEntry(ModelSerializer.UPDATER_BIN));
            Nd4jArrayFormat.write(state, data);
            data.flush();
        }
        zip.finish();
    }

    /**
     * A network with its updater state, as plain DL4J's ModelSerializer reads it back, without sparktune's
     * classes where DL4J has its own; never half written.
     */
    public static void saveNetwork(MultiLayerNetwork network, String path) {
        MultiLayerNetwork plain = new MultiLayerNetwork(
                ReluActivation.withDl4jRelu(network.getLayerWiseConfigurations()));
        plain.init(network.params(), false);
        INDArray state = network.getUpdater().getStateViewArray();
        if (state != null && state.length() > 0) {
            plain.getUpdater().setStateViewArray(plain, state, false);
        }
        try {
            DataFiles.replace(path, out -> ModelSerializer.writeModel(plain, out, true));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the network to " + path, e);
        }
    }
}
