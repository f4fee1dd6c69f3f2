package io.sparktune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.data.CifarFixture;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import io.sparktune.trial.TrialConfig;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the driver decides before Spark starts: the data check and the order trials are handed out. */
class SearchSetupTest {
    @TempDir
    Path dir;

    private SearchSetup job(String space, String order) throws Exception {
        return jobOf("\"space\": " + space, order);
    }

    /** {@code search}: the search section's fields, the baseline left out. */
    private SearchSetup jobOf(String search, String order) throws Exception {
        CifarFixture.write(dir, "data_batch_1.bin", CifarFixture.cycling(20));
        SearchSpec spec = new SpecReader().read("""
                {"data": {"kind": "cifar10", "path": "%s"},
                 "search": {%s, "baseline": false},
                 "execution": {"trial_order": "%s"}}""".formatted(dir, search, order), "t.json", "t", List.of());
        return SearchSetup.of(spec);
    }

    /**
     * TPE's proposals each assume the ones before them are running: they start in TPE's order, not the
     * largest network first (which, with fewer cores than proposals, would run networks TPE did not pick).
     */
    @Test
    void tpeProposalsStartInTheOrderTpeMadeThem() throws Exception {
        SearchSetup job = jobOf("""
                "strategy": "tpe", "trials": 12, "space": {"filters": [8, 16, 32, 64, 128], "epochs": [1, 2, 3]}""",
                "longest_first");
        List<TrialConfig> proposed = job.plan().strategy().nextTrials(List.of());
        assertTrue(proposed.size() > 1, "several start-up proposals: " + proposed);
        assertEquals(proposed, job.firstWave(), "as TPE made them");
        assertTrue(!proposed.equals(proposed.stream().sorted(java.util.Comparator.comparingInt((TrialConfig t) ->
                -t.model().get(io.sparktune.model.Hyperparameters.FILTERS) * t.model().get(
                io.sparktune.model.Hyperparameters.EPOCHS))).toList()), "not largest first: " + proposed);
    }

    @Test
    void longestExpectedTrialsGoFirst() throws Exception {
        // Grid order: 1=(8 filters, 1 epoch), 2=(8, 3), 3=(64, 1), 4=(64, 3); 64 filters cost ~8x per epoch.
        List<TrialConfig> wave = job("{\"filters\": [8, 64], \"epochs\": [1, 3]}", "longest_first").firstWave();
        assertEquals(List.of(4, 3, 2, 1), wave.stream().map(TrialConfig::trialId).toList());
    }

    @Test
    void asListedKeepsTheStrategysOrder() throws Exception {
        List<TrialConfig> wave = job("{\"filters\": [8, 64], \"epochs\": [1, 3]}", "as_listed").firstWave();
        assertEquals(List.of(1, 2, 3, 4), wave.stream().map(TrialConfig::trialId).toList());
    }

    @Test
    void aNetworkTooDeepForTheImagesIsNamedBeforeAnyTrialRuns() throws Exception {
        SearchSetup job = job("{\"conv_layers\": [1, 4]}", "longest_first");
        List<String> reasons = job.unbuildable(job.firstWave());
        assertEquals(1, reasons.size());
        assertTrue(reasons.get(0).startsWith("trial 2: an input of 32x32 pixels is too small for 4 conv blocks"),
                reasons.toString());
    }

    @Test
    void theDataPathIsMadeAbsoluteForExecutors() throws Exception {
        String path = job("{\"epochs\": [1]}", "longest_first").spec().data().path();
        assertEquals("file:" + dir.toAbsolutePath(), path);
    }
}
