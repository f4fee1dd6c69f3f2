package io.sparktune.simulate;

import io.sparktune.spec.TrialOrder;
import io.sparktune.strategy.SearchStrategy;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialConfig;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * A search run against recorded curves instead of Spark: {@code workers} virtual cores take trials from the
 * strategy as the real job does (whenever one is free, with every result so far and the trials running),
 * each holding its core for the seconds its epochs took when recorded. Any strategy runs unchanged, at 8, 32
 * or 256 workers, in milliseconds.
 *
 * @param results every trial's latest result, as the strategy settled them (pruned marked)
 * @param anytime (core-seconds spent, the incumbent's worth, epochs trained) after each trial that could be
 *     the best; the incumbent is the trial whose result looked best so far, as a real search would pick it,
 *     and its worth its configuration's mean curve over the recordings' runs at the epochs it trained
 * @param taskEnds the core-seconds spent when each task ended, in order
 * @param wallSeconds when the last task ended
 */
public record Simulation(List<TrialResult> results, List<double[]> anytime, List<Double> taskEnds,
                         double wallSeconds, double coreSeconds) {

    public static Simulation run(SearchStrategy strategy, RecordedCurves curves, int workers, Objective objective) {
        return run(strategy, curves, workers, objective, TrialOrder.AS_LISTED, t -> 0);
    }

    /**
     * The same with the real job's scheduling: each answer of the strategy arranged by {@code trialOrder}, with
     * {@code work} a trial's expected work as the job estimates it, before free workers take it.
     */
    public static Simulation run(SearchStrategy strategy, RecordedCurves curves, int workers, Objective objective,
                                 TrialOrder trialOrder, ToDoubleFunction<TrialConfig> work) {
        record Task(double endsAt, long order, TrialConfig trial, RecordedCurves.Replay replay) {
        }
        PriorityQueue<Task> ending = new PriorityQueue<>(Comparator.comparingDouble(Task::endsAt)
                .thenComparingLong(Task::order));
        Map<Integer, TrialResult> finished = new LinkedHashMap<>();
        Set<Integer> running = new HashSet<>();
        List<double[]> anytime = new ArrayList<>();
        List<Double> taskEnds = new ArrayList<>();
        double now = 0;
        double spent = 0;
        long epochs = 0;
        double incumbent = Double.NaN;
        double best = Double.NaN;
        long order = 0;
        while (true) {
            // Asked again while cores stay free and the last answer started something, as the job re-asks.
            boolean started = true;
            while (started && running.size() < workers) {
                started = false;
                List<TrialResult> sofar = List.copyOf(finished.values());
                List<TrialConfig> answer = strategy.nextTrials(sofar, Set.copyOf(running)).stream()
                        .filter(t -> !running.contains(t.trialId())).toList();
                for (TrialConfig t : trialOrder.arrange(answer, strategy.ordersItsTrials(), work)) {
                    if (running.size() >= workers) {
                        break;
                    }
                    if (running.add(t.trialId())) {
                        RecordedCurves.Replay replay = curves.replay(t);
                        ending.add(new Task(now + replay.seconds(), order++, t, replay));
                        started = true;
                    }
                }
            }
            Task done = ending.poll();
            if (done == null) {
                break;
            }
            now = done.endsAt();
            spent += done.replay().seconds();
            epochs += done.replay().epochs();
            taskEnds.add(spent);
            running.remove(done.trial().trialId());
            TrialResult result = done.replay().result();
            finished.remove(result.trialId());
            finished.put(result.trialId(), result);
            if (objective.counts(result)) {
                double value = objective.value(result);
                if (objective.beats(value, incumbent)) {
                    incumbent = value;
                    TrialResult expected = done.replay().expected();
                    best = objective.counts(expected) ? objective.value(expected) : value;
                }
                anytime.add(new double[] {spent, best, epochs});
            }
        }
        List<TrialResult> settled = strategy.settle(List.copyOf(finished.values()));
        return new Simulation(settled, List.copyOf(anytime), List.copyOf(taskEnds), now, spent);
    }

    /** Tasks that had ended once {@code coreSeconds} had been spent. */
    public int trialsAt(double coreSeconds) {
        int count = 0;
        for (double spentThen : taskEnds) {
            if (spentThen <= coreSeconds) {
                count++;
            }
        }
        return count;
    }

    /**
     * When the incumbent's worth reached at least {@code target}'s score less {@code tolerance} for good:
     * (tasks ended, epochs trained) at the first point from which it never fell below again; both infinite
     * if it ends below. Judged by the mean of repeated recordings, a lucky run can make a worse incumbent
     * replace a better one; a search has found a value only once it keeps it.
     */
    public double[] reached(Objective objective, double target, double tolerance) {
        double[] from = null;
        for (double[] point : anytime) {
            boolean there = objective.score(point[1]) >= objective.score(target) - tolerance - 1e-12;
            if (!there) {
                from = null;
            } else if (from == null) {
                from = new double[] {trialsAt(point[0]), point[2]};
            }
        }
        return from != null ? from : new double[] {Double.POSITIVE_INFINITY, Double.POSITIVE_INFINITY};
    }

    /** The best objective once {@code coreSeconds} had been spent; NaN before any trial. */
    public double bestAt(double coreSeconds) {
        double value = Double.NaN;
        for (double[] point : anytime) {
            if (point[0] > coreSeconds) {
                break;
            }
            value = point[1];
        }
        return value;
    }
}
