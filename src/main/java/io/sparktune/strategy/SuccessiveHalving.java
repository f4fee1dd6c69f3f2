package io.sparktune.strategy;

import io.sparktune.model.ModelConfig;
import io.sparktune.spec.Halving;
import io.sparktune.spec.SpecJson;
import io.sparktune.trial.Checkpoint;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Synchronous successive halving. Rung r trains the surviving candidates to the r-th budget of epochs
 * ({@link Halving#rungEpochs()}); then the best 1/eta by validation accuracy within that budget go on,
 * each continuing from its checkpoint rather than from scratch. Everything it decides follows from the
 * finished results, so a resumed search replays it.
 */
public final class SuccessiveHalving implements SearchStrategy {
    private final List<TrialConfig> candidates;
    private final Halving halving;
    private final List<Integer> rungs;
    private final String checkpoints;

    /** {@code candidates} as the grid or random search would run them; checkpoints go in that folder. */
    public SuccessiveHalving(List<TrialConfig> candidates, Halving halving, String checkpointFolder) {
        this.candidates = List.copyOf(candidates);
        this.halving = halving;
        this.rungs = halving.rungEpochs();
        this.checkpoints = checkpointFolder;
    }

    @Override
    public List<TrialConfig> nextTrials(List<TrialResult> finished) {
        Map<Integer, TrialResult> byId = finished.stream()
                .collect(Collectors.toMap(TrialResult::trialId, Function.identity(), (a, b) -> b));
        List<TrialConfig> alive = candidates;
        for (int rung = 0; rung < rungs.size(); rung++) {
            int epochs = rungs.get(rung);
            List<TrialConfig> due = new ArrayList<>();
            for (TrialConfig candidate : alive) {
                TrialResult result = byId.get(candidate.trialId());
                if (!reached(result, epochs)) {
                    due.add(continuation(candidate, rung, epochs, result));
                }
            }
            if (!due.isEmpty()) {
                return due;
            }
            alive = promoted(alive, byId, epochs);
        }
        return List.of();
    }

    /** Candidates not promoted past a rung end as pruned, with the rung and why. */
    @Override
    public List<TrialResult> settle(List<TrialResult> finished) {
        int last = rungs.get(rungs.size() - 1);
        List<TrialResult> settled = new ArrayList<>();
        var ids = candidates.stream().map(TrialConfig::trialId).collect(Collectors.toSet());
        for (TrialResult r : finished) {
            boolean stopped = ids.contains(r.trialId()) && r.status() == TrialStatus.OK && r.model().epochs() < last;
            settled.add(stopped ? r.pruned(String.format(Locale.ROOT, "pruned at rung %d after %d epochs: not in"
                    + " the best 1/%d of its rung", r.rung(), r.epochs().size(), halving.eta())) : r);
        }
        return settled;
    }

    /** A trial has done its rung when it was asked for at least that many epochs (or ended otherwise). */
    private static boolean reached(TrialResult result, int epochs) {
        return result != null && (result.status() != TrialStatus.OK || result.model().epochs() >= epochs);
    }

    private TrialConfig continuation(TrialConfig candidate, int rung, int epochs, TrialResult sofar) {
        ModelConfig model = SpecJson.overlay(candidate.model(), Map.of("epochs", epochs), "search.halving.");
        String path = String.format(Locale.ROOT, "%s/trial-%06d.zip", checkpoints, candidate.trialId());
        List<EpochResult> earlier = sofar == null ? List.of() : sofar.epochs();
        return new TrialConfig(candidate.trialId(), model, candidate.seed(), rung, new Checkpoint(path, earlier));
    }

    /** The best max(1, n / eta) by their best validation accuracy within the rung's epochs; the lower id on a tie. */
    private List<TrialConfig> promoted(List<TrialConfig> alive, Map<Integer, TrialResult> byId, int epochs) {
        int keep = Math.max(1, alive.size() / halving.eta());
        Comparator<TrialConfig> byScore = Comparator.comparingDouble(
                (TrialConfig t) -> -score(byId.get(t.trialId()), epochs)).thenComparingInt(TrialConfig::trialId);
        // A trial pruned at a later rung trained this rung well; replaying a finished search must find it again.
        return alive.stream()
                .filter(t -> byId.get(t.trialId()).status() == TrialStatus.OK
                        || byId.get(t.trialId()).status() == TrialStatus.PRUNED)
                .sorted(byScore)
                .limit(keep)
                .toList();
    }

    static double score(TrialResult result, int epochs) {
        return result.epochs().stream().filter(e -> e.epoch() <= epochs && !Double.isNaN(e.valAccuracy()))
                .mapToDouble(EpochResult::valAccuracy).max().orElse(Double.NEGATIVE_INFINITY);
    }
}
