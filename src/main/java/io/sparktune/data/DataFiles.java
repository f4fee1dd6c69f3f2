package io.sparktune.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Data folders as Hadoop FileSystem paths ({@code file://}, {@code hdfs://}, {@code s3a://} with its
 * connector), so executors on other machines read the same files the driver checked.
 */
public final class DataFiles {
    private DataFiles() {
    }

    /** The folder as an absolute URI: a relative local path means the driver's working directory. */
    public static String qualify(String folder) {
        try {
            Path path = new Path(folder);
            return path.getFileSystem(new Configuration()).makeQualified(path).toString();
        } catch (IOException | IllegalArgumentException e) {
            throw new DataException("data path '" + folder + "' is not a usable path or URI: " + e.getMessage(), e);
        }
    }

    public static FileSystem fileSystem(String uri) {
        try {
            return FileSystem.get(URI.create(uri), new Configuration());
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
            return path.getFileSystem(new Configuration()).getFileStatus(path);
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
     * Writes {@code path} under a temporary name in the same folder and renames it into place, so that a
     * reader (or a crash halfway) never leaves half a file under the real name. Replaces an existing file.
     */
    public static void replace(String path, Writer writer) throws IOException {
        Path target = new Path(path);
        FileSystem fs = fileSystem(path);
        Path partial = new Path(target.getParent(), "." + target.getName() + "." + java.util.UUID.randomUUID() + ".tmp");
        fs.mkdirs(target.getParent());
        try (OutputStream out = fs.create(partial, true)) {
            writer.writeTo(out);
        }
        fs.delete(target, false);
        if (!fs.rename(partial, target)) {
            fs.delete(partial, false);
            throw new IOException("rename to " + target + " failed");
        }
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
