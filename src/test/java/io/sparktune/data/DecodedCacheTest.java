package io.sparktune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A host decodes a folder of photos once; later searches read the decoded images back. */
class DecodedCacheTest {
    @TempDir
    Path dir;
    private String before;

    @BeforeEach
    void home() {
        before = System.getProperty("sparktune.home");
        System.setProperty("sparktune.home", dir.resolve("home").toString());
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty("sparktune.home");
        } else {
            System.setProperty("sparktune.home", before);
        }
    }

    private static void png(Path file, int shade) throws Exception {
        BufferedImage image = new BufferedImage(10, 10, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 10; y++) {
            for (int x = 0; x < 10; x++) {
                image.setRGB(x, y, shade * 0x010101);
            }
        }
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    private List<Path> cached() throws Exception {
        try (Stream<Path> files = Files.list(DecodedCache.folder())) {
            return files.toList();
        }
    }

    @Test
    void aFolderIsDecodedOnceAndReadBackUntilAFileChanges() throws Exception {
        Path photos = dir.resolve("photos");
        for (int i = 0; i < 3; i++) {
            png(photos.resolve("a/" + i + ".png"), 40 + i);
            png(photos.resolve("b/" + i + ".png"), 200 + i);
        }
        Files.writeString(photos.resolve("b/broken.jpg"), "not a JPEG");
        DataSpec spec = new DataSpec(DataKind.IMAGE_FOLDER, photos.toString(), null, null, null, 8, null, null, 0.3);
        RawImages first = new ImageFolderReader(spec, 1).decode(photos.toString());
        assertEquals(1, cached().size(), "decoded once and stored: " + cached());
        RawImages again = new ImageFolderReader(spec, 1).decode(photos.toString());
        for (int i = 0; i < first.size(); i++) {
            assertArrayEquals(first.pixels().image(i), again.pixels().image(i));
        }
        assertArrayEquals(first.labels(), again.labels());
        assertEquals(first.classNames(), again.classNames());
        assertEquals(first.skipped(), again.skipped(), "the skipped files and why, kept too");
        assertEquals(1, cached().size(), "read back, not stored again");

        new ImageFolderReader(new DataSpec(DataKind.IMAGE_FOLDER, photos.toString(), null, null, null, 16, null,
                null, 0.3), 1).decode(photos.toString());
        assertEquals(2, cached().size(), "another image size is another entry");
        png(photos.resolve("a/0.png"), 90);
        Files.setLastModifiedTime(photos.resolve("a/0.png"), java.nio.file.attribute.FileTime.fromMillis(1));
        RawImages changed = new ImageFolderReader(spec, 1).decode(photos.toString());
        assertEquals(3, cached().size(), "a replaced file is another entry");
        assertNotEquals(first.pixels().value(0, 0), changed.pixels().value(0, 0), "and its new pixels are read");
    }

    @Test
    void aDamagedEntryIsDecodedAgain() throws Exception {
        AtomicInteger decodes = new AtomicInteger();
        DecodedCache.Decoding decode = writer -> {
            decodes.incrementAndGet();
            writer.add(new byte[] {1, 2}, 0, false);
            writer.skip("z.png: broken");
            writer.add(new byte[] {3, 4}, 1, true);
        };
        ImageShape shape = new ImageShape(1, 1, 2);
        DecodedCache.get("k", shape, List.of("x", "y"), true, decode);
        RawImages read = DecodedCache.get("k", shape, List.of("x", "y"), true, decode);
        assertEquals(1, decodes.get());
        assertArrayEquals(new int[] {1}, read.givenValidation());
        assertArrayEquals(new int[] {0, 1}, read.labels());
        assertEquals(List.of("z.png: broken"), read.skipped());
        assertArrayEquals(new byte[] {3, 4}, read.pixels().image(1));
        Path entry = cached().get(0);
        Files.write(entry, java.util.Arrays.copyOf(Files.readAllBytes(entry), 20));
        assertArrayEquals(new byte[] {3, 4}, DecodedCache.get("k", shape, List.of("x", "y"), true, decode)
                .pixels().image(1));
        assertEquals(2, decodes.get(), "a truncated entry is decoded again, not trusted");
    }

    @Test
    void theFolderKeepsWithinItsLimitByRemovingTheEntriesUsedLongestAgo() throws Exception {
        ImageShape shape = new ImageShape(1, 10, 10);
        DecodedCache.Decoding hundredBytes = writer -> writer.add(new byte[100], 0, false);
        for (String key : List.of("old", "used", "middle")) {
            DecodedCache.get(key, shape, List.of("x"), false, hundredBytes);
        }
        long entry = Files.size(DecodedCache.folder().resolve("old.images"));
        long day = 86_400_000L;
        Files.setLastModifiedTime(DecodedCache.folder().resolve("old.images"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 3 * day));
        Files.setLastModifiedTime(DecodedCache.folder().resolve("used.images"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 4 * day));
        Files.setLastModifiedTime(DecodedCache.folder().resolve("middle.images"),
                java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() - 2 * day));
        // Read back by a later search: now the most recently used, though written first.
        DecodedCache.get("used", shape, List.of("x"), false, hundredBytes);

        // Room for three entries: storing a fourth removes the one used longest ago, and only it.
        System.setProperty("sparktune.decoded.gb", Double.toString(3.5 * entry / 1e9));
        try {
            DecodedCache.get("new", shape, List.of("x"), false, hundredBytes);
            assertEquals(List.of("middle.images", "new.images", "used.images"), names());
            // A limit below one entry keeps the one just stored, which the search needs.
            System.setProperty("sparktune.decoded.gb", "0");
            DecodedCache.get("newest", shape, List.of("x"), false, hundredBytes);
            assertEquals(List.of("newest.images"), names());
            System.setProperty("sparktune.decoded.gb", "lots");
            DataException refused = org.junit.jupiter.api.Assertions.assertThrows(DataException.class,
                    DecodedCacheLimit::configured);
            assertEquals("SPARKTUNE_DECODED_GB (sparktune.decoded.gb) must be a number of GB, got 'lots'",
                    refused.getMessage());
        } finally {
            System.clearProperty("sparktune.decoded.gb");
        }
    }

    private List<String> names() throws Exception {
        return cached().stream().map(p -> p.getFileName().toString()).sorted().toList();
    }
}
