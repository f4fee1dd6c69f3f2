package io.sparktune.cli;

import io.sparktune.confirm.ConfirmationRuns;
import io.sparktune.confirm.Confirmations;
import io.sparktune.input.UserInputException;
import io.sparktune.results.OutputFolder;
import io.sparktune.simulate.RecordedCurves;
import io.sparktune.simulate.Simulation;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import io.sparktune.strategy.SearchPlan;
import io.sparktune.strategy.SearchStrategy;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialWork;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {"Run a search spec's strategy against the learning curves an earlier search recorded, instead",
            "of training: virtual workers take trials as the real job would, each holding its core for the",
            "seconds its epochs took. Prints the best found against simulated core-seconds, over many seeds."})
final class SimulateCommand implements Callable<Integer> {
    /** How near the recorded best counts as found: one point of accuracy. */
    private static final double NEAR = 0.01;
    /** Half the last digit values are printed with. */
    private static final double PRINTED = 0.00005;

    @Parameters(index = "0", paramLabel = "SPEC", description = "The search to simulate; its space must be one the"
            + " recorded search trained, e.g. the same grid.")
    String specFile;

    @Option(names = "--curves", required = true, paramLabel = "FOLDER",
            description = "Output folder of the recorded search (e.g. a dense grid). Repeat it for recordings of the"
                    + " same space under other seeds: each simulated trial then sees one of its configuration's runs,"
                    + " and what it found is judged by the configuration's mean over them.")
    List<String> curves;

    @Option(names = "--mean-curves", description = "With repeated --curves, each trial sees its configuration's mean"
            + " curve over the runs rather than one run: every configuration's value fixed, free of noise.")
    boolean meanCurves;

    @Option(names = "--workers", paramLabel = "N", description = "Virtual cores (default: ${DEFAULT-VALUE}).")
    int workers = 2;

    @Option(names = "--seeds", paramLabel = "K", description = "Seeds to run, 1 to K (default: ${DEFAULT-VALUE}).")
    int seeds = 30;

    @Option(names = "--target", paramLabel = "VALUE", description = "Also report when the best reached this value"
            + " of the objective, as printed (e.g. another strategy's final best).")
    Double target;

    @Option(names = "--set", paramLabel = "FIELD=VALUE",
            description = "Override any spec field, e.g. --set search.strategy=tpe --set search.trials=32.")
    List<String> sets = new ArrayList<>();

    @Mixin
    Console console;

