package io.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sparktune.RequiredData;
import io.sparktune.cli.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Watching a real search from outside while it runs: {@code sparktune status} and the live report, read
 * mid-search and again at the end, the report opened in headless Chromium both times.
 */
class LiveSearchTest {
    @TempDir
    Path dir;

    @Test
    void aRunningSearchCanBeWatchedWithTheStatusCommandAndItsLiveReport() throws Exception {
        Path spec = Files.writeString(dir.resolve("live.json"), """
                {"name": "live", "data": {"kind": "cifar10", "path": "%s", "max_train_images": 800},
                 "model": {"epochs": 3, "filters": 8, "dense_units": 32},
                 "search": {"space": {"learning_rate": [0.002, 0.003, 0.004, 0.005, 0.006]}},
                 "execution": {"master": "local[1]", "parallel_trials": 1, "seed": 3}}
                """.formatted(RequiredData.cifar10().toAbsolutePath()));
        Path out = dir.resolve("out");
        // One trial at a time, in id order from the baseline (trial 0): trial 3 is held until the test has
        // looked, so the search is certainly mid-run with 3 trials done, however fast the machine.
        Path[] midReport = new Path[1];
        CliRun[] midStatus = new CliRun[1];
        CliRun run = held(spec, out, "trial-3",
                status -> status.path("done").asInt() == 3 && status.path("running").size() == 1, () -> {
                    midReport[0] = Files.copy(out.resolve("report.html"), dir.resolve("mid.html"),
                            StandardCopyOption.REPLACE_EXISTING);
                    midStatus[0] = CliRun.of("status", "-o", out.toString());
                });
        assertEquals(0, run.exitCode(), run.toString());

        assertEquals(0, midStatus[0].exitCode(), midStatus[0].toString());
        String mid = midStatus[0].out();
        assertTrue(mid.contains("state:     running, driver " + ProcessHandle.current().pid() + "@"), mid);
        assertTrue(mid.contains("trials:    3 done, 1 running, 2 waiting (6 asked for so far)"), mid);
        assertTrue(mid.contains("best:      trial "), mid);

        CliRun endStatus = CliRun.of("status", "-o", out.toString());
        assertEquals(0, endStatus.exitCode(), endStatus.toString());
        assertTrue(endStatus.out().contains("state:     not running"), endStatus.out());
        assertTrue(endStatus.out().contains("trials:    6 done"), endStatus.out());
        assertTrue(endStatus.out().contains("last stop: every trial the strategy asked for has run"), endStatus.out());
        assertTrue(SparkSession.getDefaultSession().isEmpty() && SparkSession.getActiveSession().isEmpty(),
                "status reads files; it starts no Spark");

        CliRun none = CliRun.of("status", "-o", dir.toString());
        assertEquals(2, none.exitCode(), none.toString());
        assertEquals(1, none.err().strip().lines().count(), none.err());
        assertTrue(none.err().contains("holds no search"), none.err());

        HeadlessChromium chromium = HeadlessChromium.find();
        RequiredData.need(chromium != null, "chromium (.ci/run installs it)");
        String midHtml = Files.readString(midReport[0]);
        assertTrue(midHtml.contains("<meta http-equiv=\"refresh\" content=\"30\">"), "a running search's page reloads");
        HeadlessChromium.Page midPage = chromium.open(midReport[0], Files.createDirectories(dir.resolve("mid-profile")));
        assertTrue(Pattern.compile("<b>Running: \\d trials done, 1 running, \\d waiting \\(6 asked for so far\\)")
                .matcher(midPage.dom()).find(), "the banner says what runs: " + banner(midPage.dom()));
        assertTrue(midPage.dom().contains("trial ") && midPage.dom().contains("since "), banner(midPage.dom()));
        assertTrue(Pattern.compile("Best so far: trial \\d+, validation accuracy 0\\.\\d{4}\\.").matcher(midPage.dom())
                .find(), banner(midPage.dom()));
        assertTrue(midPage.dom().contains("; ETA "), "the ETA once a trial has ended: " + banner(midPage.dom()));
        assertTrue(midPage.dom().contains("id=\"ranking-table\""), "the finished trials are ranked already");
        assertTrue(midPage.dom().contains("data-errors=\"[]\""), "no script error: " + midPage.log());

        Path endReport = out.resolve("report.html");
        String endHtml = Files.readString(endReport);
        assertFalse(endHtml.contains("http-equiv=\"refresh\""), "a finished search's page stays put");
        HeadlessChromium.Page endPage = chromium.open(endReport, Files.createDirectories(dir.resolve("end-profile")));
        assertFalse(endPage.dom().contains("<b>Running: "), "no running banner at the end");
        assertTrue(endPage.dom().contains("data-errors=\"[]\""), "no script error: " + endPage.log());
        assertEquals(7, Pattern.compile("<tr[ >]").matcher(endPage.dom()).results().count(),
                "a header and the 6 trials");
    }

