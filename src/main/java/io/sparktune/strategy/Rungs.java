package io.sparktune.strategy;

import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.trial.Checkpoint;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rungs one successive-halving bracket climbs: the epochs to reach at each, and how a trial goes from
 * one rung to the next (continuing from its checkpoint). Shared by the synchronous and asynchronous forms,
 * which differ only in when they promote.
 */
final class Rungs {
    private final CandidatePool pool;
    private final List<Integer> epochs;
    private final int firstRung;
    private final int eta;
    private final String checkpoints;
    private final Objective objective;

    /**
     * The {@code pool}'s candidates start at rung {@code firstRung} of {@code allEpochs} (a Hyperband bracket
     * that gives fewer trials more epochs starts higher); checkpoints go in {@code checkpointFolder}.
     */
    Rungs(CandidatePool pool, List<Integer> allEpochs, int firstRung, int eta, String checkpointFolder,
          Objective objective) {
        this.objective = objective;
        this.pool = pool;
        this.epochs = List.copyOf(allEpochs);
        this.firstRung = firstRung;
        this.eta = eta;
        this.checkpoints = checkpointFolder;
    }

    /** The candidates as far as decided, in id order: every started one, and the next to start if any are left. */
    List<TrialConfig> candidates(List<TrialResult> finished, Set<Integer> running) {
        return pool.candidates(finished, running);
    }

    /** Whether the candidates come from a model, in the order it prefers them. */
    boolean proposedInOrder() {
        return pool.proposedInOrder();
    }

    /** The rung this bracket's candidates start at (0 but in a later Hyperband bracket). */
    int first() {
        return firstRung;
    }

    /** The rung of max_epochs; trials that reach it are done. */
    int last() {
        return epochs.size() - 1;
    }

    int epochsAt(int rung) {
        return epochs.get(rung);
    }

    /** This bracket's results by trial id. */
    Map<Integer, TrialResult> results(List<TrialResult> finished) {
        return finished.stream().filter(r -> pool.ids().contains(r.trialId()))
                .collect(Collectors.toMap(TrialResult::trialId, Function.identity(), (a, b) -> b));
    }

    /** A trial has done a rung when it was asked for at least that many epochs, or ended otherwise. */
    boolean reached(TrialResult result, int rung) {
        return result != null && (result.status() != TrialStatus.OK || result.model().get(Hyperparameters.EPOCHS) >= epochsAt(rung));
    }

    /** Whether the trial may go past a rung: it trained normally (pruned ones did, at a later rung). */
    static boolean healthy(TrialResult result) {
        return result.status() == TrialStatus.OK || result.status() == TrialStatus.PRUNED;
    }

    /** The trial set to train to the rung's epochs, continuing from its checkpoint and curve so far. */
    TrialConfig at(TrialConfig candidate, int rung, TrialResult sofar) {
        ModelConfig model = candidate.model().with(Hyperparameters.EPOCHS, epochsAt(rung));
        String from = sofar == null ? null : checkpointPath(candidate.trialId(), sofar.rung());
        List<EpochResult> earlier = sofar == null ? List.of() : sofar.epochs();
        return new TrialConfig(candidate.trialId(), model, candidate.seed(), rung,
                new Checkpoint(from, checkpointPath(candidate.trialId(), rung), earlier, epochsAt(last())));
    }

    /** One file per trial and rung, so a retried task never finds its own rung's network in place of the last. */
    private String checkpointPath(int trialId, int rung) {
        return String.format(Locale.ROOT, "%s/trial-%06d-rung-%d.zip", checkpoints, trialId, rung);
    }

    /**
     * The top max(1, n / eta) of {@code done} (trials that finished the rung) by their best objective within the
     * rung's epochs (validation accuracy unless the search says otherwise); the lower id on a tie. Trials that failed count in n but never
     * make the top.
     */
    List<TrialConfig> top(List<TrialConfig> done, Map<Integer, TrialResult> byId, int rung, int minimum) {
        int keep = Math.max(minimum, done.size() / eta);
        int budget = epochsAt(rung);
        return done.stream().filter(t -> healthy(byId.get(t.trialId())))
                .sorted(Comparator.comparingDouble((TrialConfig t) -> -objective.scoreWithin(byId.get(t.trialId()), budget))
                        .thenComparingInt(TrialConfig::trialId))
                .limit(keep)
                .toList();
    }

    /** Candidates that stopped short of the last rung end as pruned, with the rung and why. */
    List<TrialResult> settle(List<TrialResult> finished) {
        int lastEpochs = epochsAt(last());
        List<TrialResult> settled = new ArrayList<>();
        for (TrialResult r : finished) {
            boolean stopped = pool.ids().contains(r.trialId()) && r.status() == TrialStatus.OK
                    && r.model().get(Hyperparameters.EPOCHS) < lastEpochs;
            settled.add(stopped ? r.pruned(String.format(Locale.ROOT, "pruned at rung %d after %d epochs: not in"
                    + " the best 1/%d of its rung", r.rung(), r.epochs().size(), eta)) : r);
        }
        return settled;
    }
}
