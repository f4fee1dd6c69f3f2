package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.model.Hyperparameters;
import io.sparktune.results.TrialJournal;
import io.sparktune.trial.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random search with a manual trial first, successive halving and time budgets, for real in Spark local[2]
 * on CIFAR-10.
 */
class StrategySearchTest {
    @TempDir
    Path dir;

    /**
     * dir/NAME.json holding {@code json} formatted with the shared CIFAR-10 folder, then {@code more};
     * skips where that folder is absent.
     */
    private Path spec(String name, String json, Object... more) throws Exception {
        Path cifar = RequiredData.cifar10();
        Object[] args = new Object[more.length + 1];
        args[0] = cifar.toAbsolutePath();
        System.arraycopy(more, 0, args, 1, more.length);
        return Files.writeString(dir.resolve(name + ".json"), json.formatted(args));
    }

    /** A finished search, into dir/NAME, over four learning rates through rungs of 1, 2 and 4 epochs, eta 2. */
    private CliRun halvingSearch(String name, String halving) throws Exception {
        Path spec = spec(name, """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 600},
                 "model": {"filters": 8, "dense_units": 16},
                 "search": {"strategy": "halving", "baseline": false,
                            "space": {"learning_rate": [0.0003, 0.001, 0.003, 0.01]},
                            "halving": {"eta": 2, "min_epochs": 1, "max_epochs": 4, %s}},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """, halving);
        CliRun run = CliRun.of("search", spec.toString(), "-o", dir.resolve(name).toString(), "--no-evaluate");
        assertEquals(0, run.exitCode(), run.toString());
        return run;
    }

    /** A query's rows as whitespace-separated cells (the header and rule skipped). */
    private static List<String[]> rows(CliRun query) {
        assertEquals(0, query.exitCode(), query.toString());
        return query.out().lines().skip(2).filter(l -> !l.isBlank()).map(l -> l.strip().split("\\s+")).toList();
    }

    @Test
    void successiveHalvingContinuesTheBestFromCheckpointsAndPrunesTheRest() throws Exception {
        CliRun run = halvingSearch("halving", "\"mode\": \"synchronous\"");
        assertTrue(run.out().contains("rung 2 (4 epochs)"), "a promoted trial's progress line names its rung: " + run);
        Path out = dir.resolve("halving");
        CliRun rungs = CliRun.of("query", "-o", out.toString(),
                "SELECT status, rung, epochs_run, count(*) AS n FROM trials GROUP BY status, rung, epochs_run"
                        + " ORDER BY rung, status");
        // Rungs of 1, 2 and 4 epochs with eta 2: 4 trials, then 2, then 1.
        assertEquals(List.of("pruned 0 1 2", "pruned 1 2 1", "ok 2 4 1"),
                rows(rungs).stream().map(r -> String.join(" ", r)).toList(), rungs.toString());
        assertTrue(Files.list(out.resolve("checkpoints")).count() >= 2, "promoted trials continued from checkpoints");
    }

