package io.sparktune.trial;

import io.sparktune.data.DataFiles;
import io.sparktune.model.ReluActivation;
import io.sparktune.network.Network;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import org.apache.hadoop.fs.Path;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.MultiLayerConfiguration;
import org.deeplearning4j.util.ModelSerializer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * A network with its updater state, as bytes in ModelSerializer's layout: what travels between an executor
 * that trained it and the driver that stores it, so no executor needs to see the output folder. The
 * driver keeps a rung's state in the output folder and ships it to whichever executor continues the
 * trial; a final network comes back the same way for the driver to save.
 */
public final class NetworkState implements Serializable {
    private final byte[] bytes;

    private NetworkState(byte[] bytes) {
        this.bytes = bytes;
    }

    /**
     * A rung's network as a checkpoint: sparktune's own layers kept, and stored without compression, since
     * deflating megabytes of float noise took half a second a task and saved little, where a checkpoint
     * lives only until the next rung reads it.
     */
    public static NetworkState of(Network network) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            write(network, out);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the network", e);
        }
        return new NetworkState(out.toByteArray());
    }

    /**
     * A final network as plain DL4J's ModelSerializer reads it back (compressed, with DL4J's own classes
     * where sparktune has a faster one), for users to load without sparktune's training code.
     */
    public static NetworkState forDl4j(Network network) {
        Object configuration = network.configuration() instanceof MultiLayerConfiguration stack
                ? ReluActivation.withDl4jRelu(stack) : network.configuration();
        Network plain = Network.init(configuration, network.params());
        INDArray state = network.updaterState();
        if (state != null && state.length() > 0) {
            plain.setUpdaterState(state);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            ModelSerializer.writeModel(plain.model(), out, true);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot serialise the network", e);
        }
        return new NetworkState(out.toByteArray());
    }

    /** The state a file holds, read whole; the file stays where it is. */
    public static NetworkState load(String path) {
        try (InputStream in = DataFiles.fileSystem(path).open(new Path(path))) {
            return new NetworkState(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the network " + path, e);
        }
    }

    /** Writes the state to {@code path}, replacing what was there in one step; never half written. */
    public void saveTo(String path) {
        try {
            DataFiles.replace(path, out -> out.write(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the network to " + path, e);
        }
    }

    public int size() {
        return bytes.length;
    }

    /** The network, ready to train on from where it stopped. */
    public Network restore() {
        try {
            return read(new ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot restore the network", e);
        }
    }

    /**
     * A network and its updater state from a stream in ModelSerializer's layout, compressed or not, read as
     * ModelSerializer reads it but with the arrays copied in bulk.
     */
    static Network read(InputStream in) throws IOException {
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
        String text = new String(json, StandardCharsets.UTF_8);
        INDArray parameters = Nd4jArrayFormat.read(coefficients);
        Object configuration = Network.configurationFromJson(text);
        if (configuration instanceof ComputationGraphConfiguration graph) {
            graph.setDataType(parameters.dataType());
        } else {
            ((MultiLayerConfiguration) configuration).setDataType(parameters.dataType());
        }
        Network network = Network.init(configuration, parameters);
        byte[] updater = entries.get(ModelSerializer.UPDATER_BIN);
        if (updater != null) {
            network.setUpdaterState(Nd4jArrayFormat.read(updater));
        }
        return network;
    }

    /** The network and its updater state as ModelSerializer lays them out, so ModelSerializer reads it back. */
    static void write(Network network, OutputStream out) throws IOException {
        ZipOutputStream zip = new ZipOutputStream(out);
        zip.setLevel(Deflater.NO_COMPRESSION);
        zip.putNextEntry(new ZipEntry(ModelSerializer.CONFIGURATION_JSON));
        zip.write(network.configurationJson().getBytes(StandardCharsets.UTF_8));
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(zip, 1 << 16));
        zip.putNextEntry(new ZipEntry(ModelSerializer.COEFFICIENTS_BIN));
        Nd4jArrayFormat.write(network.params(), data);
        data.flush();
        INDArray state = network.updaterState();
        if (state != null && state.length() > 0) {
            zip.putNextEntry(new ZipEntry(ModelSerializer.UPDATER_BIN));
            Nd4jArrayFormat.write(state, data);
            data.flush();
        }
        zip.finish();
    }
}
