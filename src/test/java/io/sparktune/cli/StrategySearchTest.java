package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sparktune.data.CifarFixture;
import io.sparktune.results.TrialJournal;
import io.sparktune.trial.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Random search with a manual configuration first, for real in Spark local[2] on CIFAR-10. */
class StrategySearchTest {
    @TempDir
    Path dir;

    @Test
    void aRandomSearchWithAManualTrialRunsAndRecordsEveryDraw() throws Exception {
        Path cifar = CifarFixture.sharedCifar();
        assumeTrue(cifar != null, "../shared/data/cifar-10-batches-bin is absent; skipping");
        Path spec = dir.resolve("random.json");
        Files.writeString(spec, """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 500},
                 "model": {"epochs": 1, "filters": 8, "dense_units": 16},
                 "search": {"strategy": "random", "trials": 3,
                            "manual": [{"learning_rate": 0.002, "activation": "tanh"}],
                            "space": {"learning_rate": {"low": 0.0003, "high": 0.01, "log": true},
                                      "activation": ["relu", "leakyrelu"]}},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """.formatted(cifar.toAbsolutePath()));
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("search", spec.toString(), "-o", out.toString(), "--no-evaluate");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("random search"), run.out());
        List<TrialResult> trials = new TrialJournal(out.toString()).readAll();
        assertEquals(List.of(1, 2, 3, 4), trials.stream().map(TrialResult::trialId).toList());
        assertEquals(0.002, trials.get(0).model().learningRate(), "the manual trial is trial 1");
        for (TrialResult t : trials.subList(1, 4)) {
            assertEquals("ok", t.status().column(), t.error());
            assertTrue(t.model().learningRate() >= 0.0003 && t.model().learningRate() <= 0.01);
        }
    }
}