    @Override
    public Integer call() {
        PrintWriter out = console.out();
        RecordedCurves recorded = RecordedCurves.repeats(curves.stream().map(SimulateCommand::journal).toList());
        String source = String.join(", ", curves);
        int repeats = recorded.repeats();
        if (meanCurves) {
            recorded = new RecordedCurves(recorded.means());
        }
        SearchSpec first = new SpecReader().read(specFile, overrides(1));
        Objective objective = first.objective();
        List<TrialResult> means = recorded.means();
        TrialResult recordedBest = objective.best(means).orElseThrow(() -> new UserInputException(
                source + " holds no trial that could be the best"));
        double recordedCore = means.stream().mapToDouble(r -> r.epochs().stream()
                .mapToDouble(EpochResult::seconds).sum()).sum();
        List<SearchSpec> specs = new ArrayList<>();
        List<Simulation> runs = new ArrayList<>();
        for (int seed = 1; seed <= seeds; seed++) {
            SearchSpec spec = new SpecReader().read(specFile, overrides(seed));
            specs.add(spec);
            runs.add(simulate(spec, SearchPlan.of(spec).strategy(), recorded, objective));
        }
        out.printf(Locale.ROOT, "sparktune simulate: %s search '%s' on %d recorded configurations of %s, %d workers,"
                        + " %d seeds%n", first.strategyLabel(), first.name(), recorded.size(), source, workers, seeds);
        String meanOf = repeats > 1 ? " (mean of " + repeats + " runs" + (meanCurves ? ", which trials"
                + " see" : "") + ")" : "";
        out.printf(Locale.ROOT, "recorded best%s: %s %.4f (trial %d); the recorded search took %.0f core-seconds%n",
                meanOf, objective.specName(), objective.value(recordedBest), recordedBest.trialId(), recordedCore);
        out.printf(Locale.ROOT, "median best %s at a share of those core-seconds:%n", objective.specName());
        for (double share : new double[] {0.05, 0.1, 0.2, 0.5, 1.0}) {
            double[] best = runs.stream().mapToDouble(r -> r.bestAt(share * recordedCore)).toArray();
            out.printf(Locale.ROOT, "  %5.0f%% (%8.0f s): %.4f%n", 100 * share, share * recordedCore, median(best));
        }
        long recordedEpochs = means.stream().mapToLong(r -> r.epochs().size()).sum();
        double bestValue = objective.value(recordedBest);
        reach(out, runs, objective, bestValue, 0, "the recorded best", recordedEpochs);
        reach(out, runs, objective, bestValue, NEAR, String.format(Locale.ROOT, "within %.2f of the recorded best",
                NEAR), recordedEpochs);
        if (target != null) {
            // The value as printed to 4 decimals: a mean over repeats has more, and must not miss by rounding.
            reach(out, runs, objective, target, PRINTED, String.format(Locale.ROOT, "%s %.4f", objective.specName(),
                    target), recordedEpochs);
        }
        if (first.confirm().appliesTo(SearchPlan.of(first).trials())) {
            confirmation(out, recorded, specs, runs, objective, bestValue);
        }
        out.printf(Locale.ROOT, "median of a whole run: %.0f core-seconds, %.0f s on %d workers, %d trials, final"
                        + " best %.4f%n", median(runs.stream().mapToDouble(Simulation::coreSeconds).toArray()),
                median(runs.stream().mapToDouble(Simulation::wallSeconds).toArray()), workers,
                Math.round(median(runs.stream().mapToDouble(r -> r.results().size()).toArray())),
                median(runs.stream().mapToDouble(r -> r.bestAt(Double.MAX_VALUE)).toArray()));
        return 0;
    }

    /**
     * Replays search.confirm after each seed's search, on the same virtual workers: its runs see recorded runs
     * drawn by their own seeds, as the search's trials do. What the pick is worth (its configuration's mean
     * curve) is set against the search's own pick, and against the same search given the confirmation's
     * core-seconds for more trials instead (as many as the space holds), judged at the same core-seconds.
     */
    private void confirmation(PrintWriter out, RecordedCurves recorded, List<SearchSpec> specs, List<Simulation> runs,
                              Objective objective, double bestValue) {
        int n = runs.size();
        double[] confirmedGap = new double[n];
        double[] searchGap = new double[n];
        double[] triedGap = new double[n];
        double[] equalGap = new double[n];
        double[] extra = new double[n];
        double[] searchSeconds = new double[n];
        int equalTrials = 0;
        for (int i = 0; i < n; i++) {
            SearchSpec spec = specs.get(i);
            Simulation search = runs.get(i);
            ConfirmationRuns plan = ConfirmationRuns.of(spec.confirm(), search.results(), objective,
                    spec.execution().seed());
            Simulation confirm = simulate(spec, plan, recorded, objective);
            TrialResult pick = Confirmations.of(plan, confirm.results(), objective)
                    .best(search.results(), objective).orElseThrow();
            confirmedGap[i] = objective.score(bestValue) - objective.score(recorded.worth(pick, objective));
            searchGap[i] = objective.score(bestValue) - objective.score(search.bestAt(Double.MAX_VALUE));
            // No reordering of the trials can pick better than the best of them by their recorded means.
            triedGap[i] = objective.score(bestValue) - search.results().stream()
                    .mapToDouble(r -> objective.score(recorded.worth(r, objective))).max().orElse(Double.NaN);
            extra[i] = confirm.coreSeconds();
            searchSeconds[i] = search.coreSeconds();
        }
        SearchSpec first = specs.get(0);
        Integer trials = first.randomTrials();
        if (trials != null) {
            double share = median(extra) / median(searchSeconds);
            long space = first.space().size();
            equalTrials = (int) Math.min(space > 0 ? space : Long.MAX_VALUE, Math.ceil(trials * (1 + share)));
            for (int i = 0; i < n; i++) {
                List<String> more = new ArrayList<>(overrides(i + 1));
                more.add("search.trials=" + equalTrials);
                more.add("search.confirm=false");
                SearchSpec spec = new SpecReader().read(specFile, more);
                Simulation longer = simulate(spec, SearchPlan.of(spec).strategy(), recorded, objective);
                equalGap[i] = objective.score(bestValue)
                        - objective.score(longer.bestAt(searchSeconds[i] + extra[i]));
            }
        }
        out.printf(Locale.ROOT, "confirmation (%s): median %.0f core-seconds more, %.0f%% of the search's%n",
                first.confirm().describe(),
                median(extra), 100 * median(extra) / median(searchSeconds));
        out.printf(Locale.ROOT, "gap of the pick's worth to the recorded best, median / mean: %.4f / %.4f confirmed,"
                        + " %.4f / %.4f by one run (the search alone)%s%n", median(confirmedGap), mean(confirmedGap),
                median(searchGap), mean(searchGap), trials == null ? "" : String.format(Locale.ROOT, ", %.4f / %.4f"
                        + " by one run with those core-seconds spent on more trials (%d)", median(equalGap),
                        mean(equalGap), equalTrials));
        out.printf(Locale.ROOT, "the floor, the best of the search's trials by their recorded means, median / mean:"
                + " %.4f / %.4f; the recorded best among the trials in %d of %d seeds%n", median(triedGap),
                mean(triedGap), Arrays.stream(triedGap).filter(g -> g < 1e-12).count(), n);
    }

