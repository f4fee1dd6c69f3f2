package io.sparktune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IdxReaderTest {
    @TempDir
    Path dir;

    /** count images of 4x3 pixels, pixel p of image i = 10 * i + p; labels as given. */
    static byte[] images(int count) {
        ByteBuffer b = ByteBuffer.allocate(16 + count * 12);
        b.putInt(0x00000803).putInt(count).putInt(4).putInt(3);
        for (int i = 0; i < count; i++) {
            for (int p = 0; p < 12; p++) {
                b.put((byte) (10 * i + p));
            }
        }
        return b.array();
    }

    static byte[] labels(int... values) {
        ByteBuffer b = ByteBuffer.allocate(8 + values.length);
        b.putInt(0x00000801).putInt(values.length);
        for (int v : values) {
            b.put((byte) v);
        }
        return b.array();
    }

    static byte[] gzip(byte[] raw) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
            gz.write(raw);
        }
        return out.toByteArray();
    }

    @Test
    void readsRawTrainingAndGzippedTestFiles() throws Exception {
        Files.write(dir.resolve("train-images-idx3-ubyte"), images(3));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(0, 2, 1));
        Files.write(dir.resolve("t10k-images-idx3-ubyte.gz"), gzip(images(2)));
        Files.write(dir.resolve("t10k-labels-idx1-ubyte.gz"), gzip(labels(1, 1)));
        IdxReader reader = new IdxReader(dir.toString());
        RawImages train = reader.trainingPool();
        assertEquals(new ImageShape(1, 4, 3), train.shape());
        assertArrayEquals(new int[] {0, 2, 1}, train.labels());
        assertEquals(List.of("0", "1", "2"), train.classNames());
        assertEquals(21, train.pixels().value(2, 1));
        assertArrayEquals(new int[] {1, 1}, reader.testSet().labels());
    }

    @Test
    void classNamesComeFromClassesTxt() throws Exception {
        Files.write(dir.resolve("train-images-idx3-ubyte"), images(2));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(0, 1));
        Files.writeString(dir.resolve("classes.txt"), "T-shirt/top\nTrouser\n");
        assertEquals(List.of("T-shirt/top", "Trouser"), new IdxReader(dir.toString()).trainingPool().classNames());
    }

    @Test
    void aTruncatedImageFileIsNamed() throws Exception {
        byte[] whole = images(3);
        Files.write(dir.resolve("train-images-idx3-ubyte"), Arrays.copyOf(whole, whole.length - 5));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(0, 1, 2));
        DataException e = assertThrows(DataException.class, () -> new IdxReader(dir.toString()).trainingPool());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte is truncated or too long: 47 bytes where its"
                + " header promises 52"), e.getMessage());
    }

    @Test
    void aLabelFileOfAnotherCountOrAWrongMagicNumberIsNamed() throws Exception {
        Files.write(dir.resolve("train-images-idx3-ubyte"), images(3));
        Files.write(dir.resolve("train-labels-idx1-ubyte"), labels(0, 1));
        DataException count = assertThrows(DataException.class, () -> new IdxReader(dir.toString()).trainingPool());
        assertTrue(count.getMessage().contains("train-labels-idx1-ubyte holds 2 labels for 3 images"),
                count.getMessage());
        Files.write(dir.resolve("train-labels-idx1-ubyte"), images(3));
        DataException magic = assertThrows(DataException.class, () -> new IdxReader(dir.toString()).trainingPool());
        assertTrue(magic.getMessage().contains("is not an IDX label file"), magic.getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        DataException e = assertThrows(DataException.class, () -> new IdxReader(dir.toString()).trainingPool());
        assertTrue(e.getMessage().contains("train-images-idx3-ubyte (or train-images-idx3-ubyte.gz) is missing"),
                e.getMessage());
    }

    @Test
    void readsDebiansFashionMnist() {
        Path debian = RequiredData.fashionMnist();
        IdxReader reader = new IdxReader(debian.toString());
        RawImages train = reader.trainingPool();
        assertEquals(60_000, train.size());
        assertEquals(new ImageShape(1, 28, 28), train.shape());
        assertEquals(10, train.classNames().size());
        assertEquals(10_000, reader.testSet().size());
    }
}
