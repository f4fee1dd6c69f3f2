package io.sparktune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageFolderReaderTest {
    @TempDir
    Path dir;

    private static DataSpec spec(Path folder, int size, ImageColor color, ResizeMode resize) {
        return new DataSpec(DataKind.IMAGE_FOLDER, folder.toString(), null, null, null, size, color, resize, 0.25);
    }

    /** A PNG of the given size: left half red, right half blue. */
    private static void png(Path file, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.RED);
        g.fillRect(0, 0, width / 2, height);
        g.setColor(Color.BLUE);
        g.fillRect(width / 2, 0, width - width / 2, height);
        g.dispose();
        Files.createDirectories(file.getParent());
        ImageIO.write(image, "png", file.toFile());
    }

    @Test
    void classesAreFolderNamesAndABrokenImageIsSkippedAndNamed() throws Exception {
        for (int i = 0; i < 4; i++) {
            png(dir.resolve("ants/a" + i + ".png"), 20, 10);
            png(dir.resolve("bees/b" + i + ".png"), 10, 20);
        }
        Files.writeString(dir.resolve("bees/broken.jpg"), "not really a JPEG");
        Files.writeString(dir.resolve("bees/notes.txt"), "ignored: not an image name");
        RawImages all = new ImageFolderReader(spec(dir, 8, ImageColor.RGB, ResizeMode.STRETCH), 1).decode(dir.toString());
        assertEquals(List.of("ants", "bees"), all.classNames());
        assertEquals(8, all.size());
        assertEquals(new ImageShape(3, 8, 8), all.shape());
        assertEquals(1, all.skipped().size());
        assertTrue(all.skipped().get(0).contains("bees/broken.jpg"), all.skipped().toString());
    }

    @Test
    void stretchKeepsTheWholeImageAndCentreCropCutsTheMiddle() throws Exception {
        // 40x10: red left half, blue right half. A centre crop keeps the 10x10 middle: red left, blue right still,
        // but a stretch squeezes the same halves; both put red at the left edge and blue at the right edge.
        png(dir.resolve("a/x.png"), 40, 10);
        png(dir.resolve("b/y.png"), 40, 10);
        for (ResizeMode mode : ResizeMode.values()) {
            RawImages rgb = new ImageFolderReader(spec(dir, 8, ImageColor.RGB, mode), 1).decode(dir.toString());
            byte[] p = rgb.pixels().image(0);
            assertEquals(255, p[0] & 0xFF, mode + ": red at the left edge");
            assertEquals(0, p[2 * 64] & 0xFF, mode + ": no blue at the left edge");
            assertEquals(255, p[2 * 64 + 7] & 0xFF, mode + ": blue at the right edge");
        }
        RawImages grey = new ImageFolderReader(spec(dir, 8, ImageColor.GREY, ResizeMode.STRETCH), 1)
                .decode(dir.toString());
        assertEquals(new ImageShape(1, 8, 8), grey.shape());
        assertEquals(Math.round(0.299 * 255), grey.pixels().value(0, 0), "red as grey");
    }

    @Test
    void oneFolderIsSplitIntoATrainingPoolAndAHeldOutTestSetTheSameWayEveryTime() throws Exception {
        for (int i = 0; i < 8; i++) {
            png(dir.resolve("ants/a" + i + ".png"), 12, 12);
            png(dir.resolve("bees/b" + i + ".png"), 12, 12);
        }
        ImageFolderReader reader = new ImageFolderReader(spec(dir, 8, ImageColor.RGB, ResizeMode.STRETCH), 5);
        RawImages pool = reader.trainingPool();
        RawImages test = reader.testSet();
        assertEquals(12, pool.size());
        assertEquals(4, test.size());
        assertEquals(2, Arrays.stream(test.labels()).filter(l -> l == 0).count(), "stratified");
        assertEquals(Arrays.toString(test.labels()), Arrays.toString(reader.testSet().labels()));
    }

    @Test
    void trainAndTestFoldersAreUsedAsTheyAre() throws Exception {
        for (String part : List.of("train", "test")) {
            for (int i = 0; i < (part.equals("train") ? 3 : 1); i++) {
                png(dir.resolve(part + "/cats/c" + i + ".png"), 9, 9);
                png(dir.resolve(part + "/dogs/d" + i + ".png"), 9, 9);
            }
        }
        ImageFolderReader reader = new ImageFolderReader(spec(dir, 8, ImageColor.RGB, ResizeMode.STRETCH), 5);
        assertEquals(6, reader.trainingPool().size());
        assertEquals(2, reader.testSet().size());
    }

    @Test
    void aValFolderIsTheValidationSetAndATestFolderMayBeLeftOut() throws Exception {
        for (String part : List.of("train", "val")) {
            for (int i = 0; i < (part.equals("train") ? 5 : 2); i++) {
                png(dir.resolve(part + "/cats/c" + i + ".png"), 9, 9);
                png(dir.resolve(part + "/dogs/d" + i + ".png"), 9, 9);
            }
        }
        ImageFolderReader reader = new ImageFolderReader(spec(dir, 8, ImageColor.RGB, ResizeMode.STRETCH), 5);
        RawImages pool = reader.trainingPool();
        assertEquals(14, pool.size());
        StratifiedSplit split = pool.split(0.5, null, 1);
        assertEquals(4, split.validation().length, "val/ as given, not half of everything");
        assertEquals(10, split.train().length);
        assertEquals(5, pool.split(0.5, 5, 1).train().length, "max_train_images cuts the training images only");
        assertEquals(4, pool.split(0.5, 5, 1).validation().length);
        assertEquals(false, reader.hasTestSet(), "no test/ folder: no test set, none taken from train/");
        png(dir.resolve("val/birds/b.png"), 9, 9);
        assertTrue(assertThrows(DataException.class, reader::trainingPool).getMessage()
                .contains("has a class folder 'birds' that the training images do not have (their classes: cats,"
                        + " dogs)"));
    }

    @Test
    void hiddenFilesAreNotImagesAndAnEmptyOrSingleImageClassIsNamed() throws Exception {
        for (int i = 0; i < 3; i++) {
            png(dir.resolve("ants/a" + i + ".png"), 9, 9);
            png(dir.resolve("bees/b" + i + ".png"), 9, 9);
        }
        Files.writeString(dir.resolve("ants/.DS_Store"), "Finder's");
        Files.writeString(dir.resolve("ants/Thumbs.db"), "Explorer's");
        Files.writeString(dir.resolve("ants/._a0.png"), "macOS's attributes of a0.png");
        ImageFolderReader reader = new ImageFolderReader(spec(dir, 8, ImageColor.RGB, ResizeMode.STRETCH), 5);
        RawImages pool = reader.trainingPool();
        assertEquals(List.of(), pool.skipped(), "hidden files are not even tried");
        assertEquals(4, pool.size());
        assertEquals(2, reader.testSet().size());
        Files.createDirectories(dir.resolve("cicadas"));
        assertTrue(assertThrows(DataException.class, reader::trainingPool).getMessage()
                .contains("class 'cicadas' has 0 readable images; each class needs at least 3"));
        png(dir.resolve("cicadas/c.png"), 9, 9);
        assertTrue(assertThrows(DataException.class, reader::trainingPool).getMessage()
                .contains("class 'cicadas' has 1 readable image; each class needs at least 3 to be split into"
                        + " training, validation and test images"));
    }

    @Test
    void aFolderWithoutClassesOrWithOneClassOrNoImagesIsAClearError() throws Exception {
        Files.createDirectories(dir.resolve("empty"));
        ImageFolderReader reader = new ImageFolderReader(spec(dir.resolve("empty"), 8, ImageColor.RGB,
                ResizeMode.STRETCH), 1);
        assertTrue(assertThrows(DataException.class, reader::trainingPool).getMessage()
                .contains("has no class folders"));
        png(dir.resolve("one/cats/c.png"), 9, 9);
        assertTrue(assertThrows(DataException.class, () -> new ImageFolderReader(spec(dir.resolve("one"), 8,
                ImageColor.RGB, ResizeMode.STRETCH), 1).trainingPool()).getMessage()
                .contains("has only one class (cats); a classifier needs at least two"));
        Files.createDirectories(dir.resolve("none/cats"));
        Files.createDirectories(dir.resolve("none/dogs"));
        assertTrue(assertThrows(DataException.class, () -> new ImageFolderReader(spec(dir.resolve("none"), 8,
                ImageColor.RGB, ResizeMode.STRETCH), 1).trainingPool()).getMessage()
                .contains("holds no readable images"));
    }

    @Test
    void aSymlinkLoopAndADecompressionBombDoNotStopTheRest() throws Exception {
        for (int i = 0; i < 3; i++) {
            png(dir.resolve("ants/a" + i + ".png"), 9, 9);
            png(dir.resolve("bees/b" + i + ".png"), 9, 9);
        }
        Files.createSymbolicLink(dir.resolve("loop"), dir.resolve("loop"));
        Files.createSymbolicLink(dir.resolve("ants/again"), dir.resolve("ants"));
        // A PNG whose header claims 30,000 x 30,000 pixels: 3.6 GB once decoded.
        Files.write(dir.resolve("bees/bomb.png"), ImageDecoderTest.pngHeader(30_000, 30_000));
        RawImages all = new ImageFolderReader(spec(dir, 8, ImageColor.RGB, ResizeMode.STRETCH), 1).decode(dir.toString());
        assertEquals(List.of("ants", "bees"), all.classNames(), "the loop is no class");
        assertEquals(6, all.size());
        assertEquals(1, all.skipped().size(), all.skipped().toString());
        assertTrue(all.skipped().get(0).contains("bomb.png: 30,000 x 30,000 pixels is over the limit"),
                all.skipped().toString());
    }

    @Test
    void readsTheRealCatsAndDogs() {
        Path shared = RequiredData.catsVsDogs();
        ImageFolderReader reader = new ImageFolderReader(spec(shared, 32, ImageColor.RGB, ResizeMode.CENTER_CROP), 42);
        RawImages pool = reader.trainingPool();
        RawImages test = reader.testSet();
        assertEquals(List.of("cats", "dogs"), pool.classNames());
        assertEquals(400, pool.size() + test.size() + pool.skipped().size());
        assertEquals(100, test.size(), "a quarter of each class held out");
        assertEquals(new ImageShape(3, 32, 32), pool.shape());
    }
}
