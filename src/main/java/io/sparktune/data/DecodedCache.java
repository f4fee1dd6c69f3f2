package io.sparktune.data;

import io.sparktune.input.SparktuneHome;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * Decoded images kept on this host's disk, so that a photo is decoded once per host: by the first search (or the
 * first executor JVM) that needs it at a given size, colour and crop, and read back by every later one. The key
 * is a digest of every file's path, size and modification time, its label and split, and the scaling: a file
 * added, replaced or relabelled, or another image size, is another key. Files go under
 * {@code decoded/} in {@link SparktuneHome} (on a cluster, each host's own), written
 * under a temporary name and moved into place, so JVMs decoding side by side never read half a file. The images
 * are used straight from the file ({@link DecodedFile}), mapped, never copied onto the heap. The folder is kept
 * within {@link DecodedCacheLimit}.
 */
final class DecodedCache {
    /** Decodes images into a writer, in the order they are to be numbered. */
    @FunctionalInterface
    interface Decoding {
        void into(DecodedFile.Writer writer) throws IOException;
    }

    private DecodedCache() {
    }

    /**
     * The images {@code key} names, from this host's cache, or {@code decode}d into it. Where the cache cannot be
     * written, the images go to a temporary file that lives as long as this JVM.
     */
    static RawImages get(String key, ImageShape shape, List<String> classNames, boolean givenValidation,
                         Decoding decode) {
        Path file = folder().resolve(key + DecodedCacheLimit.SUFFIX);
        if (Files.isRegularFile(file)) {
            try {
                RawImages cached = DecodedFile.open(file);
                DecodedCacheLimit.touch(file);
                return cached;
            } catch (IOException | RuntimeException e) {
                System.err.println("sparktune: decoding again: the cached images in " + file + " are unreadable ("
                        + e.getMessage() + ")");
            }
        }
        try {
            Path partial;
            try {
                Files.createDirectories(file.getParent());
                partial = Files.createTempFile(file.getParent(), key, ".partial");
            } catch (IOException e) {
                System.err.println("sparktune: decoded images not cached in " + file.getParent() + ": "
                        + e.getMessage());
                return temporary(shape, classNames, givenValidation, decode);
            }
            try {
                write(partial, shape, classNames, givenValidation, decode);
                move(partial, file);
            } finally {
                Files.deleteIfExists(partial);
            }
            RawImages stored = DecodedFile.open(file);
            prune(file);
            return stored;
        } catch (IOException e) {
            // A full disk, most likely: decoded images need room (SPARKTUNE_HOME says where).
            throw new DataException("cannot write the decoded images to " + file.getParent() + ": " + e, e);
        }
    }

    private static RawImages temporary(ImageShape shape, List<String> classNames, boolean givenValidation,
                                       Decoding decode) {
        Path temporary = null;
        try {
            temporary = Files.createTempFile("sparktune-decoded", ".images");
            temporary.toFile().deleteOnExit();
            write(temporary, shape, classNames, givenValidation, decode);
            return DecodedFile.open(temporary);
        } catch (IOException e) {
            throw new DataException("cannot write the decoded images to " + (temporary == null
                    ? System.getProperty("java.io.tmpdir") : temporary) + ": " + e, e);
        }
    }

    /** Keeps the folder within its limit, the entry just stored {@code kept} whatever its size. */
    private static void prune(Path kept) {
        DecodedCacheLimit limit = DecodedCacheLimit.configured();
        List<DecodedCacheLimit.Removed> removed;
        try {
            removed = limit.prune(kept.getParent(), kept);
        } catch (IOException e) {
            System.err.println("sparktune: could not prune " + kept.getParent() + ": " + e.getMessage());
            return;
        }
        if (!removed.isEmpty()) {
            long bytes = removed.stream().mapToLong(DecodedCacheLimit.Removed::size).sum();
            System.err.printf(java.util.Locale.ROOT, "sparktune: removed %d decoded image file(s) used longest ago"
                    + " (%.1f GB) to keep %s within %.1f GB (SPARKTUNE_DECODED_GB)%n", removed.size(), bytes / 1e9,
                    kept.getParent(), limit.bytes() / 1e9);
        }
    }

    /** The key of these files decoded by {@code scaler}: every input to the pixels, in order. */
    static String key(List<ImageFiles.Labeled> files, List<String> classNames, ImageScaler scaler) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            StringBuilder text = new StringBuilder(DecodedFile.FORMAT).append('\n').append(scaler.settings())
                    .append('\n').append(String.join("\t", classNames)).append('\n');
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

    private static void write(Path file, ImageShape shape, List<String> classNames, boolean givenValidation,
                              Decoding decode) throws IOException {
        try (DecodedFile.Writer writer = new DecodedFile.Writer(file, shape, classNames, givenValidation)) {
            decode.into(writer);
            writer.finish();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
