package io.sparktune.results;

import io.sparktune.data.DataException;
import io.sparktune.data.DataFiles;
import io.sparktune.input.UserInputException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.Path;

/**
 * An output folder's {@code .lock}: created in one atomic step (create-if-absent), so two searches started
 * at once cannot both believe they hold it. It names the holder as pid@host, plus a token of this claim
 * alone. A lock left by a process that is gone from this machine (a killed driver) is taken over, so a
 * rerun can resume; two reruns that find the same dead lock race for a marker named after it, created
 * if absent, and only the one that creates it replaces the lock, after checking that it is still the dead
 * one. A process releases only a lock that still holds its own token.
 */
public final class FolderLock {
    static final String FILE = ".lock";
    private static final String TAKEOVER = ".lock.takeover-";

    private final String folder;
    private final String path;
    private final String token;
    private boolean released;

    private FolderLock(String folder, String path, String token) {
        this.folder = folder;
        this.path = path;
        this.token = token;
    }

    static FolderLock acquire(String folder) {
        String path = new Path(folder, FILE).toString();
        String me = ProcessHandle.current().pid() + "@" + LocalHost.name() + " " + UUID.randomUUID();
        try {
            // A lock released between our create and our read is simply tried again.
            for (int attempt = 0; attempt < 3; attempt++) {
                if (DataFiles.createNew(path, bytes(me))) {
                    return new FolderLock(folder, path, me);
                }
                Optional<String> holder = read(folder);
                if (holder.isEmpty()) {
                    continue;
                }
                if (isGone(holder.get()) && takeOver(folder, path, holder.get(), me)) {
                    return new FolderLock(folder, path, me);
                }
                throw new UserInputException("output folder " + folder + " is in use by another search (process "
                        + processOf(holder.get()) + "); wait for it, or delete " + path + " if that search is no"
                        + " longer running");
            }
            throw new UserInputException("output folder " + folder + " is in use: its lock " + path
                    + " keeps changing hands; wait for the other searches");
        } catch (IOException e) {
            throw new UserInputException("output folder " + folder + " is not writable (creating " + path + ": "
                    + e.getMessage() + ")", e);
        }
    }

    /**
     * Replaces the dead {@code stale} lock with {@code me}, if this process is the one to do so. The
     * marker stays put while the lock is checked, removed and created anew, so no other rerun can act on
     * the same dead lock meanwhile; a rerun that comes later sees a lock that is no longer the dead one.
     */
    private static boolean takeOver(String folder, String path, String stale, String me) throws IOException {
        String marker = new Path(folder, TAKEOVER + Integer.toHexString(stale.hashCode())).toString();
        if (!DataFiles.createNew(marker, bytes(me))) {
            return false;
        }
        try {
            Optional<String> now = read(folder);
            if (now.isPresent() && !now.get().equals(stale)) {
                return false;
            }
            if (now.isPresent()) {
                DataFiles.fileSystem(path).delete(new Path(path), false);
            }
            return DataFiles.createNew(path, bytes(me));
        } finally {
            DataFiles.fileSystem(marker).delete(new Path(marker), false);
        }
    }

    /** A lock's holder as pid@host, and whether it is alive (a holder on another machine is assumed so). */
    public record Holder(String name, boolean alive) {
    }

    static Optional<Holder> holder(String folder) {
        return read(folder).map(h -> new Holder(processOf(h), !isGone(h)));
    }

    /**
     * Deletes the lock if it is still this claim's; a second call, from a shutdown hook racing the main
     * thread, does nothing.
     */
    synchronized void release() {
        if (released) {
            return;
        }
        released = true;
        try {
            if (read(folder).filter(token::equals).isPresent()) {
                DataFiles.fileSystem(path).delete(new Path(path), false);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The lock's content; empty when there is none (released meanwhile). */
    private static Optional<String> read(String folder) {
        if (!DataFiles.exists(folder, FILE)) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(DataFiles.readAll(folder, FILE), StandardCharsets.UTF_8).strip());
        } catch (DataException e) {
            // Deleted between the look and the read: by its holder's release, or a takeover.
            if (!DataFiles.exists(folder, FILE)) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** pid@host, without the claim's token. */
    private static String processOf(String holder) {
        int space = holder.indexOf(' ');
        return space < 0 ? holder : holder.substring(0, space);
    }

    /** Only a holder on this machine can be checked; one elsewhere is assumed alive. */
    private static boolean isGone(String holder) {
        String process = processOf(holder);
        int at = process.indexOf('@');
        if (at < 0 || !process.substring(at + 1).equals(LocalHost.name())) {
            return false;
        }
        try {
            long pid = Long.parseLong(process.substring(0, at));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
