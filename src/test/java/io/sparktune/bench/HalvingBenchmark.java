package io.sparktune.bench;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparktune.data.DataCache;
import io.sparktune.spark.SearchJob;
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
 * The same space searched fully by grid (every configuration for max_epochs) and by successive halving,
 * through the Spark job, in one JVM and one run. Prints each one's best validation accuracy, epochs
 * trained, wall time and the fraction of executor time spent idle. Run with jobs/bench-halving.sh.
 */
public final class HalvingBenchmark {
    public static void main(String[] args) throws Exception {
        Dl4jRuntime.configure();
        Path specFile = Path.of(args.length > 0 ? args[0] : "conf/bench-halving.json");
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
        DataCache.training(new SearchJob(halving).spec().data(), halving.execution().seed());

        for (SearchSpec spec : List.of(grid, halving)) {
            SparkRun run = SparkRun.of(spec, spec.execution());
            List<TrialResult> results = run.results();
            double best = results.stream().filter(r -> r.status() == TrialStatus.OK)
                    .mapToDouble(TrialResult::bestValAccuracy).max().orElse(Double.NaN);
            int epochs = results.stream().mapToInt(r -> r.epochs().size()).sum();
            double busy = results.stream().flatMap(r -> r.epochs().stream()).mapToDouble(EpochResult::seconds).sum();
            System.out.printf(Locale.ROOT, "%-8s %2d configurations: best validation accuracy %.4f, %4d epochs trained,"
                            + " wall %6.1f s, executors idle %4.1f%% of the time%n", spec.strategy(), results.size(), best,
                    epochs, run.seconds(), 100 * (1 - busy / (cores * run.seconds())));
        }
        System.out.println("target: halving within 1 point of the grid's best with at most a third of its epochs");
    }
}
