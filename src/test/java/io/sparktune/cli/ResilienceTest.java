package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.results.TrialJournal;
import io.sparktune.trial.TrialResult;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches that meet trouble, in real Spark local mode: bad trials, a killed driver, a folder in use. */
class ResilienceTest {
    @TempDir
    Path dir;

    private Path cifar;

    @BeforeEach
    void data() {
        Path shared = RequiredData.cifar10();
        cifar = shared.toAbsolutePath();
    }

    private Path spec(String model, String space, int images) throws Exception {
        Path spec = dir.resolve("spec-" + System.nanoTime() + ".json");
        Files.writeString(spec, """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": %d},
                 "model": %s,
                 "search": {"space": %s},
                 "execution": {"master": "local[2]", "parallel_trials": 2, "seed": 3}}
                """.formatted(cifar, images, model, space));
        return spec;
    }

    /** trial_id -> the other selected columns, as the query command prints them. */
    private static Map<Integer, String> query(Path output, String columns) {
        CliRun run = CliRun.of("query", "-o", output.toString(),
                "SELECT trial_id, " + columns + " FROM trials ORDER BY trial_id");
        assertEquals(0, run.exitCode(), run.toString());
        return run.out().lines().skip(2).filter(l -> !l.isBlank())
                .collect(Collectors.toMap(l -> Integer.parseInt(l.strip().split("\\s+")[0]),
                        l -> l.strip().split("\\s+", 2)[1].strip(), (a, b) -> a + " | DUPLICATE " + b, TreeMap::new));
    }

