package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.model.Hyperparameters;
import io.sparktune.results.OutputFolder;
import io.sparktune.simulate.RecordedCurves;
import io.sparktune.simulate.Simulation;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import io.sparktune.strategy.SearchPlan;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator against real searches: a grid recorded on real CIFAR-10 images is replayed, and a real
 * synchronous halving run over the same space is compared with its simulation on the grid's curves.
 */
class SimulateTest {
    @TempDir
    Path dir;

    private Path spec(String name, String search) throws Exception {
        return Files.writeString(dir.resolve(name + ".json"), """
                {"name": "%s", "data": {"kind": "cifar10", "path": "%s", "max_train_images": 600},
                 "model": {"filters": 8, "dense_units": 16, "epochs": 4, "stuck_epochs": 0},
                 "search": {%s, "baseline": false,
                            "space": {"learning_rate": [0.0003, 0.001, 0.003, 0.01]}},
                 "execution": {"master": "local[2]", "parallel_trials": 2, "seed": 1}}
                """.formatted(name, RequiredData.cifar10().toAbsolutePath(), search));
    }

    private static Map<Integer, String> outcome(List<TrialResult> results) {
        Map<Integer, String> byId = new TreeMap<>();
        results.forEach(r -> byId.put(r.trialId(), r.status().column() + " after " + r.epochs().size()));
        return byId;
    }

    @Test
    void aSimulatedGridFindsTheRecordedBestAndSimulatedHalvingPromotesAsTheRealRunDid() throws Exception {
        Path grid = spec("grid", "\"strategy\": \"grid\"");
        assertEquals(0, CliRun.of("search", grid.toString(), "-o", dir.resolve("grid").toString(), "--no-evaluate")
                .exitCode());
        List<TrialResult> recorded = new OutputFolder(dir.resolve("grid").toString()).journal().readAll();
        TrialResult best = Objective.VAL_ACCURACY.best(recorded).orElseThrow();

        CliRun simulated = CliRun.of("simulate", grid.toString(), "--curves", dir.resolve("grid").toString(),
                "--workers", "8", "--seeds", "3");
        assertEquals(0, simulated.exitCode(), simulated.toString());
        String bestValue = String.format(Locale.ROOT, "%.4f", best.bestValAccuracy());
        assertTrue(simulated.out().contains("recorded best: val_accuracy " + bestValue + " (trial " + best.trialId()
                + ")"), simulated.out());
        assertTrue(simulated.out().contains("final best " + bestValue), simulated.out());
        assertTrue(simulated.out().contains("the recorded best reached and kept in 3 of 3 seeds; median until then: "),
                "a grid trains every configuration, so every seed finds the best: " + simulated.out());

        String halving = "\"strategy\": \"halving\", \"halving\": {\"eta\": 2, \"min_epochs\": 1, \"max_epochs\": 4,"
                + " \"mode\": \"synchronous\"}";
        Path real = spec("halving", halving);
        assertEquals(0, CliRun.of("search", real.toString(), "-o", dir.resolve("halving").toString(),
                "--no-evaluate").exitCode());
        List<TrialResult> realRun = new OutputFolder(dir.resolve("halving").toString()).journal().readAll();
        SearchSpec halvingSpec = new SpecReader().read(real, List.of());
        Simulation simulation = Simulation.run(SearchPlan.of(halvingSpec).strategy(), new RecordedCurves(recorded), 2,
                Objective.VAL_ACCURACY);
        assertEquals(outcome(realRun), outcome(simulation.results()),
                "the same trials promoted and pruned, after the same epochs");
    }