    /**
     * {@code strategy} on the virtual workers, its trials handed out in the order the real job would
     * (execution.trial_order, by the FLOPs it estimates; the classes' count, 10 for every recording so far,
     * only moves the last layer's share, and the images an epoch do not enter the order).
     */
    private Simulation simulate(SearchSpec spec, SearchStrategy strategy, RecordedCurves recorded, Objective objective) {
        TrialWork work = new TrialWork(spec.network(), spec.data().promisedShape(), 10, 0);
        return Simulation.run(strategy, recorded, workers, objective, spec.execution().trialOrder(), work::perImage);
    }

    /** A recording's trials; none would silently leave the recording out of the repeats. */
    private static List<TrialResult> journal(String folder) {
        List<TrialResult> trials = new OutputFolder(folder).journal().readAll();
        if (trials.isEmpty()) {
            throw new UserInputException("--curves " + folder + ": no recorded trials there (expected the output"
                    + " folder of a finished search, with its journal)");
        }
        return trials;
    }

    private List<String> overrides(int seed) {
        List<String> all = new ArrayList<>(sets);
        all.add("execution.seed=" + seed);
        return all;
    }

    /** How many seeds reached a value and kept it, and the median tasks and epochs they took to. */
    private void reach(PrintWriter out, List<Simulation> runs, Objective objective, double value, double tolerance,
                       String what, long recordedEpochs) {
        double[] tasks = new double[runs.size()];
        double[] epochs = new double[runs.size()];
        for (int i = 0; i < runs.size(); i++) {
            double[] when = runs.get(i).reached(objective, value, tolerance);
            tasks[i] = when[0];
            epochs[i] = when[1];
        }
        long found = Arrays.stream(tasks).filter(Double::isFinite).count();
        out.printf(Locale.ROOT, "%s reached and kept in %d of %d seeds; median until then: %s%n", what, found,
                runs.size(),
                Double.isFinite(median(tasks)) ? String.format(Locale.ROOT, "%.0f tasks, %.0f epochs (%.0f%% of the"
                        + " recorded %d)", median(tasks), median(epochs), 100 * median(epochs) / recordedEpochs,
                        recordedEpochs) : "never in half the seeds or more");
    }

    private static double mean(double[] values) {
        return Arrays.stream(values).filter(v -> !Double.isNaN(v)).average().orElse(Double.NaN);
    }

    private static double median(double[] values) {
        double[] sorted = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        return sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    }
}
