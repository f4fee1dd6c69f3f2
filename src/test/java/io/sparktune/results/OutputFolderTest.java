package io.sparktune.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.input.UserInputException;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Claiming an output folder: what is written, what is refused, and the lock that keeps two searches apart. */
class OutputFolderTest {
    @TempDir
    Path dir;

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
            assertEquals(List.of(), folder.open(spec("2")));
            assertTrue(Files.readString(out.resolve("spec.json")).contains("\"epochs\""));
            assertTrue(Files.readString(out.resolve(".lock")).startsWith(ProcessHandle.current().pid() + "@"));
        }
        assertFalse(Files.exists(out.resolve(".lock")));
        try (var entries = Files.list(out)) {
            assertEquals(List.of("spec.json"), entries.map(p -> p.getFileName().toString()).toList(),
                    "no temporary or checksum file is left behind");
        }
    }

    @Test
    void aFolderInUseIsRefusedAndOneLeftByADeadProcessIsTakenOver() throws Exception {
        Path out = dir.resolve("out");
        try (OutputFolder first = new OutputFolder(out.toString())) {
            first.open(spec("2"));
            UserInputException e = assertThrows(UserInputException.class,
                    () -> new OutputFolder(out.toString()).open(spec("2")));
            assertTrue(e.getMessage().contains("is in use by another search"), e.getMessage());
        }
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(out.resolve(".lock"), gone.pid() + "@" + LocalHost.name());
        try (OutputFolder rerun = new OutputFolder(out.toString())) {
            assertEquals(List.of(), rerun.open(spec("2")), "the dead driver's lock is taken over");
        }
    }

    /** Many searches started at once on one folder: exactly one claims it. */
    @Test
    void theLockIsCreatedAtomically() throws Exception {
        Path out = dir.resolve("race");
        new OutputFolder(out.toString()).open(spec("2"));
        Files.delete(out.resolve(".lock"));
        int racers = 8;
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        List<Future<Boolean>> claims = new ArrayList<>();
        for (int i = 0; i < racers; i++) {
            Callable<Boolean> claim = () -> {
                start.await();
                try {
                    new OutputFolder(out.toString()).open(spec("2"));
                    return true;
                } catch (UserInputException e) {
                    return false;
                }
            };
            claims.add(pool.submit(claim));
        }
        start.countDown();
        int won = 0;
        for (Future<Boolean> claim : claims) {
            won += claim.get() ? 1 : 0;
        }
        pool.shutdown();
        assertEquals(1, won);
    }

    @Test
    void anotherSearchAFileOrAForeignFolderIsRefusedAndLeftAsItWas() throws Exception {
        Path out = dir.resolve("out");
        try (OutputFolder folder = new OutputFolder(out.toString())) {
            folder.open(spec("2"));
        }
        String before = Files.readString(out.resolve("spec.json"));
        UserInputException other = assertThrows(UserInputException.class,
                () -> new OutputFolder(out.toString()).open(spec("3")));
        assertTrue(other.getMessage().contains("holds a different search (model.epochs: 2 there, 3 here)"),
                other.getMessage());
        assertEquals(before, Files.readString(out.resolve("spec.json")));
        assertFalse(Files.exists(out.resolve(".lock")));

        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        assertTrue(assertThrows(UserInputException.class, () -> new OutputFolder(file.toString()).open(spec("2")))
                .getMessage().contains("is a file, not a folder"));
        Path foreign = Files.createDirectories(dir.resolve("photos"));
        Files.writeString(foreign.resolve("cat.jpg"), "x");
        assertTrue(assertThrows(UserInputException.class, () -> new OutputFolder(foreign.toString()).open(spec("2")))
                .getMessage().contains("holds no sparktune search"));
        try (var entries = Files.list(foreign)) {
            assertEquals(1, entries.count());
        }
    }
}
