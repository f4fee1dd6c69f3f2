package io.sparktune.data;

import io.sparktune.input.SparktuneHome;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Decoded images kept on this host's disk, so that a photo is decoded once per host: by the first search (or the
 * first executor JVM) that needs it at a given size, colour and crop, and read back by every later one. The key
 * is a digest of every file's path, size and modification time, its label and split, and the scaling: a file
 * added, replaced or relabelled, or another image size, is another key. Files go under
 * {@code decoded/} in {@link SparktuneHome} (on a cluster, each host's own), written
 * under a temporary name and moved into place, so JVMs decoding side by side never read half a file. Nothing
 * removes old entries; delete the folder to reclaim the space.
 */
final class DecodedCache {
    /** Changes whenever decoding or scaling would give other pixels for the same file. */
    private static final String FORMAT = "sparktune-decoded-1";

    private DecodedCache() {
    }

    /** The images {@code key} names, read from this host's cache, or {@code decode}d and stored there. */
    static RawImages get(String key, Supplier<RawImages> decode) {
        Path file = folder().resolve(key + ".images");
        if (Files.isRegularFile(file)) {
            try {
                return read(file);
            } catch (IOException | RuntimeException e) {
                System.err.println("sparktune: decoding again: the cached images in " + file + " are unreadable ("
                        + e.getMessage() + ")");
            }
        }
        RawImages images = decode.get();
        try {
            Files.createDirectories(file.getParent());
            Path partial = Files.createTempFile(file.getParent(), key, ".partial");
            try {
                try (OutputStream out = Files.newOutputStream(partial)) {
                    write(images, out);
                }
                move(partial, file);
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            System.err.println("sparktune: decoded images not cached in " + file.getParent() + ": " + e.getMessage());
        }
        return images;
    }

    /** The key of these files decoded by {@code scaler}: every input to the pixels, in order. */
    static String key(List<ImageFiles.Labeled> files, List<String> classNames, ImageScaler scaler) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            StringBuilder text = new StringBuilder(FORMAT).append('\n').append(scaler.settings()).append('\n')
                    .append(String.join("\t", classNames)).append('\n');
            sha.update(text.toString().getBytes(StandardCharsets.UTF_8));
            for (ImageFiles.Labeled file : files) {
                sha.update((file.path() + "\t" + file.bytes() + "\t" + file.modified() + "\t" + file.label() + "\t"
                        + file.validation() + "\n").getBytes(StandardCharsets.UTF_8));
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static Path folder() {
        return SparktuneHome.folder().resolve("decoded");
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    private static void write(RawImages images, OutputStream sink) throws IOException {
        DataOutputStream out = new DataOutputStream(new BufferedOutputStream(sink, 1 << 20));
        out.writeUTF(FORMAT);
        ImageShape shape = images.shape();
        out.writeInt(shape.channels());
        out.writeInt(shape.height());
        out.writeInt(shape.width());
        writeStrings(out, images.classNames());
        writeStrings(out, images.skipped());
        out.writeInt(images.size());
        for (int label : images.labels()) {
            out.writeInt(label);
        }
        int[] given = images.givenValidation();
        out.writeInt(given == null ? -1 : given.length);
        if (given != null) {
            for (int row : given) {
                out.writeInt(row);
            }
        }
        out.write(images.pixels());
        out.flush();
    }

    private static RawImages read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 20));
            if (!FORMAT.equals(data.readUTF())) {
                throw new IOException("not " + FORMAT);
            }
            ImageShape shape = new ImageShape(data.readInt(), data.readInt(), data.readInt());
            List<String> classNames = readStrings(data);
            List<String> skipped = readStrings(data);
            int[] labels = new int[data.readInt()];
            for (int i = 0; i < labels.length; i++) {
                labels[i] = data.readInt();
            }
            int givenCount = data.readInt();
            int[] given = givenCount < 0 ? null : new int[givenCount];
            for (int i = 0; given != null && i < given.length; i++) {
                given[i] = data.readInt();
            }
            byte[] pixels = new byte[Math.multiplyExact(labels.length, shape.pixels())];
            data.readFully(pixels);
            if (data.read() != -1) {
                throw new IOException("longer than its images");
            }
            return new RawImages(pixels, labels, shape, classNames, skipped, given);
        }
    }

    private static void writeStrings(DataOutputStream out, List<String> strings) throws IOException {
        out.writeInt(strings.size());
        for (String s : strings) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            out.writeInt(bytes.length);
            out.write(bytes);
        }
    }

    private static List<String> readStrings(DataInputStream in) throws IOException {
        int count = in.readInt();
        List<String> strings = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            byte[] bytes = new byte[in.readInt()];
            in.readFully(bytes);
            strings.add(new String(bytes, StandardCharsets.UTF_8));
        }
        return strings;
    }
}
