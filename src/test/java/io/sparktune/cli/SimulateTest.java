package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
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
        String bestValue = String.format(java.util.Locale.ROOT, "%.4f", best.bestValAccuracy());
        assertTrue(simulated.out().contains("recorded best: val_accuracy " + bestValue + " (trial " + best.trialId()
                + ")"), simulated.out());
        assertTrue(simulated.out().contains("final best " + bestValue), simulated.out());
        assertTrue(simulated.out().contains("the recorded best reached in 3 of 3 seeds; median until then: "),
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
}
