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
import java.util.UUID;
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
    private static volatile Configuration configuration = new Configuration();

    private DataFiles() {
    }

    /** The Hadoop configuration every file of this JVM is read and written with from now on. */
    public static void use(Configuration hadoop) {
        configuration = hadoop;
    }

    public static Configuration configuration() {
        return configuration;
    }

    /** The folder as an absolute URI: a relative local path means the driver's working directory. */
    public static String qualify(String folder) {
        try {
            Path path = new Path(folder);
            return path.getFileSystem(configuration).makeQualified(path).toString();
        } catch (IOException | IllegalArgumentException e) {
            throw new DataException("data path '" + folder + "' is not a usable path or URI: " + e.getMessage(), e);
        }
    }

    public static FileSystem fileSystem(String uri) {
        try {
            return FileSystem.get(URI.create(uri), configuration);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The status of {@code folder/name}, or null when it does not exist. */
    public static FileStatus status(String folder, String name) {
        return status(new Path(folder, name));
    }

    /** The status of a file or folder, or null when it does not exist. */
    public static FileStatus status(String path) {
        return status(new Path(path));
    }

    private static FileStatus status(Path path) {
        try {
            return path.getFileSystem(configuration).getFileStatus(path);
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
            FileContext.getFileContext(fs.getUri(), configuration).rename(partial, target, Options.Rename.OVERWRITE);
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

    public static byte[] readAll(String folder, String name) {
        Path path = new Path(folder, name);
        try (InputStream in = fileSystem(folder).open(path)) {
            return in.readAllBytes();
        } catch (IOException e) {
            throw new DataException("cannot read " + path + ": " + e.getMessage(), e);
        }
    }
}