    @Test
    void aTrialThatFailsAndOneThatDivergesAreRecordedWhileTheOthersFinish() throws Exception {
        // 4 conv blocks cannot be built for 32x32 images; a learning rate of 1e30 makes SGD's loss explode.
        Path spec = spec("{\"optimizer\": \"sgd\", \"epochs\": 1}",
                "{\"conv_layers\": [1, 4], \"learning_rate\": [0.01, 1e30]}", 500);
        Path out = dir.resolve("bad-trials");
        CliRun run = CliRun.of("search", spec.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), "a failed or diverged trial is a result, not an error: " + run);
        assertTrue(run.out().contains("note: trial 3: an input of 32x32 pixels is too small for 4 conv blocks"),
                run.out());
        Map<Integer, String> status = query(out, "status");
        // Trial 0 is the baseline (the spec's defaults, learning rate 0.001), which the grid does not hold.
        assertEquals(Map.of(0, "ok", 1, "ok", 2, "diverged", 3, "failed", 4, "failed"), status);
        Map<Integer, TrialResult> journal = new TrialJournal(out.toString()).readAll().stream()
                .collect(Collectors.toMap(TrialResult::trialId, r -> r));
        assertTrue(journal.get(2).error().startsWith("training loss became"), journal.get(2).error());
        assertTrue(journal.get(3).error().contains("too small for 4 conv blocks"), journal.get(3).error());
    }

    /**
     * The driver dies as by SIGKILL (no shutdown hook, no clean-up) the moment it starts trial 1. Longest
     * first, the tanh trials 2, 4, 6, 8 start before it, two at a time, so when it starts 3 of them have
     * finished: the search is caught mid-run by its own progress, not by a test's timing.
     */
    @Test
    void aKilledDriverLosesNoFinishedTrialAndTheRerunTrainsOnlyTheRest() throws Exception {
        Path spec = spec("{\"epochs\": 2, \"filters\": 16}",
                "{\"learning_rate\": [0.001, 0.002, 0.003, 0.004], \"activation\": [\"relu\", \"tanh\"]}", 800);
        Path out = dir.resolve("killed");
        Path journalFolder = out.resolve("journal");
        Process driver = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dsparktune.home=" + System.getProperty("sparktune.home", "target/sparktune-home"),
                "-Dspark.sparktune.test.halt=trial-1",
                "io.sparktune.cli.SparktuneCli",
                "search", spec.toString(), "-o", out.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("driver.log").toFile()).start();
        assertTrue(driver.waitFor(300, TimeUnit.SECONDS), "the driver should halt at trial 1");
        String log = Files.readString(dir.resolve("driver.log"));
        assertEquals(137, driver.exitValue(), "halted as a kill -9 leaves it: " + log);
        Map<String, String> survivors = finishedTrials(journalFolder);
        // The other running trial may just have finished too, within the same moment.
        assertTrue(survivors.size() >= 3 && survivors.size() <= 4 && !survivors.containsKey("trial-000001.json"),
                "3 of trials 2, 4, 6, 8 (perhaps all 4) finished when trial 1 was to start: " + survivors.keySet() + "\n" + log);
        assertTrue(!log.contains("interrupted") && !Files.exists(out.resolve("tables")),
                "no shutdown hook ran, no table was written: " + log);

        CliRun rerun = CliRun.of("search", spec.toString(), "-o", out.toString());
        assertEquals(0, rerun.exitCode(), rerun.toString());
        assertTrue(rerun.out().contains(survivors.size() + " trials already finished are kept"), rerun.out());
        assertTrue(rerun.out().contains((8 - survivors.size()) + " trials to run"), rerun.out());
        // A trial trained again would be written again, with other start and end times in it.
        Map<String, String> after = finishedTrials(journalFolder);
        survivors.forEach((trial, entry) -> assertEquals(entry, after.get(trial), trial + " was trained again"));
        Map<Integer, String> status = query(out, "status");
        assertEquals(8, status.size());
        assertTrue(status.values().stream().allMatch("ok"::equals), "every trial once, all ok: " + status);
    }

    /**
     * CIFAR-10 batches added to the data folder after a search: its trials were validated on another
     * split, so the rerun is refused, naming the new file, and the folder is left as it was.
     */
    @Test
    void batchesAddedToTheDataFolderStopTheResumeNamingTheFile() throws Exception {
        Path data = Files.createDirectories(dir.resolve("cifar-copy"));
        for (String file : List.of("data_batch_1.bin", "test_batch.bin", "batches.meta.txt")) {
            Files.copy(cifar.resolve(file), data.resolve(file), java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
        cifar = data;
        Path spec = spec("{\"epochs\": 1, \"filters\": 8, \"dense_units\": 16}", "{\"learning_rate\": [0.01]}", 300);
        Path out = dir.resolve("grown");
        CliRun first = CliRun.of("search", spec.toString(), "-o", out.toString(), "--no-evaluate");
        assertEquals(0, first.exitCode(), first.toString());
        List<String> before = Files.readAllLines(out.resolve("identity.json"));

        Files.copy(data.resolve("data_batch_1.bin"), data.resolve("data_batch_2.bin"));
        CliRun rerun = CliRun.of("search", spec.toString(), "-o", out.toString(), "--no-evaluate");
        assertEquals(2, rerun.exitCode(), rerun.toString());
        assertTrue(rerun.err().contains("holds a search of other data files in file:" + data
                + " (data_batch_2.bin: absent there, 30,730,000 bytes here)"), rerun.err());
        assertEquals(before, Files.readAllLines(out.resolve("identity.json")), "the folder is left as it was");
        assertTrue(!Files.exists(out.resolve(".lock")));
    }

    @Test
    void anOutputFolderInUseByARunningSearchIsRefused() throws Exception {
        Path spec = spec("{\"epochs\": 1}", "{\"learning_rate\": [0.001]}", 200);
        Path out = dir.resolve("locked");
        assertEquals(0, CliRun.of("search", spec.toString(), "-o", out.toString()).exitCode());
        // A live process on this machine holds the folder: this very JVM, as far as the lock can tell.
        String holder = ProcessHandle.current().pid() + "@" + java.net.InetAddress.getLocalHost().getHostName();
        Files.writeString(out.resolve(".lock"), holder);
        CliRun second = CliRun.of("search", spec.toString(), "-o", out.toString());
        assertEquals(2, second.exitCode(), second.toString());
        assertTrue(second.err().contains("is in use by another search (process " + holder + ")"), second.err());
        assertEquals(holder, Files.readString(out.resolve(".lock")), "the holder's lock is left alone");
    }

    /** Each journal entry's name and content. */
    private static Map<String, String> finishedTrials(Path journal) throws Exception {
        Map<String, String> files = new TreeMap<>();
        File[] entries = journal.toFile().listFiles((d, name) -> name.startsWith("trial-") && name.endsWith(".json"));
        if (entries != null) {
            for (File f : entries) {
                files.put(f.getName(), Files.readString(f.toPath()));
            }
        }
        return files;
    }
}
