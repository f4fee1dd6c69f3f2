package io.sparktune.trial;

import java.io.ByteArrayInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.util.Arrays;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * ND4J's binary layout of one array, the one {@code Nd4j.write} and {@code Nd4j.read} use (and so
 * ModelSerializer's coefficient and updater files): the shape buffer, then the data buffer, each as its
 * allocation mode, length and type, then its values big-endian. Float data is copied in bulk here, where ND4J
 * writes and reads it value by value: for a 10 MB checkpoint that was 65-95 ms each way, against a few ms.
 * Any other type goes through ND4J itself.
 */
final class Nd4jArrayFormat {
    private static final int CHUNK = 1 << 16;

    private Nd4jArrayFormat() {
    }

    static void write(INDArray array, DataOutputStream out) throws IOException {
        INDArray whole = array.isView() ? array.dup() : array;
        if (whole.dataType() != DataType.FLOAT) {
            Nd4j.write(whole, out);
            return;
        }
        whole.shapeInfoDataBuffer().write(out);
        DataBuffer data = whole.data();
        out.writeUTF(data.allocationMode().name());
        out.writeLong(data.length());
        out.writeUTF(DataType.FLOAT.name());
        FloatBuffer values = data.asNioFloat();
        byte[] chunk = new byte[CHUNK];
        FloatBuffer bigEndian = ByteBuffer.wrap(chunk).order(ByteOrder.BIG_ENDIAN).asFloatBuffer();
        while (values.hasRemaining()) {
            int n = Math.min(values.remaining(), bigEndian.capacity());
            bigEndian.clear();
            bigEndian.put(values.slice().limit(n));
            values.position(values.position() + n);
            out.write(chunk, 0, n * Float.BYTES);
        }
    }

    /** The array in {@code bytes}, one whole zip entry as {@link #write} or {@code Nd4j.write} wrote it. */
    static INDArray read(byte[] bytes) throws IOException {
        ByteArrayInputStream stream = new ByteArrayInputStream(bytes);
        DataInputStream in = new DataInputStream(stream);
        in.readUTF();
        long shapeLength = in.readLong();
        // Shape buffers are 64-bit integers, which ND4J names LONG when it writes them.
        boolean longShape = "LONG".equals(in.readUTF());
        if (!longShape || shapeLength < 4 || shapeLength > 128) {
            return Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        }
        long[] shapeInfo = new long[(int) shapeLength];
        for (int i = 0; i < shapeInfo.length; i++) {
            shapeInfo[i] = in.readLong();
        }
        in.readUTF();
        long length = in.readLong();
        if (!DataType.FLOAT.name().equals(in.readUTF())) {
            return Nd4j.read(new DataInputStream(new ByteArrayInputStream(bytes)));
        }
        int rank = (int) shapeInfo[0];
        long[] shape = Arrays.copyOfRange(shapeInfo, 1, 1 + rank);
        char order = (char) shapeInfo[shapeInfo.length - 1];
        INDArray array = Nd4j.createUninitialized(DataType.FLOAT, shape, order);
        int offset = bytes.length - stream.available();
        if (array.data().length() != length || stream.available() < length * Float.BYTES) {
            throw new IOException("array data holds " + length + " values in " + stream.available()
                    + " bytes, its shape " + Arrays.toString(shape) + " needs " + array.data().length());
        }
        array.data().asNioFloat().put(ByteBuffer.wrap(bytes, offset, (int) length * Float.BYTES)
                .order(ByteOrder.BIG_ENDIAN).asFloatBuffer());
        return array;
    }
}
