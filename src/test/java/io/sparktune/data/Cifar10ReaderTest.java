package io.sparktune.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class Cifar10ReaderTest {
    @TempDir
    Path dir;

    @Test
    void readsEveryTrainingBatchPresentInOrderWithPixelsScaledToOne() throws Exception {
        CifarFixture.write(dir, "data_batch_1.bin", CifarFixture.records(3, 7));
        CifarFixture.write(dir, "data_batch_3.bin", CifarFixture.records(9));
        RawImages pool = new Cifar10Reader(dir.toString()).trainingPool();
        assertArrayEquals(new int[] {3, 7, 9}, pool.labels());
        LabeledImages images = pool.all();
        assertEquals(new ImageShape(3, 32, 32), images.shape());
        // Record 1, green channel (c=1), pixel 5: (1 + 10 + 5) / 255.
        assertEquals(16 / 255f, images.pixels().value(1, 1024 + 5) / 255f, 1e-7);
        var batch = TrainingData.batch(images, new int[] {0, 1, 2});
        assertEquals(16 / 255f, batch.getFeatures().getFloat(1, 1, 0, 5), 1e-7, "as a minibatch has it (NCHW)");
        assertEquals(1f, batch.getLabels().getFloat(2, 9));
        assertEquals(1f, batch.getLabels().sumNumber().floatValue() / 3);
    }

    @Test
    void aFolderGivenAsAHadoopUriReadsTheSame() throws Exception {
        CifarFixture.write(dir, "data_batch_1.bin", CifarFixture.records(4, 2));
        assertArrayEquals(new int[] {4, 2}, new Cifar10Reader(dir.toUri().toString()).trainingPool().labels());
    }

    @Test
    void classNamesComeFromTheMetaFile() throws Exception {
        CifarFixture.write(dir, "data_batch_1.bin", CifarFixture.records(0));
        Files.writeString(dir.resolve("batches.meta.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\nj\n\n");
        assertEquals(List.of("a", "b", "c", "d", "e", "f", "g", "h", "i", "j"),
                new Cifar10Reader(dir.toString()).classNames());
    }

    @Test
    void theSearchNeverReadsTheTestBatch() throws Exception {
        CifarFixture.write(dir, "data_batch_1.bin", CifarFixture.cycling(20));
        // A test batch the reader would refuse: if the search read it, loading would fail.
        CifarFixture.write(dir, "test_batch.bin", new byte[] {1, 2, 3});
        assertEquals(20, new Cifar10Reader(dir.toString()).trainingPool().size());
        DataException e = assertThrows(DataException.class, () -> new Cifar10Reader(dir.toString()).testSet());
        assertTrue(e.getMessage().contains("test_batch.bin is truncated"), e.getMessage());
    }

    @Test
    void aTruncatedFileIsNamed() throws Exception {
        byte[] whole = CifarFixture.cycling(3);
        CifarFixture.write(dir, "data_batch_1.bin", Arrays.copyOf(whole, whole.length - 100));
        DataException e = assertThrows(DataException.class, () -> new Cifar10Reader(dir.toString()).trainingPool());
        assertTrue(e.getMessage().contains("data_batch_1.bin is truncated"), e.getMessage());
        assertTrue(e.getMessage().contains("9119 bytes is not a whole number of 3073-byte records"), e.getMessage());
    }

    @Test
    void aLabelOutOfRangeNamesTheFileAndRecord() throws Exception {
        CifarFixture.write(dir, "data_batch_2.bin", CifarFixture.records(1, 2, 10));
        DataException e = assertThrows(DataException.class, () -> new Cifar10Reader(dir.toString()).trainingPool());
        assertTrue(e.getMessage().contains("data_batch_2.bin record 2"), e.getMessage());
        assertTrue(e.getMessage().contains("has label 10, outside 0..9"), e.getMessage());
    }

    /** Batches 1, 2 and 4 of 5 missing: the search trains on 3 and 5, and the warning names the others. */
    @Test
    void missingTrainingBatchesAreNamedInAWarning() throws Exception {
        Path folder = dir.resolve("some-batches");
        CifarFixture.write(folder, "data_batch_3.bin", CifarFixture.cycling(20));
        CifarFixture.write(folder, "data_batch_5.bin", CifarFixture.cycling(10));
        Cifar10Reader reader = new Cifar10Reader(folder.toString());
        assertEquals(30, reader.trainingPool().size());
        assertEquals(List.of("CIFAR-10 training batches data_batch_1.bin, data_batch_2.bin, data_batch_4.bin are"
                + " missing from " + folder + "; training on data_batch_3.bin, data_batch_5.bin only"), reader.warnings());

        CifarFixture.write(folder, "data_batch_1.bin", CifarFixture.cycling(10));
        CifarFixture.write(folder, "data_batch_2.bin", CifarFixture.cycling(10));
        CifarFixture.write(folder, "data_batch_4.bin", CifarFixture.cycling(10));
        assertEquals(List.of(), reader.warnings(), "all five present: nothing to warn about");
    }

    @Test
    void aFolderWithoutBatchesSaysWhereToPutThem() throws Exception {
        Files.writeString(dir.resolve("readme.txt"), "not CIFAR", StandardCharsets.UTF_8);
        DataException e = assertThrows(DataException.class, () -> new Cifar10Reader(dir.toString()).trainingPool());
        assertTrue(e.getMessage().contains("no CIFAR-10 training batches"), e.getMessage());
        assertTrue(e.getMessage().contains("Put the CIFAR-10 binary files"), e.getMessage());
    }

    @Test
    void aMetaFileWithTheWrongNumberOfClassesIsNamed() throws Exception {
        CifarFixture.write(dir, "data_batch_1.bin", CifarFixture.records(0));
        Files.writeString(dir.resolve("batches.meta.txt"), "cat\ndog\n");
        DataException e = assertThrows(DataException.class, () -> new Cifar10Reader(dir.toString()).trainingPool());
        assertTrue(e.getMessage().contains("batches.meta.txt must list 10 class names"), e.getMessage());
    }

    @Test
    void readsTheRealCifar10() {
        Path shared = RequiredData.cifar10();
        Cifar10Reader reader = new Cifar10Reader(shared.toString());
        RawImages train = reader.trainingPool();
        assertEquals(10_000, train.size());
        int[] counts = new int[10];
        for (int label : train.labels()) {
            counts[label]++;
        }
        // The label counts of the original data_batch_1.bin, as the data README lists them.
        assertArrayEquals(new int[] {1005, 974, 1032, 1016, 999, 937, 1030, 1001, 1025, 981}, counts);
        assertEquals("airplane", reader.classNames().get(0));
        assertEquals("truck", reader.classNames().get(9));
        assertEquals(10_000, reader.testSet().size());
    }
}
