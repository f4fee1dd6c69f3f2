package io.sparktune.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock a rerun takes over from a killed driver: one winner, and nobody else's lock released. */
class FolderLockTest {
    @TempDir
    Path dir;

    /** The lock a driver that is gone left behind: its pid is dead on this host. */
    private static String deadHolder() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        return gone.pid() + "@" + LocalHost.name();
    }

    @Test
    void rerunsRacingForADeadDriversLockLeaveOneWinnerEveryTime() throws Exception {
        String dead = deadHolder();
        for (int round = 0; round < 25; round++) {
            Path folder = Files.createDirectories(dir.resolve("round-" + round));
            Files.writeString(folder.resolve(FolderLock.FILE), dead);
            int won = Race.winners(8, () -> FolderLock.acquire(folder.toString()));
            assertEquals(1, won, "round " + round + ": one rerun takes the dead lock over");
            String holder = Files.readString(folder.resolve(FolderLock.FILE));
            assertTrue(holder.startsWith(ProcessHandle.current().pid() + "@"), holder);
            try (var names = Files.list(folder)) {
                assertEquals(List.of(FolderLock.FILE), names.map(p -> p.getFileName().toString()).toList(),
                        "no takeover marker left behind");
            }
        }
    }

    @Test
    void twoProcessesRacingForADeadDriversLockLeaveOneWinner() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("two-processes"));
        Files.writeString(folder.resolve(FolderLock.FILE), deadHolder());
        List<Process> processes = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            processes.add(new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), LockClaim.class.getName(), folder.toString())
                    .redirectErrorStream(true).start());
        }
        List<String> answers = new ArrayList<>();
        for (Process p : processes) {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            while (line != null && !line.equals("claimed") && !line.equals("refused")) {
                line = out.readLine();
            }
            answers.add(line);
        }
        for (Process p : processes) {
            p.getOutputStream().close();
            assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        }
        assertEquals(1, answers.stream().filter("claimed"::equals).count(), "answers: " + answers);
        assertEquals(1, answers.stream().filter("refused"::equals).count(), "answers: " + answers);
        assertFalse(Files.exists(folder.resolve(FolderLock.FILE)), "the winner released its lock on exit");
    }

    @Test
    void aProcessReleasesOnlyItsOwnLockAndOnlyOnce() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("own"));
        FolderLock mine = FolderLock.acquire(folder.toString());
        // Another search took the folder over meanwhile (this one was taken for dead).
        String other = "4242@elsewhere 7e57";
        Files.writeString(folder.resolve(FolderLock.FILE), other);
        mine.release();
        assertEquals(other, Files.readString(folder.resolve(FolderLock.FILE)), "the other search's lock stays");

        Files.delete(folder.resolve(FolderLock.FILE));
        FolderLock again = FolderLock.acquire(folder.toString());
        again.release();
        assertFalse(Files.exists(folder.resolve(FolderLock.FILE)));
        FolderLock third = FolderLock.acquire(folder.toString());
        again.release();
        assertTrue(Files.exists(folder.resolve(FolderLock.FILE)), "a second release of an old claim does nothing");
        third.release();
    }
}
