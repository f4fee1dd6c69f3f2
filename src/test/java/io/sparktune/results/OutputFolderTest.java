package io.sparktune.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.DataFingerprint;
import io.sparktune.input.UserInputException;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claiming an output folder: what is written, what is refused, and the lock that keeps two searches apart. */
class OutputFolderTest {
    @TempDir
    Path dir;

    private static final DataFingerprint DATA = new DataFingerprint(1, 30_730_000, "one-batch", List.of(
            new DataFingerprint.Entry("data_batch_1.bin", 30_730_000, "2026-01-01T00:00:00Z", "06")));
    private static final DataFingerprint MORE_DATA = new DataFingerprint(2, 61_460_000, "two-batches", List.of(
            new DataFingerprint.Entry("data_batch_1.bin", 30_730_000, "2026-01-01T00:00:00Z", "06"),
            new DataFingerprint.Entry("data_batch_2.bin", 30_730_000, "2026-01-01T00:00:00Z", "06")));

    private SearchSpec spec(String epochs) {
        return new SpecReader().read("""
                {"data": {"kind": "cifar10", "path": "/data/cifar"}, "model": {"epochs": %s},
                 "search": {"space": {"learning_rate": [0.001, 0.01]}}}""".formatted(epochs), "spec.json", "s",
                List.of());
    }

    @Test
    void aNewFolderGetsTheSpecAndALockThatClosingReleases() throws Exception {
        Path out = dir.resolve("out");
        try (OutputFolder folder = new OutputFolder(out.toString())) {
            assertEquals(List.of(), folder.open(spec("2"), DATA));
            assertTrue(Files.readString(out.resolve("spec.json")).contains("\"epochs\""));
            assertTrue(Files.readString(out.resolve(".lock")).startsWith(ProcessHandle.current().pid() + "@"));
        }
        assertFalse(Files.exists(out.resolve(".lock")));
        try (var entries = Files.list(out)) {
            assertEquals(List.of("identity.json", "network.txt", "spec.json"),
                    entries.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary or checksum file is left behind");
        }
    }

    @Test
    void aFolderInUseIsRefusedAndOneLeftByADeadProcessIsTakenOver() throws Exception {
        Path out = dir.resolve("out");
        try (OutputFolder first = new OutputFolder(out.toString())) {
            first.open(spec("2"), DATA);
            UserInputException e = assertThrows(UserInputException.class,
                    () -> new OutputFolder(out.toString()).open(spec("2"), DATA));
            assertTrue(e.getMessage().contains("is in use by another search"), e.getMessage());
        }
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(out.resolve(".lock"), gone.pid() + "@" + LocalHost.name());
        try (OutputFolder rerun = new OutputFolder(out.toString())) {
            assertEquals(List.of(), rerun.open(spec("2"), DATA), "the dead driver's lock is taken over");
        }
    }

    /** Many searches started at once on one folder: exactly one claims it. */
    @Test
    void theLockIsCreatedAtomically() throws Exception {
        Path out = dir.resolve("race");
        new OutputFolder(out.toString()).open(spec("2"), DATA);
        Files.delete(out.resolve(".lock"));
        int won = Race.winners(8, () -> new OutputFolder(out.toString()).open(spec("2"), DATA));
        assertEquals(1, won);
    }

    @Test
    void anotherSearchAFileOrAForeignFolderIsRefusedAndLeftAsItWas() throws Exception {
        Path out = dir.resolve("out");
        try (OutputFolder folder = new OutputFolder(out.toString())) {
            folder.open(spec("2"), DATA);
        }
        String before = Files.readString(out.resolve("spec.json"));
        UserInputException other = assertThrows(UserInputException.class,
                () -> new OutputFolder(out.toString()).open(spec("3"), DATA));
        assertTrue(other.getMessage().contains("holds a different search (model.epochs: 2 there, 3 here)"),
                other.getMessage());
        assertEquals(before, Files.readString(out.resolve("spec.json")));
        assertFalse(Files.exists(out.resolve(".lock")));

        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertTrue(assertThrows(UserInputException.class, () -> new OutputFolder(file.toString()).open(spec("2"), DATA))
                .getMessage().contains("is a file, not a folder"));
        Path foreign = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(foreign.resolve("cat.jpg"), "x");
        assertTrue(assertThrows(UserInputException.class, () -> new OutputFolder(foreign.toString()).open(spec("2"), DATA))
                .getMessage().contains("holds no sparktune search"));
        try (var entries = Files.list(foreign)) {
            assertEquals(1, entries.count());
        }
    }

    /** Batches added to the data folder: the old trials were validated on another split, so no resume. */
    @Test
    void aRerunOnOtherDataFilesIsRefusedNamingTheFileAndTheSameFilesResume() throws Exception {
        Path out = dir.resolve("data");
        try (OutputFolder first = new OutputFolder(out.toString())) {
            first.open(spec("2"), DATA);
        }
        UserInputException e = assertThrows(UserInputException.class,
                () -> new OutputFolder(out.toString()).open(spec("2"), MORE_DATA));
        assertTrue(e.getMessage().contains("holds a search of other data files in /data/cifar (data_batch_2.bin:"
                + " absent there, 30,730,000 bytes here)"), e.getMessage());
        assertFalse(Files.exists(out.resolve(".lock")));
        try (OutputFolder same = new OutputFolder(out.toString())) {
            assertEquals(List.of(), same.open(spec("2"), DATA), "the same files resume");
        }
    }

    /** A relative data path is the folder the first run meant, wherever a rerun starts. */
    @Test
    void aRelativeDataPathIsComparedAsTheFirstRunResolvedIt() throws Exception {
        SearchSpec relative = new SpecReader().read("""
                {"data": {"kind": "cifar10", "path": "data/cifar"}, "model": {"epochs": 2},
                 "search": {"space": {"learning_rate": [0.001, 0.01]}}}""", "spec.json", "s", List.of());
        Path out = dir.resolve("relative");
        try (OutputFolder first = new OutputFolder(out.toString())) {
            first.open(relative.withData(relative.data().withPath("file:/home/a/data/cifar")), DATA);
        }
        try (OutputFolder again = new OutputFolder(out.toString())) {
            assertEquals(List.of(), again.open(relative.withData(relative.data().withPath("file:/home/a/data/cifar")),
                    DATA), "run again from the first run's folder");
        }
        UserInputException e = assertThrows(UserInputException.class, () -> new OutputFolder(out.toString())
                .open(relative.withData(relative.data().withPath("file:/home/b/data/cifar")), DATA));
        assertTrue(e.getMessage().contains("data.path: \"file:/home/a/data/cifar\" there,"
                + " \"file:/home/b/data/cifar\" here"), e.getMessage());
    }
}
