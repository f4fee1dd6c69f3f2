package io.sparktune.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;

/**
 * Data folders as Hadoop FileSystem paths ({@code file://}, {@code hdfs://}, {@code s3a://} with its
 * connector), so executors on other machines read the same files the driver checked. Every file system is
 * opened with one Hadoop configuration per JVM: Spark's, with the user's {@code spark.hadoop.*} settings
 * (credentials, HDFS high availability), set on the driver and shipped to every task.
 */
public final class DataFiles {
    private static Supplier<Configuration> source = Configuration::new;
    private static Configuration configuration;

    private DataFiles() {
    }

    /** The Hadoop configuration every file of this JVM is read and written with from now on. */
    public static synchronized void use(Configuration hadoop) {
        configuration = hadoop;
    }

    /**
     * The configuration to make when a file is first opened through Hadoop. Making one costs a second (the
     * first Hadoop configuration of a JVM reads its defaults), which a command that only reads local files,
     * such as {@code sparktune status}, never pays.
     */
    public static synchronized void use(Supplier<Configuration> hadoop) {
        source = hadoop;
        configuration = null;
    }

    public static synchronized Configuration configuration() {
        if (configuration == null) {
            configuration = source.get();
        }
        return configuration;
    }

    /**
     * The local file a path names, when it is surely local: a {@code file:} URI, or a path without a scheme
     * where no Hadoop setting could make the default file system another one (no {@code fs.defaultFS} given
     * to Spark, no core-site.xml on the classpath, no configuration made yet that could say otherwise).
     */
    static Optional<java.nio.file.Path> local(String path) {
        try {
            URI uri = new URI(path.replace(" ", "%20"));
            if ("file".equals(uri.getScheme())) {
                return Optional.of(java.nio.file.Path.of(uri.getPath()));
            }
            boolean defaultIsLocal = uri.getScheme() == null && configuration == null
                    && System.getProperty("spark.hadoop.fs.defaultFS") == null
                    && DataFiles.class.getClassLoader().getResource("core-site.xml") == null;
            return defaultIsLocal ? Optional.of(java.nio.file.Path.of(path).toAbsolutePath().normalize())
                    : Optional.empty();
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The folder as an absolute URI: a relative local path means the driver's working directory. */
    public static String qualify(String folder) {
        Optional<java.nio.file.Path> local = local(folder);
        if (local.isPresent()) {
            return "file:" + local.get();
        }
        try {
            Path path = new Path(folder);
            return path.getFileSystem(configuration()).makeQualified(path).toString();
        } catch (IOException | IllegalArgumentException e) {
            throw new DataException("data path '" + folder + "' is not a usable path or URI: " + e.getMessage(), e);
        }
    }

    public static FileSystem fileSystem(String uri) {
        try {
            return FileSystem.get(URI.create(uri), configuration());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status of {@code folder/name}, or null when it does not exist. */
    public static FileStatus status(String folder, String name) {
        return status(new Path(folder, name));
    }

    /** Whether {@code folder/name} exists; a local one is looked at without Hadoop. */
    public static boolean exists(String folder, String name) {
        Optional<java.nio.file.Path> local = local(folder);
        return local.isPresent() ? Files.exists(local.get().resolve(name)) : status(folder, name) != null;
    }

    /** The names of the files in {@code folder} (none when it does not exist), sorted. */
    public static List<String> list(String folder) {
        Optional<java.nio.file.Path> local = local(folder);
        try {
            if (local.isPresent()) {
                if (!Files.isDirectory(local.get())) {
                    return List.of();
                }
                try (var entries = Files.list(local.get())) {
                    return entries.map(p -> p.getFileName().toString()).sorted().toList();
                }
            }
            FileSystem fs = fileSystem(folder);
            Path path = new Path(folder);
            if (!fs.exists(path)) {
                return List.of();
            }
            return Arrays.stream(fs.listStatus(path)).map(f -> f.getPath().getName()).sorted().toList();
        } catch (IOException e) {
            throw new DataException("cannot list " + folder + ": " + e.getMessage(), e);
        }
    }

    /** The status of a file or folder, or null when it does not exist. */
    public static FileStatus status(String path) {
        return status(new Path(path));
    }

    private static FileStatus status(Path path) {
        try {
            return path.getFileSystem(configuration()).getFileStatus(path);
        } catch (java.io.FileNotFoundException e) {
            return null;
        } catch (IOException e) {
            throw new DataException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }

    /** True when {@code folder} exists and holds at least one entry. */
    public static boolean hasEntries(String folder) {
        Path path = new Path(folder);
        try {
            FileSystem fs = fileSystem(folder);
            return fs.exists(path) && fs.getFileStatus(path).isDirectory() && fs.listStatus(path).length > 0;
        } catch (IOException e) {
            throw new DataException("cannot list " + path + ": " + e.getMessage(), e);
        }
    }

    /** Writes an output stream's worth of bytes. */
    @FunctionalInterface
    public interface Writer {
        void writeTo(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code path} under a temporary name in the same folder and renames it into place in one atomic
     * step that replaces the old file, so a reader (or a crash halfway) finds the old file or the new one,
     * never half a file or none.
     */
    public static void replace(String path, Writer writer) throws IOException {
        Path target = new Path(path);
        FileSystem fs = fileSystem(path);
        Path partial = new Path(target.getParent(), "." + target.getName() + "." + UUID.randomUUID() + ".tmp");
        fs.mkdirs(target.getParent());
        if (isLocal(fs)) {
            // Plain files, without Hadoop's .crc companions: an atomic rename would leave the old one beside
            // the new file, and the next read would fail its checksum.
            java.nio.file.Path local = localPath(fs, target);
            java.nio.file.Path temporary = localPath(fs, partial);
            try (OutputStream out = Files.newOutputStream(temporary)) {
                writer.writeTo(out);
            } catch (IOException | RuntimeException e) {
                Files.deleteIfExists(temporary);
                throw e;
            }
            Files.deleteIfExists(local.resolveSibling("." + local.getFileName() + ".crc"));
            Files.move(temporary, local, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return;
        }
        try (OutputStream out = fs.create(partial, true)) {
            writer.writeTo(out);
        }
        try {
            FileContext.getFileContext(fs.getUri(), configuration()).rename(partial, target, Options.Rename.OVERWRITE);
        } catch (IOException | RuntimeException e) {
            fs.delete(partial, false);
            throw e;
        }
    }

    /**
     * Creates {@code path} holding {@code bytes} only if nothing is there, in one step no other process can
     * come between (O_EXCL locally, the NameNode's create elsewhere). False when it exists already.
     */
    public static boolean createNew(String path, byte[] bytes) throws IOException {
        Path target = new Path(path);
        FileSystem fs = fileSystem(path);
        fs.mkdirs(target.getParent());
        if (isLocal(fs)) {
            try (OutputStream out = Files.newOutputStream(localPath(fs, target), StandardOpenOption.CREATE_NEW,
                    StandardOpenOption.WRITE)) {
                out.write(bytes);
                return true;
            } catch (FileAlreadyExistsException e) {
                return false;
            }
        }
        try (OutputStream out = fs.create(target, false)) {
            out.write(bytes);
            return true;
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
            return false;
        }
    }

    private static boolean isLocal(FileSystem fs) {
        return "file".equals(fs.getUri().getScheme());
    }

    private static java.nio.file.Path localPath(FileSystem fs, Path path) {
        return java.nio.file.Path.of(fs.makeQualified(path).toUri());
    }

    /** {@code to} becomes a copy of {@code from}, replaced in one step as {@link #replace} does. */
    public static void copy(String from, String to) {
        Path source = new Path(from);
        try (InputStream in = fileSystem(from).open(source)) {
            replace(to, out -> in.transferTo(out));
        } catch (IOException e) {
            throw new DataException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    public static byte[] readAll(String folder, String name) {
        Optional<java.nio.file.Path> local = local(folder);
        if (local.isPresent()) {
            try {
                return Files.readAllBytes(local.get().resolve(name));
            } catch (IOException e) {
                throw new DataException("cannot read " + local.get().resolve(name) + ": " + e.getMessage(), e);
            }
        }
        Path path = new Path(folder, name);
        try (InputStream in = fileSystem(folder).open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DataException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
