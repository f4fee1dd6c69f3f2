package io.sparktune.run;

import io.sparktune.results.TrialNetworks;
import io.sparktune.spark.FinalEvaluationJob.Candidate;
import io.sparktune.spec.FinalCheckSpec;
import io.sparktune.spec.SearchSpec;
import io.sparktune.trial.NetworkState;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Whether the final check retrains its candidates or scores their trials' own networks. Retraining on the
 * validation images too gives a slightly better network, but it costs what the trial cost again and a quarter
 * more; so {@code auto} retrains unless that is expected to take over {@value #MIN_SECONDS} seconds and over
 * a quarter of the trials' own training time, a search of one long trial being the case it spares.
 */
final class FinalCheckRule {
    static final double MIN_SECONDS = 300;
    static final double SHARE = 0.25;

    /** The candidates as the check will run them, the trials' networks they reuse by role, and how, in words. */
    record Decision(List<Candidate> candidates, Map<String, NetworkState> reused, String how) {
    }

    private FinalCheckRule() {
    }

    static Decision decide(SearchSpec spec, List<Candidate> candidates, List<TrialResult> results) {
        FinalCheckSpec.Mode mode = spec.finalCheck().mode();
        double retraining = expectedRetrainingSeconds(candidates, results, spec.data().validationFraction());
        double trials = results.stream().mapToDouble(TrialResult::trainSeconds).sum();
        boolean reuse = mode == FinalCheckSpec.Mode.REUSE
                || mode == FinalCheckSpec.Mode.AUTO && retraining > MIN_SECONDS && retraining > SHARE * trials;
        String retrain = "retrained on all " + spec.name() + "'s training and validation images";
        if (!reuse) {
            return new Decision(candidates, Map.of(), retrain);
        }
        TrialNetworks networks = new TrialNetworks(spec.output());
        List<Candidate> checked = new ArrayList<>();
        Map<String, NetworkState> reused = new HashMap<>();
        List<String> missing = new ArrayList<>();
        for (Candidate c : candidates) {
            Optional<NetworkState> network = Optional.ofNullable(c.trialId()).flatMap(networks::load);
            network.ifPresentOrElse(n -> reused.put(c.role(), n), () -> missing.add(c.role()));
            checked.add(network.isPresent() ? c.reusing() : c);
        }
        String why = mode == FinalCheckSpec.Mode.REUSE ? "final_check.mode reuse"
                : "retraining would take about " + ProgressPrinter.duration(retraining);
        return new Decision(checked, reused, "each its trial's own network from its best epoch, not retrained (" + why + ")"
                + (missing.isEmpty() ? "" : "; " + String.join(" and ", missing) + " " + retrain + ", as no network"
                        + " was kept from " + (missing.size() == 1 ? "its trial" : "their trials")));
    }

    /**
     * What retraining the candidates' distinct trials costs: each trial's own seconds per epoch, for its best
     * epoch count, on the validation images too.
     */
    static double expectedRetrainingSeconds(List<Candidate> candidates, List<TrialResult> results,
                                            double validationFraction) {
        Map<Integer, TrialResult> byId = results.stream()
                .collect(Collectors.toMap(TrialResult::trialId, Function.identity(), (a, b) -> b));
        return candidates.stream().map(Candidate::trialId).filter(id -> id != null && byId.containsKey(id)).distinct()
                .mapToDouble(id -> {
                    TrialResult trial = byId.get(id);
                    int best = candidates.stream().filter(c -> id.equals(c.trialId())).mapToInt(Candidate::epochs)
                            .max().orElse(0);
                    return trial.trainSeconds() / Math.max(1, trial.epochs().size()) * best
                            / (1 - validationFraction);
                }).sum();
    }
}
