package io.sparktune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Labels and splits from a CSV file, as a user exports them from a labelling tool or a spreadsheet. */
class ImageManifestReaderTest {
    @TempDir
    Path dir;

    private static DataSpec spec(Path manifest) {
        return new DataSpec(DataKind.IMAGE_MANIFEST, manifest.toString(), null, null, null, 8, null, null, 0.25);
    }

    private static void png(Path file, Color color) throws Exception {
        BufferedImage image = new BufferedImage(12, 12, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(color);
        g.fillRect(0, 0, 12, 12);
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    @Test
    void pathsMayBeRelativeAbsoluteOrQuotedAndTheSplitColumnIsKept() throws Exception {
        png(dir.resolve("photos/a,1.png"), Color.RED);
        png(dir.resolve("photos/a2.png"), Color.RED);
        png(dir.resolve("photos/b1.png"), Color.BLUE);
        png(dir.resolve("photos/b2.png"), Color.BLUE);
        png(dir.resolve("elsewhere/a3.png"), Color.RED);
        png(dir.resolve("elsewhere/b3.png"), Color.BLUE);
        Path manifest = Files.writeString(Files.createDirectories(dir.resolve("labels")).resolve("manifest.csv"), """
                Path,Label,Split,Notes
                "../photos/a,1.png",apple,train,a comma in the name
                ../photos/b1.png,berry,train,
                ../photos/a2.png,apple,val,
                ../photos/b2.png,berry,val,
                %s,apple,test,absolute
                %s,berry,test,a URI
                """.formatted(dir.resolve("elsewhere/a3.png"), dir.resolve("elsewhere/b3.png").toUri()));
        ImageManifestReader reader = new ImageManifestReader(spec(manifest), 1);
        RawImages pool = reader.trainingPool();
        assertEquals(List.of("apple", "berry"), pool.classNames());
        assertEquals(List.of(), pool.skipped());
        assertArrayEquals(new int[] {0, 1, 0, 1}, pool.labels());
        assertArrayEquals(new int[] {2, 3}, pool.split(0.5, null, 9).validation(), "val rows as given");
        assertEquals(255, pool.pixels().value(0, 0), "the apple is red");
        assertTrue(reader.hasTestSet());
        RawImages test = reader.testSet();
        assertArrayEquals(new int[] {0, 1}, test.labels());
        assertEquals(255, test.pixels().value(1, 2 * 64), "the test berry is blue");
    }

    @Test
    void withoutASplitColumnATestShareIsHeldOutTheSameWayEveryTime() throws Exception {
        StringBuilder csv = new StringBuilder("path,label\n");
        for (int i = 0; i < 8; i++) {
            png(dir.resolve("a" + i + ".png"), Color.RED);
            png(dir.resolve("b" + i + ".png"), Color.BLUE);
            csv.append("a").append(i).append(".png,apple\nb").append(i).append(".png,berry\n");
        }
        Path manifest = Files.writeString(dir.resolve("m.csv"), csv);
        ImageManifestReader reader = new ImageManifestReader(spec(manifest), 5);
        RawImages pool = reader.trainingPool();
        assertEquals(12, pool.size());
        assertEquals(null, pool.givenValidation(), "the search draws its own validation images");
        RawImages test = reader.testSet();
        assertEquals(4, test.size());
        RawImages again = new ImageManifestReader(spec(manifest), 5).testSet();
        for (int i = 0; i < test.size(); i++) {
            assertArrayEquals(test.pixels().image(i), again.pixels().image(i));
        }
    }

    @Test
    void aMissingFileIsSkippedAndNamedWhileABadManifestStopsWithItsLine() throws Exception {
        List<String> names = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            png(dir.resolve("a" + i + ".png"), Color.RED);
            png(dir.resolve("b" + i + ".png"), Color.BLUE);
            names.add("a" + i + ".png,apple," + (i < 2 ? "train" : "val"));
            names.add("b" + i + ".png,berry," + (i < 2 ? "train" : "val"));
        }
        Path missing = Files.writeString(dir.resolve("missing.csv"), "path,label,split\n" + String.join("\n", names)
                + "\ngone.png,apple,train\n");
        RawImages pool = new ImageManifestReader(spec(missing), 1).trainingPool();
        assertEquals(1, pool.skipped().size());
        assertTrue(pool.skipped().get(0).contains("gone.png"), pool.skipped().toString());
        assertEquals(6, pool.size());
        assertEquals(List.of("apple", "berry"), pool.classNames());

        assertMessage("path,label,split\na0.png,apple,train\nb0.png,berry,train\na1.png,cherry,test\n",
                "line 4: label 'cherry' is not among the training rows' labels (apple, berry)");
        assertMessage("path,label\na0.png,apple\nb0.png,berry\na1.png,apple\n./a0.png,berry\n",
                "line 5 repeats the path ./a0.png of line 2");
        assertMessage("path,label,split\na0.png,apple,train\nb0.png,berry,holdout\n",
                "line 3: split 'holdout' is not train, val or test");
        assertMessage("file,class\na0.png,apple\n", "has no 'path' column; its first line must name the columns");
        assertMessage("path,label\na0.png,apple\nb0.png,\n", "line 3 has no label");
        assertMessage("path,label\na0.png,apple\nb0.png,berry\n", "class 'apple' has 1 row; each class needs at"
                + " least 3");
        assertMessage("path,label\n", "lists no images");
    }

    private void assertMessage(String csv, String expected) throws Exception {
        Path manifest = Files.writeString(dir.resolve("bad.csv"), csv);
        ImageManifestReader reader = new ImageManifestReader(spec(manifest), 1);
        DataException e = assertThrows(DataException.class, reader::trainingPool);
        assertTrue(e.getMessage().contains(expected), e.getMessage());
        assertTrue(e.getMessage().contains(manifest.toString()), "names the manifest: " + e.getMessage());
    }

    @Test
    void readsTheRealCatsAndDogsFromAManifest() throws Exception {
        Path shared = RequiredData.catsVsDogs();
        StringBuilder csv = new StringBuilder("path,label,split\n");
        int row = 0;
        for (String kind : List.of("cats", "dogs")) {
            try (var files = Files.list(shared.resolve(kind))) {
                for (Path photo : files.sorted().toList()) {
                    String split = row % 10 < 7 ? "train" : row % 10 < 9 ? "val" : "test";
                    csv.append(photo.toAbsolutePath()).append(',').append(kind, 0, 3).append(',').append(split)
                            .append('\n');
                    row++;
                }
            }
        }
        Path manifest = Files.writeString(dir.resolve("cats-vs-dogs.csv"), csv);
        ImageManifestReader reader = new ImageManifestReader(new DataSpec(DataKind.IMAGE_MANIFEST,
                manifest.toString(), null, null, null, 32, null, null, null), 1);
        RawImages pool = reader.trainingPool();
        assertEquals(List.of("cat", "dog"), pool.classNames());
        assertEquals(360, pool.size() + pool.skipped().size());
        assertTrue(pool.givenValidation().length >= 76, "the val rows, less any undecodable");
        assertEquals(40, reader.testSet().size() + reader.testSet().skipped().size());
        assertFalse(pool.skipped().size() > 4, "a few Kaggle files may not decode: " + pool.skipped());
    }
}
