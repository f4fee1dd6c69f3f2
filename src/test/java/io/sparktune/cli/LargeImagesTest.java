package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A folder of photos whose decoded pixels are larger than the JVM that searches it: 40,000 images of 224 x 224
 * (6.0 GB as 8-bit RGB) searched by a driver with a 1 GB heap, in Spark local mode.
 */
class LargeImagesTest {
    private static final int IMAGES = 40_000;
    private static final int SIDE = 224;
    /** Distinct pictures per class; the rest of a class's files are hard links to them, written in no time. */
    private static final int DISTINCT = 50;
    private static final int PATCH = 16;
    private static final String HEAP = "-Xmx1g";

    @TempDir
    Path dir;

    @Test
    void aSetSixTimesLargerThanTheHeapIsDecodedOnceOntoDiskAndSearched() throws Exception {
        Path photos = dir.resolve("photos");
        for (String name : List.of("reds", "blues")) {
            Path folder = Files.createDirectories(photos.resolve(name));
            List<Path> pictures = new java.util.ArrayList<>();
            Random random = new Random(name.hashCode());
            for (int i = 0; i < DISTINCT; i++) {
                Path picture = folder.resolve(String.format("p%05d.png", i));
                ImageIO.write(picture(random, name.equals("reds")), "png", picture.toFile());
                pictures.add(picture);
            }
            for (int i = DISTINCT; i < IMAGES / 2; i++) {
                Files.createLink(folder.resolve(String.format("p%05d.png", i)), pictures.get(i % DISTINCT));
            }
        }
        Path home = dir.resolve("home");
        Path out = dir.resolve("out");
        Path spec = Files.writeString(dir.resolve("large.json"), """
                {"name": "large",
                 "data": {"kind": "image_folder", "path": "%s", "image_size": %d, "max_train_images": 500,
                          "validation_fraction": 0.2, "test_fraction": 0.02},
                 "model": {"conv_layers": 1, "filters": 4, "head": "global_avg", "batch_size": 16, "epochs": 1,
                           "learning_rate": 0.01},
                 "search": {"strategy": "grid", "space": {"learning_rate": [0.01]}},
                 "final_check": {"mode": "reuse"},
                 "execution": {"master": "local[2]", "parallel_trials": 1, "seed": 7}}
                """.formatted(photos, SIDE));
        Path log = dir.resolve("search.log");
        Process search = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                HEAP, "-cp", System.getProperty("java.class.path"), "-Dsparktune.home=" + home,
                "io.sparktune.cli.SparktuneCli", "search", spec.toString(), "-o", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(search.waitFor(15, TimeUnit.MINUTES), "the search should end");
        String printed = Files.readString(log);
        assertEquals(0, search.exitValue(), printed);

        long decoded = (long) IMAGES * 3 * SIDE * SIDE;
        List<Path> cached;
        try (Stream<Path> files = Files.list(home.resolve("decoded"))) {
            cached = files.toList();
        }
        assertEquals(1, cached.size(), "one decoded file for the folder: " + cached);
        assertTrue(Files.size(cached.get(0)) > decoded, "every image's pixels are in it: " + Files.size(cached.get(0)));
        assertTrue(printed.contains("of 40,000 images"), "the first decode says how far it is:\n" + printed);

        CliRun trials = CliRun.of("query", "-o", out.toString(),
                "SELECT status, final_val_accuracy FROM trials ORDER BY trial_id");
        assertEquals(0, trials.exitCode(), trials.toString());
        for (List<String> row : trials.rows()) {
            assertEquals("ok", row.get(0), trials.out());
            assertTrue(Double.parseDouble(row.get(1)) > 0.9, "reds from blues at 224 px: " + trials.out());
        }
        CliRun test = CliRun.of("query", "-o", out.toString(), "SELECT test_images, test_accuracy FROM final"
                + " WHERE role = 'best'");
        assertEquals(0, test.exitCode(), test.toString());
        assertEquals("800", test.rows().get(0).get(0), "the held-out 2%, all scored: " + test.out());
        assertTrue(Double.parseDouble(test.rows().get(0).get(1)) > 0.9, test.out());
    }

    /**
     * Patches of red or blue with any green, so that a conv layer must look at the colours; patches rather than
     * noise, so the files are small and quick to decode, as photos are for their size.
     */
    private static BufferedImage picture(Random random, boolean red) {
        BufferedImage image = new BufferedImage(SIDE, SIDE, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < SIDE; y += PATCH) {
            for (int x = 0; x < SIDE; x += PATCH) {
                int strong = 140 + random.nextInt(116);
                int weak = random.nextInt(140);
                int green = random.nextInt(256);
                int rgb = red ? strong << 16 | green << 8 | weak : weak << 16 | green << 8 | strong;
                for (int dy = 0; dy < PATCH; dy++) {
                    for (int dx = 0; dx < PATCH; dx++) {
                        image.setRGB(x + dx, y + dy, rgb);
                    }
                }
            }
        }
        return image;
    }
}