    /**
     * Synchronous halving whose 4 candidates TPE proposes (the first 2 at random, then from rung 0's results
     * while the other core trains): the same rungs as with listed candidates, each promoted trial continuing
     * from its own checkpoint, and every configuration within the ranges and different from the rest.
     */
    @Test
    void halvingWithTpeCandidatesClimbsTheSameRungsFromCheckpoints() throws Exception {
        Path spec = spec("bohb", """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 600},
                 "model": {"filters": 8, "dense_units": 16},
                 "search": {"strategy": "halving", "baseline": false, "trials": 4, "tpe": {"startup_trials": 2},
                            "space": {"learning_rate": {"low": 0.0003, "high": 0.01, "log": true},
                                      "dropout": [0.0, 0.2, 0.4]},
                            "halving": {"eta": 2, "min_epochs": 1, "max_epochs": 4, "mode": "synchronous",
                                        "sampler": "tpe", "random_fraction": 0}},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """);
        Path out = dir.resolve("bohb");
        CliRun run = CliRun.of("search", spec.toString(), "-o", out.toString(), "--no-evaluate");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("sparktune: halving with TPE candidates search 'bohb': "), run.out());
        CliRun rungs = CliRun.of("query", "-o", out.toString(),
                "SELECT status, rung, epochs_run, count(*) AS n FROM trials GROUP BY status, rung, epochs_run"
                        + " ORDER BY rung, status");
        assertEquals(List.of("pruned 0 1 2", "pruned 1 2 1", "ok 2 4 1"),
                rows(rungs).stream().map(r -> String.join(" ", r)).toList(), rungs.toString());
        CliRun configs = CliRun.of("query", "-o", out.toString(),
                "SELECT learning_rate, dropout FROM trials ORDER BY trial_id");
        List<String[]> rows = rows(configs);
        assertEquals(4, rows.stream().map(r -> r[0] + " " + r[1]).distinct().count(), configs.toString());
        for (String[] r : rows) {
            double lr = Double.parseDouble(r[0]);
            assertTrue(lr >= 0.0003 && lr <= 0.01, "within the range: " + lr);
        }
        CliRun curve = CliRun.of("query", "-o", out.toString(),
                "SELECT count(*) FROM epochs e JOIN trials t USING (trial_id) WHERE t.status = 'ok'");
        assertEquals("4", rows(curve).get(0)[0], "the trial that reached 4 epochs has one curve of 4 epochs,"
                + " continued rung by rung: " + curve);
        assertTrue(Files.list(out.resolve("checkpoints")).count() >= 2, "promoted trials continued from checkpoints");
    }

    /**
     * Asynchronous halving in Hyperband's two brackets: who is promoted depends on timing, so the test checks
     * what must hold whatever the order: every trial ends ok (at max_epochs), pruned (short of it) or stuck
     * (at chance for stuck_epochs, 2, epochs in a row), the bracket that starts at rung 1 trains its trials 2
     * epochs at least, and someone reaches 4 epochs.
     */
    @Test
    void asynchronousHalvingInHyperbandBracketsEndsEveryTrialOkAtMaxEpochsPrunedOrStuck() throws Exception {
        halvingSearch("asha", "\"brackets\": 2");
        Path out = dir.resolve("asha");
        CliRun rows = CliRun.of("query", "-o", out.toString(),
                "SELECT trial_id, status, rung, epochs_run FROM trials ORDER BY trial_id");
        List<String[]> trials = rows(rows);
        assertEquals(4, trials.size(), rows.toString());
        for (String[] t : trials) {
            boolean ok = t[1].equals("ok") && t[3].equals("4");
            boolean pruned = t[1].equals("pruned") && Integer.parseInt(t[3]) < 4;
            boolean stuck = t[1].equals("stuck") && Integer.parseInt(t[3]) >= 2;
            assertTrue(ok || pruned || stuck, "trial " + String.join(" ", t) + " in " + rows);
        }
        assertTrue(trials.stream().anyMatch(t -> t[3].equals("4")), rows.toString());
        assertTrue(trials.stream().filter(t -> Integer.parseInt(t[3]) >= 2).count() >= 2,
                "the 2 trials of the bracket that starts at rung 1 train 2 epochs at least: " + rows);
    }

    @Test
    void aSpentTimeBudgetStartsNoNewTrialAndARerunWithMoreTimeFinishesTheSearch() throws Exception {
        Path spec = spec("budget", """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 300},
                 "model": {"epochs": 1, "filters": 8, "dense_units": 16},
                 "search": {"space": {"learning_rate": [0.001, 0.002]}, "budget": {"minutes": 0.00001}},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """);
        Path out = dir.resolve("out");
        CliRun spent = CliRun.of("search", spec.toString(), "-o", out.toString(), "--no-evaluate");
        assertEquals(0, spent.exitCode(), spent.toString());
        assertTrue(spent.out().contains("stopped: time budget of 1.0E-5 minutes used up; 2 trials not started"),
                spent.out());
        assertTrue(Files.readString(out.resolve("run.json")).contains("\"trials_not_started\" : 2"));
        assertTrue(new TrialJournal(out.toString()).readAll().isEmpty());

        CliRun more = CliRun.of("search", spec.toString(), "-o", out.toString(), "--no-evaluate",
                "--set", "search.budget.minutes=30");
        assertEquals(0, more.exitCode(), more.toString());
        assertTrue(more.out().contains("stopped: every trial the strategy asked for has run"), more.out());
        assertEquals(2, new TrialJournal(out.toString()).readAll().size());
    }

    @Test
    void aRandomSearchWithAManualTrialRunsAndRecordsEveryDraw() throws Exception {
        Path spec = spec("random", """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 500},
                 "model": {"epochs": 1, "filters": 8, "dense_units": 16},
                 "search": {"strategy": "random", "trials": 3,
                            "manual": [{"learning_rate": 0.002, "activation": "tanh"}],
                            "space": {"learning_rate": {"low": 0.0003, "high": 0.01, "log": true},
                                      "activation": ["relu", "leakyrelu"]}},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """);
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("search", spec.toString(), "-o", out.toString(), "--no-evaluate");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("random search"), run.out());
        List<TrialResult> trials = new TrialJournal(out.toString()).readAll();
        assertEquals(List.of(0, 1, 2, 3, 4), trials.stream().map(TrialResult::trialId).toList());
        assertEquals(0.001, trials.get(0).model().get(Hyperparameters.LEARNING_RATE), "trial 0 is the baseline, the defaults");
        assertEquals(0.002, trials.get(1).model().get(Hyperparameters.LEARNING_RATE), "the manual trial is trial 1");
        CliRun baseline = CliRun.of("query", "-o", out.toString(), "SELECT trial_id FROM trials WHERE is_baseline");
        assertEquals("0", baseline.out().lines().skip(2).findFirst().orElse("").strip(), baseline.toString());
        for (TrialResult t : trials.subList(2, 5)) {
            assertEquals("ok", t.status().column(), t.error());
            assertTrue(t.model().get(Hyperparameters.LEARNING_RATE) >= 0.0003 && t.model().get(Hyperparameters.LEARNING_RATE) <= 0.01);
        }
    }

    /**
     * A real TPE search on two cores: the baseline and 6 proposed trials, the first 3 drawn at random, the
     * rest proposed from the results, while another trial runs (the constant liar keeps them apart).
     */
    @Test
    void tpeProposesItsTrialsFromTheResultsOnTwoCores() throws Exception {
        Path spec = spec("tpe", """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 600},
                 "model": {"filters": 8, "dense_units": 16, "epochs": 1},
                 "search": {"strategy": "tpe", "trials": 6, "tpe": {"startup_trials": 3},
                            "space": {"learning_rate": {"low": 0.0003, "high": 0.03, "log": true},
                                      "activation": ["relu", "tanh"]}},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """);
        CliRun run = CliRun.of("search", spec.toString(), "-o", dir.resolve("tpe").toString(), "--no-evaluate");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("sparktune: tpe search 'tpe': "), run.out());
        CliRun trials = CliRun.of("query", "-o", dir.resolve("tpe").toString(),
                "SELECT trial_id, learning_rate, activation, status FROM trials ORDER BY trial_id");
        List<String[]> rows = rows(trials);
        assertEquals(7, rows.size(), "the baseline and 6 proposed trials: " + trials);
        assertEquals(7, rows.stream().map(r -> r[1] + " " + r[2]).distinct().count(), "no configuration twice");
        for (String[] r : rows.subList(1, rows.size())) {
            double lr = Double.parseDouble(r[1]);
            assertTrue(lr >= 0.0003 && lr <= 0.03, "within the range: " + lr);
        }
    }

    /** search.objective val_loss: the console, the ranking, the tables and the best trial all go by the lowest loss. */
    @Test
    void aSearchForTheLowestValidationLossRanksByIt() throws Exception {
        Path spec = spec("loss", """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 600},
                 "model": {"filters": 8, "dense_units": 16, "epochs": 2},
                 "search": {"objective": "val_loss", "baseline": false,
                            "space": {"learning_rate": [0.0003, 0.003, 0.03]}},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """);
        CliRun run = CliRun.of("search", spec.toString(), "-o", dir.resolve("loss").toString(), "--no-evaluate");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("Ranking by best validation loss"), run.out());
        assertTrue(run.out().matches("(?s).*\\[1/3] trial \\d lr=[0-9.]+  val_loss=\\d\\.\\d{3}.*"), run.out());
        CliRun ranked = CliRun.of("query", "-o", dir.resolve("loss").toString(), "SELECT trial_id, objective,"
                + " best_objective, (SELECT min(val_loss) FROM epochs e WHERE e.trial_id = t.trial_id) AS lowest"
                + " FROM trials t WHERE status = 'ok' ORDER BY best_objective");
        List<String[]> rows = rows(ranked);
        assertTrue(rows.size() >= 2, ranked.toString());
        for (String[] r : rows) {
            assertEquals("val_loss", r[1]);
            assertEquals(Double.parseDouble(r[3]), Double.parseDouble(r[2]), 1e-4, "each trial's lowest loss");
        }
        assertTrue(run.out().contains("best val_loss " + String.format(java.util.Locale.ROOT, "%.3f",
                Double.parseDouble(rows.get(0)[2])) + " (trial " + rows.get(0)[0] + ")"), run.out());
    }

    /**
     * A second TPE search warm-started from a finished one: the first's trials inform the model and are not
     * retrained; a folder whose data differ is refused with the difference, before anything is written.
     */
    @Test
    void aTpeSearchWarmStartsFromAnEarlierOneWithTheSameDataAndSpace() throws Exception {
        String space = "\"space\": {\"learning_rate\": {\"low\": 0.0003, \"high\": 0.03, \"log\": true}}";
        Path first = spec("first", """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 600},
                 "model": {"filters": 8, "dense_units": 16, "epochs": 1},
                 "search": {"strategy": "tpe", "trials": 4, "baseline": false, %s},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """, space);
        assertEquals(0, CliRun.of("search", first.toString(), "-o", dir.resolve("first").toString(),
                "--no-evaluate").exitCode());
        Path second = spec("second", """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 600},
                 "model": {"filters": 8, "dense_units": 16, "epochs": 1},
                 "search": {"strategy": "tpe", "trials": 2, "baseline": false, "warm_start": ["%s"], %s},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """, dir.resolve("first"), space);
        CliRun warm = CliRun.of("search", second.toString(), "-o", dir.resolve("second").toString(), "--no-evaluate");
        assertEquals(0, warm.exitCode(), warm.toString());
        assertTrue(warm.out().contains("sparktune: warm start: 4 finished trials of file:" + dir.resolve("first")
                + " inform TPE's model"), warm.out());
        assertTrue(warm.out().contains("2 trials (2 ok)"), "only its own trials ran: " + warm.out());
        String html = Files.readString(dir.resolve("second/report.html"));
        assertTrue(html.contains("\"earlier\":[{\"folder\":\"file:" + dir.resolve("first") + "\",\"trials\":4"),
                "the report names the earlier trials apart from this search's");

        Path other = spec("other", """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 800},
                 "search": {"strategy": "tpe", "trials": 2, "warm_start": ["%s"], %s}}
                """, dir.resolve("first"), space);
        CliRun refused = CliRun.of("search", other.toString(), "-o", dir.resolve("other").toString());
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("spec field 'search.warm_start[0]': file:" + dir.resolve("first")
                + " holds a search that cannot lend its trials: data.max_train_images: 600 there, 800 here"),
                refused.err());
        assertTrue(!Files.exists(dir.resolve("other")), "nothing written");

        // Another seed draws another validation split: the earlier scores are not comparable.
        Path reseeded = spec("reseeded", """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 600},
                 "search": {"strategy": "tpe", "trials": 2, "warm_start": ["%s"], %s},
                 "execution": {"seed": 99}}
                """, dir.resolve("first"), space);
        CliRun otherSplit = CliRun.of("search", reseeded.toString(), "-o", dir.resolve("reseeded").toString());
        assertEquals(2, otherSplit.exitCode(), otherSplit.toString());
        assertTrue(otherSplit.err().contains("holds a search that cannot lend its trials: execution.seed: 42 there,"
                + " 99 here (the seed picks the validation split)"), otherSplit.err());
    }
}
