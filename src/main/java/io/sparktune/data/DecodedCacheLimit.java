package io.sparktune.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * How much disk a host's decoded images may take: after a new entry is stored, the entries used longest ago go
 * until the folder is within the limit. A search touches its entry's time when it reads it, so the images a
 * host keeps using stay. The entry just stored always stays, however large. An entry removed while another JVM
 * has it mapped stays readable to that JVM (the file lives on until it is unmapped). The limit is in GB:
 * {@code sparktune.decoded.gb} (system property) or {@code SPARKTUNE_DECODED_GB}, else {@value #DEFAULT_GB}.
 */
record DecodedCacheLimit(long bytes) {
    static final int DEFAULT_GB = 50;
    static final String SUFFIX = ".images";

    static DecodedCacheLimit configured() {
        String gb = System.getProperty("sparktune.decoded.gb", System.getenv("SPARKTUNE_DECODED_GB"));
        double value;
        try {
            value = gb == null || gb.isBlank() ? DEFAULT_GB : Double.parseDouble(gb.strip());
        } catch (NumberFormatException e) {
            throw new DataException("SPARKTUNE_DECODED_GB (sparktune.decoded.gb) must be a number of GB, got '"
                    + gb + "'");
        }
        if (!(value >= 0) || Double.isInfinite(value)) {
            throw new DataException("SPARKTUNE_DECODED_GB (sparktune.decoded.gb) must be a number of GB >= 0, got '"
                    + gb + "'");
        }
        return new DecodedCacheLimit((long) (value * 1e9));
    }

    /** Marks {@code entry} as used now, so it is among the last to go. */
    static void touch(Path entry) {
        try {
            Files.setLastModifiedTime(entry, FileTime.fromMillis(System.currentTimeMillis()));
        } catch (IOException e) {
            // A read-only cache is still a cache: the entry is just not known to be recent.
        }
    }

    /** Removes the entries of {@code folder} used longest ago, but never {@code keep}; returns what went. */
    List<Removed> prune(Path folder, Path keep) throws IOException {
        List<Entry> entries = new ArrayList<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.getFileName().toString().endsWith(SUFFIX)).toList()) {
                try {
                    entries.add(new Entry(file, Files.size(file), Files.getLastModifiedTime(file).toMillis()));
                } catch (NoSuchFileException e) {
                    // Pruned by another JVM meanwhile.
                }
            }
        }
        long total = entries.stream().mapToLong(Entry::size).sum();
        entries.sort(Comparator.comparingLong(Entry::used));
        List<Removed> removed = new ArrayList<>();
        for (Entry entry : entries) {
            if (total <= bytes) {
                break;
            }
            if (entry.file().equals(keep)) {
                continue;
            }
            if (Files.deleteIfExists(entry.file())) {
                removed.add(new Removed(entry.file(), entry.size()));
            }
            total -= entry.size();
        }
        return removed;
    }

    /** An entry that was removed, and the bytes it freed. */
    record Removed(Path file, long size) {
    }

    private record Entry(Path file, long size, long used) {
    }
}
