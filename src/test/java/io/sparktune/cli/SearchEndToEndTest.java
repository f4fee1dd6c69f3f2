package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.model.Hyperparameter;
import io.sparktune.model.Hyperparameters;
import io.sparktune.spark.SparkSessions;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import io.sparktune.strategy.SearchPlan;
import io.sparktune.trial.TrialConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real grid search in Spark local[2] on 1,000 real CIFAR-10 images, run through the command line as a
 * user runs it, then read back with Spark SQL. Everything read from the tables is taken in
 * {@link #search()}, because each command stops its own Spark session.
 */
class SearchEndToEndTest {
    @TempDir
    static Path dir;

    private static Path spec;
    private static CliRun first;
    private static CliRun second;
    private static List<Row> trials;
    private static List<Row> epochs;
    private static List<Row> rankedIds;
    private static Map<Integer, Double> firstAccuracies;
    private static Map<Integer, Double> secondAccuracies;
    private static long parquetPathCount;
    private static Map<String, String> localSparkSettings;

    @BeforeAll
    static void search() throws Exception {
        Path cifar = RequiredData.cifar10();
        spec = dir.resolve("e2e.json");
        Files.writeString(spec, """
                {"name": "e2e",
                 "data": {"kind": "cifar10", "path": "%s", "max_train_images": 1000},
                 "model": {"epochs": 1, "filters": 16, "dense_units": 64},
                 "search": {"strategy": "grid",
                            "space": {"learning_rate": [0.001, 0.01], "activation": ["relu", "tanh"]}},
                 "execution": {"master": "local[2]", "parallel_trials": 2, "threads_per_trial": 1, "seed": 7}}
                """.formatted(cifar.toAbsolutePath()));
        first = CliRun.of("search", spec.toString(), "--output", dir.resolve("run1").toString());
        // The same spec named by a Hadoop URI, as in cluster deploy mode.
        second = CliRun.of("search", "file:" + spec.toAbsolutePath(), "--output", dir.resolve("run2").toString());
        assertEquals(0, first.exitCode(), first.toString());
        assertEquals(0, second.exitCode(), second.toString());

        SparkSession spark = SparkSessions.forQuery();
        try {
            localSparkSettings = Map.of(
                    "spark.driver.host", spark.conf().get("spark.driver.host"),
                    "spark.driver.bindAddress", spark.conf().get("spark.driver.bindAddress"),
                    "spark.ui.enabled", spark.conf().get("spark.ui.enabled"));
            String run1 = dir.resolve("run1").toUri().toString();
            trials = spark.read().parquet(run1 + "trials").orderBy("trial_id").collectAsList();
            epochs = spark.read().parquet(run1 + "epochs").orderBy("trial_id", "epoch").collectAsList();
            spark.read().parquet(run1 + "trials").createOrReplaceTempView("trials");
            // The order the console's Query: hint and the README give for SQL.
            rankedIds = spark.sql("SELECT trial_id, best_val_accuracy FROM trials ORDER BY "
                    + io.sparktune.trial.Objective.VAL_ACCURACY.sqlOrder()).collectAsList();
            firstAccuracies = accuracies(spark, run1);
            secondAccuracies = accuracies(spark, dir.resolve("run2").toUri().toString());
            // What stock spark-sql does with a parquet.`path` table name.
            parquetPathCount = spark.sql("SELECT count(*) FROM parquet.`" + run1 + "trials`").first().getLong(0);
        } finally {
            spark.stop();
        }
    }

    private static Map<Integer, Double> accuracies(SparkSession spark, String run) {
        Map<Integer, Double> byTrial = new TreeMap<>();
        for (Row r : spark.read().parquet(run + "trials").collectAsList()) {
            byTrial.put(r.getAs("trial_id"), r.getAs("best_val_accuracy"));
        }
        return byTrial;
    }

    @Test
    void everyConfigurationIsATrialRowWithItsHyperparametersAndOutcome() {
        assertEquals(4, trials.size());
        SearchSpec parsed = new SpecReader().read(spec, List.of());
        List<TrialConfig> planned = SearchPlan.of(parsed).strategy().nextTrials(List.of());
        for (int i = 0; i < 4; i++) {
            Row row = trials.get(i);
            TrialConfig expected = planned.get(i);
            assertEquals(expected.trialId(), (int) row.getAs("trial_id"));
            for (Hyperparameter<?> h : Hyperparameters.ALL) {
                assertEquals(expected.model().column(h), row.getAs(h.specName()), h.specName());
            }
            assertEquals("ok", row.getAs("status"));
            assertEquals(expected.seed(), (long) row.getAs("seed"));
            assertEquals(1, (int) row.getAs("epochs_run"));
            assertEquals(1, (int) row.getAs("best_epoch"));
            double accuracy = row.getAs("best_val_accuracy");
            assertTrue(accuracy > 0 && accuracy <= 1, "accuracy " + accuracy);
            assertTrue((double) row.getAs("train_seconds") > 0);
            assertNotNull(row.getAs("host"));
            assertEquals("driver", row.getAs("executor_id"), "local mode trains in the driver JVM");
        }
    }

    @Test
    void theEpochsTableHoldsEachTrialsCurve() {
        assertEquals(4, epochs.size());
        for (int i = 0; i < 4; i++) {
            Row epoch = epochs.get(i);
            Row trial = trials.get(i);
            assertEquals((int) trial.getAs("trial_id"), (int) epoch.getAs("trial_id"));
            assertEquals(1, (int) epoch.getAs("epoch"));
            assertEquals((double) trial.getAs("best_val_accuracy"), (double) epoch.getAs("val_accuracy"));
            assertEquals((double) trial.getAs("final_val_loss"), (double) epoch.getAs("val_loss"));
            assertEquals((double) trial.getAs("final_train_loss"), (double) epoch.getAs("train_loss"));
            assertTrue((double) epoch.getAs("val_loss") > 0 && (double) epoch.getAs("seconds") > 0);
        }
    }

    @Test
    void theRankingIsByBestValidationAccuracyAndPrinted() {
        for (int i = 1; i < rankedIds.size(); i++) {
            assertTrue(rankedIds.get(i - 1).getDouble(1) >= rankedIds.get(i).getDouble(1), rankedIds.toString());
        }
        List<Integer> printed = first.out().lines()
                .dropWhile(l -> !l.startsWith("rank"))
                .skip(2)
                .takeWhile(l -> !l.isBlank())
                .map(l -> Integer.parseInt(l.trim().split("\\s+")[1]))
                .toList();
        assertEquals(rankedIds.stream().map(r -> r.getInt(0)).toList(), printed, first.out());
    }

    @Test
    void theSameSpecGivesTheSameAccuracies() {
        assertEquals(firstAccuracies, secondAccuracies);
    }

    @Test
    void localSparkListensOnLoopbackOnlyWithTheUiOff() {
        assertEquals(Map.of("spark.driver.host", "127.0.0.1", "spark.driver.bindAddress", "127.0.0.1",
                "spark.ui.enabled", "false"), localSparkSettings);
    }

    @Test
    void stockSparkSqlReadsTheTablesByPath() {
        assertEquals(4, parquetPathCount);
    }

    @Test
    void queryRunsSparkSqlAgainstAnOutputFolder() {
        CliRun run = CliRun.of("query", "-o", dir.resolve("run1").toString(),
                "SELECT activation, count(*) AS trials FROM trials GROUP BY activation ORDER BY activation");
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.out().lines().map(String::strip).toList();
        assertEquals("activation  trials", lines.get(0));
        assertEquals(List.of("relu        2", "tanh        2"), lines.subList(2, 4));

        CliRun joined = CliRun.of("query", "-o", dir.resolve("run1").toString(),
                "SELECT count(*) AS n FROM trials t JOIN epochs e USING (trial_id)");
        assertTrue(joined.out().lines().anyMatch(l -> l.strip().equals("4")), joined.toString());
    }

    @Test
    void aBadQueryIsABadInputError() {
        CliRun run = CliRun.of("query", "-o", dir.resolve("run1").toString(), "SELECT nope FROM trials");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("not valid Spark SQL"), run.err());
        CliRun missing = CliRun.of("query", "-o", dir.resolve("nothing-here").toString(), "SELECT 1");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("holds no result tables"), missing.err());
    }

    @Test
    void aDifferentSpecOnAUsedOutputFolderIsRefusedAndTheFolderLeftAsItWas() throws Exception {
        Path run1 = dir.resolve("run1");
        List<String> before = listing(run1);
        CliRun other = CliRun.of("search", spec.toString(), "--output", run1.toString(), "--set", "model.epochs=2");
        assertEquals(2, other.exitCode(), other.toString());
        assertTrue(other.err().contains("holds a different search (model.epochs: 1 there, 2 here)"), other.err());
        assertEquals(before, listing(run1));
    }

    @Test
    void theConsoleIsKeptInTheOutputFolder() throws Exception {
        String log = Files.readString(dir.resolve("run1").resolve("console.log"));
        for (String line : List.of("sparktune: grid search 'e2e': 4 trials to run", "[4/4] trial",
                "Ranking by best validation accuracy", "Final check on the unseen test set", "Query:  ")) {
            assertTrue(log.contains(line), "console.log holds '" + line + "':\n" + log);
        }
        assertTrue(first.out().contains(log.substring(log.indexOf("Ranking by"), log.indexOf("Final check"))),
                "the same lines the console printed");
    }

    @Test
    void rerunningAFinishedSearchRetrainsNothing() throws Exception {
        Path journal = dir.resolve("run2").resolve("journal");
        List<String> before = listing(journal);
        CliRun again = CliRun.of("search", spec.toString(), "--output", dir.resolve("run2").toString());
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("0 trials to run"), again.out());
        assertTrue(again.out().contains("4 trials already finished are kept"), again.out());
        assertEquals(before, listing(journal), "no trial was trained again");
    }

    @Test
    void aBadSpecValueIsNamedAndNothingIsWritten() {
        Path out = dir.resolve("never");
        CliRun run = CliRun.of("search", spec.toString(), "--output", out.toString(),
                "--set", "search.space.activation=[\"relu\",\"swish\"]");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("search.space.activation[1]"), run.err());
        assertTrue(run.err().contains("allowed: relu, sigmoid, tanh, leakyrelu"), run.err());
        assertFalse(Files.exists(out));
    }

    private static List<String> listing(Path folder) throws Exception {
        List<String> entries = new ArrayList<>();
        try (Stream<Path> files = Files.walk(folder)) {
            for (Path p : files.sorted().toList()) {
                entries.add(folder.relativize(p) + ":" + (Files.isRegularFile(p) ? Files.size(p) + ":"
                        + Files.getLastModifiedTime(p) : "dir"));
            }
        }
        return entries;
    }

    @Test
    void helpDescribesEachCommand() {
        for (String command : List.of("search", "query")) {
            CliRun help = CliRun.of(command, "--help");
            assertEquals(0, help.exitCode());
            assertTrue(help.out().contains("Usage: sparktune " + command), help.out());
        }
        List<String> commands = Arrays.stream(CliRun.of("--help").out().split("\n"))
                .map(String::strip).map(l -> l.split("\\s+")[0]).collect(Collectors.toList());
        assertTrue(commands.containsAll(List.of("search", "query", "help")), commands.toString());
    }
}
