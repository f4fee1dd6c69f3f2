package io.sparktune.run;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.model.ModelConfig;
import io.sparktune.model.NetworkInput;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.results.TrialNetworks;
import io.sparktune.spark.FinalEvaluationJob.Candidate;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.NetworkState;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the final check retrains its candidates and when it scores their trials' own networks. */
class FinalCheckRuleTest {
    @TempDir
    Path dir;

    private SearchSpec spec(String mode) {
        return new SpecReader().read("""
                {"data": {"kind": "cifar10", "path": "/x", "validation_fraction": 0.2},
                 "search": {"space": {"learning_rate": [0.001, 0.01]}},
                 "final_check": {"mode": "%s"}, "output": "%s"}""".formatted(mode, dir.resolve("out")), "s.json", "s",
                List.of());
    }

    /** A trial of {@code epochs} epochs that took {@code seconds}, best at its last epoch. */
    private static TrialResult trial(int id, int epochs, double seconds) {
        List<EpochResult> curve = IntStream.rangeClosed(1, epochs)
                .mapToObj(e -> new EpochResult(e, 1, 0.5, 1, 0.1 * e, 0.1, 0.1, 0.1, seconds / epochs)).toList();
        return new TrialResult(id, ModelConfig.REFERENCE, id, 0, TrialStatus.OK, null, curve, null, seconds, 0, 0,
                null, null);
    }

    private static List<Candidate> candidates(TrialResult best) {
        TrialConfig config = new TrialConfig(best.trialId(), best.model(), best.seed());
        int epochs = best.epochs().size();
        return List.of(new Candidate("best", best.trialId(), config, epochs, epochs, false),
                new Candidate("baseline", best.trialId(), config, epochs, epochs, false));
    }

    @Test
    void oneLongTrialIsScoredAsItIsAndManyShortOnesAreRetrained() {
        TrialResult longTrial = trial(1, 7, 1440);
        // Its network, as the trial's task handed it back.
        ModelConfig model = ModelConfig.REFERENCE;
        NetworkState network = NetworkState.forDl4j(BuiltInNetwork.INSTANCE.build(model,
                new NetworkInput(new io.sparktune.data.ImageShape(3, 32, 32), 10, 1, 1, null), 1));
        SearchSpec auto = spec("auto");
        new TrialNetworks(auto.output()).save(1, network);

        assertEquals(1800, FinalCheckRule.expectedRetrainingSeconds(candidates(longTrial), List.of(longTrial), 0.2),
                1e-9, "once for both roles: 1,440 s for 7 epochs, on 1 / 0.8 as many images");
        FinalCheckRule.Decision reused = FinalCheckRule.decide(auto, candidates(longTrial), List.of(longTrial));
        assertTrue(reused.candidates().stream().allMatch(Candidate::reuses), reused.toString());
        assertEquals(network.size(), reused.reused().get("best").size(), "the trial's own network");
        assertTrue(reused.how().contains("not retrained (retraining would take about 30m"), reused.how());

        List<TrialResult> many = new ArrayList<>();
        for (int id = 1; id <= 20; id++) {
            many.add(trial(id, 5, 60));
        }
        FinalCheckRule.Decision retrained = FinalCheckRule.decide(auto, candidates(many.get(0)), many);
        assertFalse(retrained.candidates().stream().anyMatch(Candidate::reuses), "75 s of retraining is cheap");
        assertTrue(retrained.how().startsWith("retrained on all"), retrained.how());

        FinalCheckRule.Decision asked = FinalCheckRule.decide(spec("retrain"), candidates(longTrial), List.of(longTrial));
        assertFalse(asked.candidates().stream().anyMatch(Candidate::reuses), "mode retrain retrains whatever it costs");
    }

    @Test
    void aTrialThatKeptNoNetworkIsRetrainedAndTheCheckSaysSo() {
        TrialResult longTrial = trial(4, 7, 1440);
        FinalCheckRule.Decision decision = FinalCheckRule.decide(spec("reuse"), candidates(longTrial),
                List.of(longTrial));
        assertFalse(decision.candidates().stream().anyMatch(Candidate::reuses));
        assertTrue(decision.how().contains("best and baseline retrained on all s's training and validation images, as"
                + " no network was kept from their trials"), decision.how());
    }
}
