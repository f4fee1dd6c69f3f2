package io.sparktune.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * What a search's data files are, cheaply: each file's name, size and modification time, and for the
 * binary formats (CIFAR-10, IDX) its first bytes, where a header or the first record sits. Stored with
 * a search, it tells a resume or a warm start on other data (batches added, a file replaced) from one
 * on the same files. A folder of many images keeps only the digest and the totals.
 */
public record DataFingerprint(int files, long bytes, String digest, List<Entry> entries) {
    /** Above this many files only the digest and the totals are kept. */
    static final int LISTED = 100;
    /** Folders an image folder's files may be below its root: split, class (train/cats/1.jpg). */
    private static final int FOLDER_DEPTH = 2;
    private static final int HEAD_BYTES = 16;

    /** One data file: its path under the data folder, size, modification time and (binary formats) first bytes. */
    public record Entry(String name, long bytes, String modified, String head) {
    }

    public DataFingerprint {
        entries = List.copyOf(entries);
    }

    /** The files under {@code folder} that a reader of {@code kind} may read (hidden ones left out). */
    public static DataFingerprint of(String folder, DataKind kind) {
        Path root = new Path(folder);
        FileSystem fs = DataFiles.fileSystem(folder);
        Map<String, FileStatus> found = new TreeMap<>();
        try {
            String prefix = fs.getFileStatus(root).getPath().toUri().getPath();
            for (FileStatus file : files(fs, root, kind == DataKind.IMAGE_FOLDER ? FOLDER_DEPTH : 0)) {
                found.put(file.getPath().toUri().getPath().substring(prefix.length()).replaceFirst("^/", ""), file);
            }
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            List<Entry> entries = new ArrayList<>();
            long bytes = 0;
            for (var e : found.entrySet()) {
                FileStatus file = e.getValue();
                String head = kind.decodesPictures() ? "" : head(fs, file);
                Entry entry = new Entry(e.getKey(), file.getLen(),
                        Instant.ofEpochMilli(file.getModificationTime()).toString(), head);
                sha.update((entry.name() + "\t" + entry.bytes() + "\t" + entry.modified() + "\t" + head + "\n")
                        .getBytes(StandardCharsets.UTF_8));
                bytes += file.getLen();
                entries.add(entry);
            }
            return new DataFingerprint(found.size(), bytes, HexFormat.of().formatHex(sha.digest()),
                    found.size() <= LISTED ? entries : List.of());
        } catch (IOException e) {
            throw new DataException("cannot list the data folder " + folder + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The fingerprint of {@code folder}, listed when first asked for and not again. */
    public static Supplier<DataFingerprint> once(String folder, DataKind kind) {
        return new Supplier<>() {
            private DataFingerprint listed;

            @Override
            public synchronized DataFingerprint get() {
                if (listed == null) {
                    listed = of(folder, kind);
                }
                return listed;
            }
        };
    }

    /**
     * The files in {@code folder} and, {@code depth} levels down, in its sub-folders; hidden ones left out. Listed
     * folder by folder: Hadoop's recursive listing asks a local file system for each file's permissions, by
     * starting an {@code ls} process per file (minutes for 40,000 photos).
     */
    private static List<FileStatus> files(FileSystem fs, Path folder, int depth) throws IOException {
        List<FileStatus> files = new ArrayList<>();
        for (FileStatus status : fs.listStatus(folder)) {
            if (status.getPath().getName().startsWith(".")) {
                continue;
            }
            if (status.isFile()) {
                files.add(status);
            } else if (status.isDirectory() && depth > 0) {
                files.addAll(files(fs, status.getPath(), depth - 1));
            }
        }
        return files;
    }

    private static String head(FileSystem fs, FileStatus file) throws IOException {
        try (InputStream in = fs.open(file.getPath())) {
            return HexFormat.of().formatHex(in.readNBytes(HEAD_BYTES));
        }
    }

    /**
     * How {@code there} (the data a search ran on) differs from this, e.g. "data_batch_2.bin: absent there,
     * 30,730,000 bytes here"; empty when they are the same files.
     */
    public Optional<String> differenceFrom(DataFingerprint there) {
        if (digest.equals(there.digest)) {
            return Optional.empty();
        }
        if (entries.isEmpty() || there.entries.isEmpty()) {
            return Optional.of(String.format(Locale.ROOT, "%,d files of %,d bytes there, %,d files of %,d bytes here"
                    + " (or the same count with other names, sizes or times)", there.files, there.bytes, files, bytes));
        }
        Map<String, Entry> mine = new TreeMap<>();
        entries.forEach(e -> mine.put(e.name(), e));
        Map<String, Entry> theirs = new TreeMap<>();
        there.entries.forEach(e -> theirs.put(e.name(), e));
        TreeSet<String> names = new TreeSet<>(mine.keySet());
        names.addAll(theirs.keySet());
        for (String name : names) {
            Entry a = theirs.get(name);
            Entry b = mine.get(name);
            if (a == null || b == null) {
                return Optional.of(name + ": " + describe(a) + " there, " + describe(b) + " here");
            }
            if (a.bytes() != b.bytes()) {
                return Optional.of(String.format(Locale.ROOT, "%s: %,d bytes there, %,d here", name, a.bytes(),
                        b.bytes()));
            }
            if (!a.head().equals(b.head())) {
                return Optional.of(name + ": other contents (its first bytes differ)");
            }
            if (!a.modified().equals(b.modified())) {
                return Optional.of(name + ": modified " + a.modified() + " there, " + b.modified() + " here");
            }
        }
        return Optional.of("other files");
    }

    private static String describe(Entry entry) {
        return entry == null ? "absent" : String.format(Locale.ROOT, "%,d bytes", entry.bytes());
    }
}
