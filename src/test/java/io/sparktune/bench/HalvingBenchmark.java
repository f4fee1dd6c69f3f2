package io.sparktune.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparktune.data.DataCache;
import io.sparktune.run.SearchSetup;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecJson;
import io.sparktune.spec.SpecReader;
import io.sparktune.trial.Dl4jRuntime;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The same space searched fully by grid (every configuration for max_epochs) and by successive halving in
 * several forms (synchronous, asynchronous, Hyperband brackets), through the Spark job, in one JVM and one
 * run. Prints each one's best validation accuracy, epochs trained, wall time and the fraction of executor
 * time spent idle. Run with jobs/bench-halving.sh [SPEC [VARIANT...]], a variant being comma-separated
 * search.halving settings such as {@code mode=asynchronous,brackets=2}.
 */
public final class HalvingBenchmark {
    private static final List<String> VARIANTS = List.of("mode=synchronous", "mode=asynchronous",
            "mode=asynchronous,brackets=2", "eta=3,mode=synchronous", "eta=3,mode=asynchronous");

    public static void main(String[] args) throws Exception {
        Dl4jRuntime.configure();
        Path specFile = Path.of(args.length > 0 ? args[0] : "conf/bench-halving.json");
        List<String> variants = args.length > 1 ? List.of(args).subList(1, args.length) : VARIANTS;
        String text = Files.readString(specFile);
        Path scratch = Files.createTempDirectory("sparktune-bench-halving");
        SearchSpec halving = new SpecReader().read(text, specFile.toString(), "bench-halving",
                List.of("output=" + scratch.resolve("halving")));
        ObjectNode tree = (ObjectNode) SpecJson.parse(text, specFile.toString());
        ObjectNode search = (ObjectNode) tree.get("search");
        search.remove("halving");
        search.put("strategy", "grid");
        tree.withObjectProperty("model").put("epochs", halving.halving().maxEpochs());
        SearchSpec grid = new SpecReader().read(tree.toString(), specFile.toString(), "bench-grid",
                List.of("output=" + scratch.resolve("grid")));
        int cores = halving.execution().parallelTrials() * halving.execution().threadsPerTrial();
        System.out.printf(Locale.ROOT, "bench-halving: %s, rungs %s epochs, eta %d, %d cores%n", specFile,
                halving.halving().rungEpochs(), halving.halving().eta(), cores);
        DataCache.training(SearchSetup.of(halving).spec().data(), halving.execution().seed());

        Summary full = Summary.of("grid", SparkRun.of(grid, grid.execution()), cores);
        System.out.println(full.line());
        for (String variant : variants) {
            List<String> sets = new java.util.ArrayList<>(List.of("output=" + scratch.resolve(variant)));
            for (String setting : variant.split(",")) {
                sets.add("search.halving." + setting.trim());
            }
            SearchSpec spec = new SpecReader().read(text, specFile.toString(), "bench-halving", sets);
            Summary s = Summary.of(variant, SparkRun.of(spec, spec.execution()), cores);
            System.out.printf(Locale.ROOT, "%s  -> %+.1f points vs grid, %.2f of its epochs, %.2f of its wall time: %s%n",
                    s.line(), 100 * (s.best() - full.best()), (double) s.epochs() / full.epochs(),
                    s.seconds() / full.seconds(),
                    s.best() >= full.best() - 0.01 && 3 * s.epochs() <= full.epochs() ? "target met" : "target missed");
        }
        System.out.println("target: halving within 1 point of the grid's best with at most a third of its epochs");
    }

    /**
     * One search's numbers: best validation accuracy (and which trial), epochs trained, wall time, and the
     * share of core time with no trial task running (idle) and spent in tasks outside epochs (checkpoints,
     * building networks, final metrics).
     */
    private record Summary(String name, double best, int bestTrial, int trials, int tasks, int epochs,
                           double seconds, double idle, double overhead) {
        static Summary of(String name, SparkRun run, int cores) {
            List<TrialResult> results = run.results();
            TrialResult top = results.stream().filter(r -> r.status() == TrialStatus.OK || r.status() == TrialStatus.PRUNED)
                    .max(java.util.Comparator.comparingDouble(TrialResult::bestValAccuracy)).orElseThrow();
            int epochs = results.stream().mapToInt(r -> r.epochs().size()).sum();
            double inEpochs = results.stream().flatMap(r -> r.epochs().stream()).mapToDouble(EpochResult::seconds).sum();
            double coreSeconds = cores * run.seconds();
            return new Summary(name, top.bestValAccuracy(), top.trialId(), results.size(), run.tasks(), epochs,
                    run.seconds(), 1 - run.taskSeconds() / coreSeconds, (run.taskSeconds() - inEpochs) / coreSeconds);
        }

        String line() {
            return String.format(Locale.ROOT, "%-30s %2d configurations, %2d tasks: best validation accuracy %.4f"
                    + " (trial %2d), %4d epochs trained, wall %6.1f s, cores idle %4.1f%% (and %4.1f%% in tasks"
                    + " outside epochs)", name, trials, tasks, best, bestTrial, epochs, seconds, 100 * idle,
                    100 * overhead);
        }
    }
}
