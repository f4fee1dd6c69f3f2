package io.sparktune.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What tells a data folder's files from other ones: names, sizes, times and, for CIFAR-10, first bytes. */
class DataFingerprintTest {
    @TempDir
    Path dir;

    @Test
    void addedReplacedAndTouchedBatchesAreEachNamed() throws Exception {
        Path cifar = dir.resolve("cifar");
        CifarFixture.write(cifar, "data_batch_1.bin", CifarFixture.cycling(10));
        Files.writeString(cifar.resolve(".DS_Store"), "not data");
        DataFingerprint first = DataFingerprint.of(cifar.toString(), DataKind.CIFAR10);
        assertEquals(1, first.files(), "hidden files are not data");
        assertEquals(Optional.empty(), DataFingerprint.of(cifar.toString(), DataKind.CIFAR10).differenceFrom(first));

        CifarFixture.write(cifar, "data_batch_2.bin", CifarFixture.cycling(10));
        assertEquals(Optional.of("data_batch_2.bin: absent there, 30,730 bytes here"),
                DataFingerprint.of(cifar.toString(), DataKind.CIFAR10).differenceFrom(first));
        Files.delete(cifar.resolve("data_batch_2.bin"));

        FileTime time = Files.getLastModifiedTime(cifar.resolve("data_batch_1.bin"));
        CifarFixture.write(cifar, "data_batch_1.bin", CifarFixture.records(3, 1, 4, 1, 5, 9, 2, 6, 5, 3));
        Files.setLastModifiedTime(cifar.resolve("data_batch_1.bin"), time);
        assertEquals(Optional.of("data_batch_1.bin: other contents (its first bytes differ)"),
                DataFingerprint.of(cifar.toString(), DataKind.CIFAR10).differenceFrom(first));

        CifarFixture.write(cifar, "data_batch_1.bin", CifarFixture.cycling(10));
        Files.setLastModifiedTime(cifar.resolve("data_batch_1.bin"), FileTime.fromMillis(time.toMillis() + 60_000));
        String touched = DataFingerprint.of(cifar.toString(), DataKind.CIFAR10).differenceFrom(first).orElseThrow();
        assertTrue(touched.startsWith("data_batch_1.bin: modified "), touched);
    }

    @Test
    void anImageFolderIsListedWithItsClassFolders() throws Exception {
        Path photos = dir.resolve("photos");
        Files.createDirectories(photos.resolve("cats"));
        Files.createDirectories(photos.resolve("dogs"));
        Files.write(photos.resolve("cats/1.jpg"), new byte[] {1, 2, 3});
        Files.write(photos.resolve("dogs/1.jpg"), new byte[] {4, 5});
        DataFingerprint two = DataFingerprint.of(photos.toString(), DataKind.IMAGE_FOLDER);
        assertEquals(2, two.files());
        assertEquals(5, two.bytes());
        Files.write(photos.resolve("dogs/2.jpg"), new byte[] {6});
        assertEquals(Optional.of("dogs/2.jpg: absent there, 1 bytes here"),
                DataFingerprint.of(photos.toString(), DataKind.IMAGE_FOLDER).differenceFrom(two));
    }
}