    @Test
    void recordingsUnderTwoSeedsAreRepeatsAndTheBestIsJudgedByTheirMean() throws Exception {
        Path grid = spec("grid", "\"strategy\": \"grid\"");
        for (int seed : new int[] {1, 2}) {
            assertEquals(0, CliRun.of("search", grid.toString(), "-o", dir.resolve("grid" + seed).toString(),
                    "--no-evaluate", "--set", "execution.seed=" + seed).exitCode());
        }
        // Each learning rate's best epoch of its mean curve over the two recordings, by hand.
        Map<Double, double[]> sums = new TreeMap<>();
        for (int seed : new int[] {1, 2}) {
            for (TrialResult r : new OutputFolder(dir.resolve("grid" + seed).toString()).journal().readAll()) {
                double[] sum = sums.computeIfAbsent(r.model().get(Hyperparameters.LEARNING_RATE), lr -> new double[4]);
                r.epochs().forEach(e -> sum[e.epoch() - 1] += e.valAccuracy() / 2);
            }
        }
        List<String> means = sums.values().stream().map(sum -> String.format(Locale.ROOT, "%.4f",
                Arrays.stream(sum).max().orElseThrow())).toList();
        double bestMean = sums.values().stream().flatMapToDouble(Arrays::stream).max().orElseThrow();

        CliRun simulated = CliRun.of("simulate", grid.toString(), "--curves", dir.resolve("grid1").toString(),
                "--curves", dir.resolve("grid2").toString(), "--workers", "2", "--seeds", "3");
        assertEquals(0, simulated.exitCode(), simulated.toString());
        String bestValue = String.format(Locale.ROOT, "%.4f", bestMean);
        assertTrue(simulated.out().contains("recorded best (mean of 2 runs): val_accuracy " + bestValue),
                simulated.out());
        Matcher finalBest = Pattern.compile("final best ([0-9.]+)").matcher(simulated.out());
        assertTrue(finalBest.find(), simulated.out());
        assertTrue(means.contains(finalBest.group(1)), "what a simulated grid found is worth a configuration's mean"
                + " over the runs, " + means + ", whichever run it saw: " + simulated.out());

        CliRun noiseFree = CliRun.of("simulate", grid.toString(), "--curves", dir.resolve("grid1").toString(),
                "--curves", dir.resolve("grid2").toString(), "--mean-curves", "--seeds", "2");
        assertEquals(0, noiseFree.exitCode(), noiseFree.toString());
        assertTrue(noiseFree.out().contains("final best " + bestValue), "seeing the mean curves, a grid finds the"
                + " best mean: " + noiseFree.out());
    }

    @Test
    void aCurvesFolderWithoutRecordedTrialsIsRefusedByName() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("not-a-search"));
        CliRun run = CliRun.of("simulate", "conf/bench-strategies.json", "--curves", "bench/curves/cifar10-dense-64",
                "--curves", empty.toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--curves " + empty + ": no recorded trials there"), run.toString());
        assertEquals("", run.out(), "nothing simulated on the recordings that are there");
    }

    /**
     * On dense-64's four recordings, confirmation replayed after each simulated search: the top 3 retrained
     * on many new seeds (each drawing a recorded run by its seed) pick a configuration worth more, on
     * average, than the search's pick by one run; turned off, there is no confirmation to replay.
     */
    @Test
    void confirmationIsReplayedFromTheRecordingsAndItsPickIsWorthMoreThanOneRunsPick() {
        List<String> args = new ArrayList<>(List.of("simulate", "conf/bench-strategies.json"));
        for (String recording : List.of("", "-seed1", "-seed2", "-seed3")) {
            args.addAll(List.of("--curves", "bench/curves/cifar10-dense-64" + recording));
        }
        args.addAll(List.of("--workers", "2", "--seeds", "20", "--set", "search.strategy=random",
                "--set", "search.trials=32"));
        List<String> confirmed = new ArrayList<>(args);
        confirmed.addAll(List.of("--set", "search.confirm={\"top\": 3, \"seeds\": 20}"));
        CliRun run = CliRun.of(confirmed.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("confirmation (the top 3 on 20 new seeds each)"), run.out());
        Matcher gap = Pattern.compile("median / mean: [0-9.]+ / ([0-9.]+) confirmed,"
                + " [0-9.]+ / ([0-9.]+) by one run \\(the search alone\\)").matcher(run.out());
        assertTrue(gap.find(), run.out());
        assertTrue(Double.parseDouble(gap.group(1)) < Double.parseDouble(gap.group(2)),
                "the confirmed pick is nearer the grid's best mean: " + run.out());
        // No pick among the trials can beat the best of them by their recorded means: the floor.
        Matcher floor = Pattern.compile("the floor, the best of the search's trials by their recorded means, median"
                + " / mean: [0-9.]+ / ([0-9.]+); the recorded best among the trials in (\\d+) of 20 seeds")
                .matcher(run.out());
        assertTrue(floor.find(), run.out());
        assertTrue(Double.parseDouble(floor.group(1)) <= Double.parseDouble(gap.group(1)), run.out());
        assertTrue(Integer.parseInt(floor.group(2)) > 0 && Integer.parseInt(floor.group(2)) < 20,
                "32 random trials of 64 configurations try the best one in some seeds, not all: " + run.out());
        List<String> off = new ArrayList<>(args);
        off.addAll(List.of("--set", "search.confirm=false"));
        CliRun plain = CliRun.of(off.toArray(String[]::new));
        assertEquals(0, plain.exitCode(), plain.toString());
        assertFalse(plain.out().contains("confirmation ("), plain.out());
    }
}
