package io.sparktune.results;

import io.sparktune.data.DataFiles;
import io.sparktune.input.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.hadoop.fs.Path;

/**
 * An output folder's {@code .lock}: created in one atomic step (create-if-absent), so two searches started
 * at once cannot both believe they hold it. It names the holder as pid@host; a lock left by a process that
 * is gone from this machine (a killed driver) is taken over, so a rerun can resume.
 */
public final class FolderLock {
    static final String FILE = ".lock";

    private final String path;

    private FolderLock(String path) {
        this.path = path;
    }

    static FolderLock acquire(String folder) {
        String path = new Path(folder, FILE).toString();
        byte[] me = (ProcessHandle.current().pid() + "@" + LocalHost.name()).getBytes(StandardCharsets.UTF_8);
        try {
            if (DataFiles.createNew(path, me)) {
                return new FolderLock(path);
            }
            String holder = new String(DataFiles.readAll(folder, FILE), StandardCharsets.UTF_8).strip();
            // A dead holder's lock is removed, then created anew as above: if another rerun got there first,
            // its create wins and this one is refused.
            if (isGone(holder)) {
                DataFiles.fileSystem(path).delete(new Path(path), false);
                if (DataFiles.createNew(path, me)) {
                    return new FolderLock(path);
                }
            }
            throw new UserInputException("output folder " + folder + " is in use by another search (process "
                    + holder + "); wait for it, or delete " + path + " if that search is no longer running");
        } catch (IOException e) {
            throw new UserInputException("output folder " + folder + " is not writable (creating " + path + ": "
                    + e.getMessage() + ")", e);
        }
    }

    /** A lock's holder as pid@host, and whether it is alive (a holder on another machine is assumed so). */
    public record Holder(String name, boolean alive) {
    }

    static Optional<Holder> holder(String folder) {
        if (!DataFiles.exists(folder, FILE)) {
            return Optional.empty();
        }
        String holder = new String(DataFiles.readAll(folder, FILE), StandardCharsets.UTF_8).strip();
        return Optional.of(new Holder(holder, !isGone(holder)));
    }

    void release() {
        try {
            DataFiles.fileSystem(path).delete(new Path(path), false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Only a holder on this machine can be checked; one elsewhere is assumed alive. */
    private static boolean isGone(String holder) {
        int at = holder.indexOf('@');
        if (at < 0 || !holder.substring(at + 1).equals(LocalHost.name())) {
            return false;
        }
        try {
            long pid = Long.parseLong(holder.substring(0, at));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }
}
