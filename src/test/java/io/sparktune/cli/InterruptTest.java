package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparktune.RequiredData;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C and SIGTERM sent to a real sparktune process: the trial jobs are cancelled, the stop is recorded,
 * one line says what was kept and how to go on, no stack trace, and the exit code a shell expects.
 */
class InterruptTest {
    @TempDir
    Path dir;

    private Path spec(String name, String model, String space) throws Exception {
        return Files.writeString(dir.resolve(name + ".json"), """
                {"name": "%s", "data": {"kind": "cifar10", "path": "%s", "max_train_images": 1500},
                 "model": %s, "search": {"space": %s},
                 "execution": {"master": "local[1]", "parallel_trials": 1, "seed": 3}}
                """.formatted(name, RequiredData.cifar10().toAbsolutePath(), model, space));
    }

    /**
     * The driver, with its task held at {@code point} until a file that never comes: the search is certainly
     * there when the test signals it, however fast or slow the machine.
     */
    private Process start(Path spec, Path out, Path log, String point) throws Exception {
        return new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dsparktune.home=" + System.getProperty("sparktune.home", "target/sparktune-home"),
                "-Dspark.sparktune.test.hold=" + point,
                "-Dspark.sparktune.test.holdUntil=" + dir.resolve("never"),
                "io.sparktune.cli.SparktuneCli",
                "search", spec.toString(), "-o", out.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static void awaitThenSignal(Process driver, Predicate<Void> ready, String signal, Path log)
            throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
        while (!ready.test(null) && driver.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(driver.isAlive(), "the search should still be running:\n" + Files.readString(log));
        new ProcessBuilder("kill", "-" + signal, Long.toString(driver.pid())).start().waitFor();
        assertTrue(driver.waitFor(120, TimeUnit.SECONDS), "the process should end after SIG" + signal);
    }

    private static JsonNode json(Path file) throws Exception {
        return new ObjectMapper().readTree(file.toFile());
    }

    @Test
    void ctrlCDuringTrialsKeepsWhatFinishedSaysHowToResumeAndExits130() throws Exception {
        Path spec = spec("interrupted", "{\"epochs\": 2, \"filters\": 8}",
                "{\"learning_rate\": [0.001, 0.002, 0.003, 0.004, 0.005, 0.006]}");
        Path out = dir.resolve("out");
        Path log = dir.resolve("driver.log");
        // One trial at a time, in id order: trials 1 and 2 finish, trial 3 is held.
        Process driver = start(spec, out, log, "trial-3");
        awaitThenSignal(driver, x -> journalSize(out) == 2, "INT", log);
        String printed = Files.readString(log);
        assertEquals(130, driver.exitValue(), printed);
        int kept = journalSize(out);
        assertEquals(2, kept, "trials 1 and 2 in the journal");
        assertTrue(printed.contains("sparktune: interrupted during the trials: " + kept + " trial"
                + (kept == 1 ? "" : "s") + " kept in file:" + out + "; resume with: sparktune search " + spec
                + " -o " + out), printed);
        assertFalse(printed.contains("Exception") || printed.contains("\tat "), "no stack trace:\n" + printed);
        assertEquals("interrupted", json(out.resolve("run.json")).get("stop_reason").asText());
        assertEquals("interrupted", json(out.resolve("status.json")).get("state").asText());
        assertFalse(Files.exists(out.resolve(".lock")), "the folder is free for the resume");

        CliRun status = CliRun.of("status", "-o", out.toString());
        assertEquals(0, status.exitCode(), status.toString());
        assertTrue(status.out().contains("last stop: interrupted during the trials"), status.out());
        CliRun resumed = CliRun.of("search", spec.toString(), "-o", out.toString(), "--no-evaluate");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains(kept + " trials already finished are kept"), resumed.out());
    }

    @Test
    void sigtermDuringTheFinalCheckKeepsEveryTrialAndExits143() throws Exception {
        Path spec = spec("terminated", "{\"epochs\": 1, \"filters\": 8, \"dense_units\": 32}",
                "{\"learning_rate\": [0.001]}");
        Path out = dir.resolve("out");
        Path log = dir.resolve("driver.log");
        Process driver = start(spec, out, log, "final-check");
        awaitThenSignal(driver, x -> read(log).contains("Final check on the unseen test set"), "TERM", log);
        String printed = Files.readString(log);
        assertEquals(143, driver.exitValue(), printed);
        assertTrue(printed.contains("sparktune: interrupted during the final check: 1 trial kept in file:" + out
                + "; every trial is kept; run the final check with: sparktune evaluate -o file:" + out), printed);
        assertFalse(printed.contains("Exception") || printed.contains("\tat "), "no stack trace:\n" + printed);
        assertEquals("interrupted", json(out.resolve("run.json")).get("stop_reason").asText());
        assertFalse(Files.exists(out.resolve("models/best.zip")), "no half-finished final check is left as done");
    }

    private static int journalSize(Path out) {
        String[] files = out.resolve("journal").toFile().list((d, n) -> n.startsWith("trial-") && n.endsWith(".json"));
        return files == null ? 0 : files.length;
    }

    private static String read(Path log) {
        try {
            return Files.readString(log);
        } catch (java.io.IOException e) {
            return "";
        }
    }
}