    /**
     * After the trials, the status says which runs on new seeds train: one is held until the test has
     * looked, so the search is certainly confirming.
     */
    @Test
    void theStatusSaysWhichRunsOnNewSeedsTrainAfterTheTrials() throws Exception {
        Path spec = Files.writeString(dir.resolve("confirming.json"), """
                {"name": "confirming", "data": {"kind": "cifar10", "path": "%s", "max_train_images": 400},
                 "model": {"epochs": 1, "filters": 8, "dense_units": 32, "stuck_epochs": 0},
                 "search": {"space": {"learning_rate": [0.002, 0.004]}, "confirm": {"top": 1, "seeds": 2}},
                 "execution": {"master": "local[1]", "parallel_trials": 1, "seed": 3}}
                """.formatted(RequiredData.cifar10().toAbsolutePath()));
        Path out = dir.resolve("confirming");
        CliRun[] midStatus = new CliRun[1];
        Path midReport = dir.resolve("confirming.html");
        CliRun run = held(spec, out, "confirmation", status -> status.path("confirming").path("running").size() == 1,
                () -> {
                    midStatus[0] = CliRun.of("status", "-o", out.toString());
                    Files.copy(out.resolve("report.html"), midReport);
                });
        assertEquals(0, run.exitCode(), run.toString());
        String mid = midStatus[0].out();
        assertTrue(mid.contains("trials:    3 done, 0 running, 0 waiting"), mid);
        assertTrue(mid.contains("confirm:   0 of 2 runs on new seeds done, 1 running"), mid);
        assertTrue(Pattern.compile("running:   trial \\d lr=0\\.00\\d new seed 1, for ").matcher(mid).find(), mid);
        CliRun end = CliRun.of("status", "-o", out.toString());
        assertFalse(end.out().contains("confirm:"), "nothing confirms once the search has ended: " + end.out());
        HeadlessChromium chromium = HeadlessChromium.find();
        RequiredData.need(chromium != null, "chromium (.ci/run installs it)");
        HeadlessChromium.Page page = chromium.open(midReport, Files.createDirectories(dir.resolve("confirm-profile")));
        assertTrue(page.dom().contains("Confirming the best on new seeds: 0 of 2 runs done, 1 running."),
                "the live page's banner says so too: " + banner(page.dom()));
    }

