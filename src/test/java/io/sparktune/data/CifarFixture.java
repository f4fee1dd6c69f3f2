package io.sparktune.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes small CIFAR-10 batch files in the real binary layout, with pixels that encode record and channel. */
public final class CifarFixture {
    private CifarFixture() {
    }

    /** Record i has label labels[i]; its pixel p of channel c is (i + c * 10 + p) mod 256. */
    public static byte[] records(int... labels) {
        byte[] bytes = new byte[labels.length * Cifar10Reader.RECORD_BYTES];
        for (int i = 0; i < labels.length; i++) {
            int offset = i * Cifar10Reader.RECORD_BYTES;
            bytes[offset] = (byte) labels[i];
            for (int c = 0; c < 3; c++) {
                for (int p = 0; p < 1024; p++) {
                    bytes[offset + 1 + c * 1024 + p] = (byte) ((i + c * 10 + p) % 256);
                }
            }
        }
        return bytes;
    }

    /** {@code count} records cycling through the 10 labels. */
    public static byte[] cycling(int count) {
        int[] labels = new int[count];
        for (int i = 0; i < count; i++) {
            labels[i] = i % 10;
        }
        return records(labels);
    }

    public static Path write(Path folder, String name, byte[] bytes) throws IOException {
        Files.createDirectories(folder);
        return Files.write(folder.resolve(name), bytes);
    }
}
