package io.sparktune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Image stores past one array or one mapping. The real limits (2 GB an array or a mapping) are too large to
 * fill in a test, so these stores are cut at a few bytes: the same arithmetic at a size a test can reach.
 */
class PixelStoreTest {
    private static final int IMAGES = 10;
    private static final int IMAGE_BYTES = 7;

    @TempDir
    Path dir;

    /** Image i holds the bytes 10 * i + position. */
    private static byte[] numbered() {
        byte[] bytes = new byte[IMAGES * IMAGE_BYTES];
        for (int i = 0; i < IMAGES; i++) {
            for (int p = 0; p < IMAGE_BYTES; p++) {
                bytes[i * IMAGE_BYTES + p] = (byte) (10 * i + p);
            }
        }
        return bytes;
    }

    private static void assertNumbered(PixelStore store, int... images) {
        assertEquals(images.length, store.count());
        for (int i = 0; i < images.length; i++) {
            for (int p = 0; p < IMAGE_BYTES; p++) {
                assertEquals(10 * images[i] + p, store.image(i)[p], "image " + i + " byte " + p);
                assertEquals(10 * images[i] + p, store.value(i, p), "image " + i + " byte " + p);
            }
        }
    }

    private static PixelStore shipped(PixelStore store) throws IOException, ClassNotFoundException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
            out.writeObject(store);
        }
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
            return (PixelStore) in.readObject();
        }
    }

    @Test
    void aFileIsReadThroughSeveralMappingsEachOfWholeImages() throws Exception {
        Path file = dir.resolve("pixels");
        byte[] header = {9, 9, 9};
        Files.write(file, concat(header, numbered()));
        // 20 bytes a mapping: 2 images of 7 in each, 5 mappings for 10 images.
        MappedPixels mapped = new MappedPixels(file, header.length, IMAGES, IMAGE_BYTES, 20);
        assertNumbered(mapped, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        PixelStore received = shipped(mapped);
        assertInstanceOf(HeapPixels.class, received, "shipped as bytes: the receiving host may not have the file");
        assertNumbered(received, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void aFileShorterThanItsImagesIsRefused() throws Exception {
        Path file = Files.write(dir.resolve("short"), new byte[IMAGES * IMAGE_BYTES - 1]);
        IOException e = assertThrows(IOException.class, () -> new MappedPixels(file, 0, IMAGES, IMAGE_BYTES));
        assertEquals(file + " holds 69 bytes, fewer than its 10 images need (70)", e.getMessage());
    }

    @Test
    void aCopyOnTheHeapIsCutIntoArraysOfWholeImages() {
        HeapPixels copy = HeapPixels.copyOf(PixelStore.of(numbered(), IMAGE_BYTES), 15);
        assertEquals(5, copy.chunks().length, "2 images of 7 bytes in 15");
        assertEquals(14, copy.chunks()[0].length);
        assertNumbered(copy, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
    }

    @Test
    void aSelectionOfASelectionReadsTheChosenImagesAndShipsOnlyThem() throws Exception {
        PixelStore all = PixelStore.of(numbered(), IMAGE_BYTES);
        PixelStore some = all.select(new int[] {9, 2, 4, 6}).select(new int[] {3, 1});
        assertNumbered(some, 6, 2);
        PixelStore received = shipped(some);
        assertInstanceOf(HeapPixels.class, received);
        assertEquals(2 * IMAGE_BYTES, ((HeapPixels) received).chunks()[0].length, "the two chosen images alone");
        assertNumbered(received, 6, 2);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }
}