    /**
     * A long trial shows its epochs while it trains: its task is held after epoch 2 of 4, and the epochs the
     * executor's heartbeats carried to the driver are in the status, status.json and the live page.
     */
    @Test
    void aRunningTrialsEpochsReachTheStatusWhileItTrains() throws Exception {
        Path spec = Files.writeString(dir.resolve("epochs.json"), """
                {"name": "epochs", "data": {"kind": "cifar10", "path": "%s", "max_train_images": 400},
                 "model": {"epochs": 4, "filters": 8, "dense_units": 32, "stuck_epochs": 0},
                 "search": {"space": {"learning_rate": [0.002]}},
                 "execution": {"master": "local[1]", "parallel_trials": 1, "seed": 3}}
                """.formatted(RequiredData.cifar10().toAbsolutePath()));
        Path out = dir.resolve("epochs");
        CliRun[] midStatus = new CliRun[1];
        JsonNode[] midJson = new JsonNode[1];
        Path midReport = dir.resolve("epochs.html");
        // Heartbeats every second rather than every 10, so the test need not wait for one.
        System.setProperty("spark.executor.heartbeatInterval", "1s");
        CliRun run;
        try {
            run = held(spec, out, "epoch-2", status -> status.path("running").path(0).path("curve").size() == 2,
                    () -> {
                        midStatus[0] = CliRun.of("status", "-o", out.toString());
                        midJson[0] = read(out.resolve("status.json"));
                        Files.copy(out.resolve("report.html"), midReport);
                    });
        } finally {
            System.clearProperty("spark.executor.heartbeatInterval");
        }
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode trial = midJson[0].path("running").path(0);
        assertEquals(4, trial.path("epochs").asInt(), trial.toString());
        assertEquals(1, trial.path("curve").path(0).path("epoch").asInt(), trial.toString());
        assertTrue(trial.path("curve").path(1).path("val_accuracy").asDouble() > 0, trial.toString());
        String mid = midStatus[0].out();
        assertTrue(Pattern.compile("running:   trial \\d lr=0\\.00\\d, for .*, epoch 2/4, val_acc 0\\.\\d+ 0\\.\\d+")
                .matcher(mid).find(), mid);
        HeadlessChromium chromium = HeadlessChromium.find();
        RequiredData.need(chromium != null, "chromium (.ci/run installs it)");
        HeadlessChromium.Page page = chromium.open(midReport, Files.createDirectories(dir.resolve("epochs-profile")));
        assertTrue(page.dom().contains(": epoch 2 of 4, val_acc "), "the live page's banner: " + banner(page.dom()));
        assertTrue(page.dom().contains("data-errors=\"[]\""), "no script error: " + page.log());
    }

    /**
     * Runs a search in this JVM with its task at {@code point} held until {@code look} has run, which it does
     * once status.json says {@code reached}.
     */
    private CliRun held(Path spec, Path out, String point, java.util.function.Predicate<JsonNode> reached,
                        Look look) throws Exception {
        Path release = dir.resolve("release-" + out.getFileName());
        System.setProperty("spark.sparktune.test.hold", point);
        System.setProperty("spark.sparktune.test.holdUntil", release.toString());
        try {
            CompletableFuture<CliRun> search = CompletableFuture.supplyAsync(() -> CliRun.of("search",
                    spec.toString(), "-o", out.toString(), "--no-evaluate"));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (!search.isDone() && System.nanoTime() < deadline) {
                JsonNode status = read(out.resolve("status.json"));
                if (status != null && reached.test(status)) {
                    break;
                }
                Thread.sleep(20);
            }
            assertFalse(search.isDone(), "the search should be held at " + point + ": "
                    + (search.isDone() ? search.get() : ""));
            look.run();
            Files.createFile(release);
            return search.get(180, TimeUnit.SECONDS);
        } finally {
            System.clearProperty("spark.sparktune.test.hold");
            System.clearProperty("spark.sparktune.test.holdUntil");
        }
    }

    private interface Look {
        void run() throws Exception;
    }

    private static JsonNode read(Path file) {
        try {
            return Files.exists(file) ? new ObjectMapper().readTree(file.toFile()) : null;
        } catch (java.io.IOException e) {
            return null; // replaced while read: the next poll sees the whole file
        }
    }

    private static String banner(String dom) {
        int start = dom.indexOf("id=\"live\"");
        return start < 0 ? "(no banner)" : dom.substring(start, Math.min(dom.length(), start + 600));
    }
}
