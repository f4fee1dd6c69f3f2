package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.network.ResidualGraph;
import io.sparktune.results.TrialJournal;
import io.sparktune.trial.Dl4jRuntime;
import io.sparktune.trial.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real searches in Spark local[2] of networks from outside the built-in family, on real CIFAR-10 images. */
class OwnNetworkSearchTest {
    @TempDir
    Path dir;

    /** The shared CIFAR-10 batches: data_batch_1.bin and test_batch.bin. */
    private static Path cifar() {
        return RequiredData.cifar10().toAbsolutePath();
    }

    /** Writes the spec {@code json} as NAME.json and runs it into dir/NAME without the final check: it succeeds. */
    private CliRun searched(String name, String json) throws Exception {
        Path spec = Files.writeString(dir.resolve(name + ".json"), json);
        CliRun run = CliRun.of("search", spec.toString(), "-o", dir.resolve(name).toString(), "--no-evaluate");
        assertEquals(0, run.exitCode(), run.toString());
        return run;
    }

    private static List<String> rows(CliRun query) {
        assertEquals(0, query.exitCode(), query.toString());
        return query.out().lines().skip(2).filter(l -> !l.isBlank()).map(l -> String.join(" ", l.strip().split("\\s+")))
                .toList();
    }

    /**
     * A residual ComputationGraph with batch norm and dropout, saved by DL4J as JSON, searched by successive
     * halving (its promoted trials continue from checkpoints), checked on the test set, and saved as a graph.
     */
    @Test
    void aGraphFromDl4jJsonIsSearchedByHalvingAndCheckedOnTheTestSet() throws Exception {
        Path graph = Files.writeString(dir.resolve("residual.json"),
                ResidualGraph.configuration(3, 32, 32, 10, 8, 1).toJson());
        Path spec = Files.writeString(dir.resolve("graph.json"), """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 600, "download": false},
                 "model": {"network": {"dl4j_json": "%s"}, "batch_size": 32, "normalize": "per_channel"},
                 "search": {"strategy": "halving", "baseline": false,
                            "space": {"learning_rate": [0.0003, 0.001, 0.003, 0.01]},
                            "halving": {"eta": 2, "min_epochs": 1, "max_epochs": 2, "mode": "synchronous"}},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """.formatted(cifar(), graph));
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("search", spec.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("sparktune: network: dl4j_json " + graph), run.out());
        assertTrue(run.out().contains("best - baseline on 10000 test images:"), run.out());
        assertEquals(List.of("pruned 0 1 2", "ok 1 2 2"), rows(CliRun.of("query", "-o", out.toString(),
                "SELECT status, rung, epochs_run, count(*) AS n FROM trials GROUP BY status, rung, epochs_run"
                        + " ORDER BY rung, status")));
        for (TrialResult trial : new TrialJournal(out.toString()).readAll()) {
            assertTrue(trial.epochs().stream().allMatch(e -> e.trainAccuracy() >= 0 && e.trainAccuracy() <= 1),
                    "the graph's training accuracy is counted: " + trial.epochs());
        }
        Dl4jRuntime.configure();
        ComputationGraph best = ModelSerializer.restoreComputationGraph(out.resolve("models/best.zip").toFile());
        assertEquals(ResidualGraph.configuration(3, 32, 32, 10, 8, 1).getVertices().keySet(),
                best.getConfiguration().getVertices().keySet(), "the saved network is the user's graph");
        CliRun status = CliRun.of("status", "-o", out.toString());
        assertTrue(status.out().contains("dl4j_json " + graph), status.toString());
        // The same file name holding another network: a rerun would mix its trials with the first one's.
        Files.writeString(graph, ResidualGraph.configuration(3, 32, 32, 10, 16, 1).toJson());
        CliRun changed = CliRun.of("search", spec.toString(), "-o", out.toString());
        assertEquals(2, changed.exitCode(), changed.toString());
        assertTrue(changed.err().contains("holds a search of another network (dl4j_json " + graph + ", sha256 "),
                changed.err());

        // The saved graph, weights and all, fine-tuned by a second search with its first layers frozen or not.
        searched("tuned", """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 600, "download": false},
                 "model": {"network": {"dl4j_model": "%s"}, "batch_size": 32, "epochs": 1, "normalize": "per_channel"},
                 "search": {"space": {"freeze_layers": [0, 4], "learning_rate": [0.001]}},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """.formatted(cifar(), out.resolve("models/best.zip")));
        assertEquals(List.of("0 ok", "4 ok"), rows(CliRun.of("query", "-o", dir.resolve("tuned").toString(),
                "SELECT freeze_layers, status FROM trials ORDER BY freeze_layers")));
    }

    /**
     * Keras models as Keras 3.15.1 wrote them (src/test/resources/keras, with the script that wrote them): a
     * Sequential CNN and a functional one with a residual connection and batch norm, both channels last.
     */
    @Test
    void kerasModelsWrittenByKerasAreSearched() throws Exception {
        for (String model : List.of("sequential", "functional")) {
            Path keras = Path.of("src/test/resources/keras/" + model + ".json").toAbsolutePath();
            CliRun run = searched("keras-" + model, """
                    {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 400, "download": false},
                     "model": {"network": {"keras_json": "%s"}, "epochs": 2, "batch_size": 32,
                               "normalize": "per_channel"},
                     "search": {"space": {"learning_rate": [0.001, 0.003]}},
                     "execution": {"master": "local[2]", "parallel_trials": 2}}
                    """.formatted(cifar(), keras));
            Path out = dir.resolve("keras-" + model);
            assertTrue(run.out().contains("sparktune: network: keras_json " + keras), run.out());
            for (TrialResult trial : new TrialJournal(out.toString()).readAll()) {
                assertEquals("ok", trial.status().column(), model + ": " + trial.error());
                assertTrue(trial.epochs().get(1).trainLoss() < trial.epochs().get(0).trainLoss() * 1.5
                        && Double.isFinite(trial.epochs().get(1).valLoss()), model + " trains: " + trial.epochs());
            }
        }
        // The functional model with its weights, fine-tuned with its layers up to conv2d_8 (its second) frozen
        // or none: a layer named is counted in the network's order.
        Path weighted = Path.of("src/test/resources/keras/functional.keras").toAbsolutePath();
        searched("keras-model", """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 400, "download": false},
                 "model": {"network": {"keras_model": "%s"}, "epochs": 1, "batch_size": 32},
                 "search": {"space": {"freeze_layers": [0, "conv2d_8"]}},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """.formatted(cifar(), weighted));
        assertEquals(List.of("0 ok", "2 ok"), rows(CliRun.of("query", "-o", dir.resolve("keras-model").toString(),
                "SELECT freeze_layers, status FROM trials ORDER BY freeze_layers")));
    }

    /**
     * The user's builder with a hyperparameter of its own, searched with the trial's learning rate by halving
     * with TPE candidates: its values reach the builder, are a column of the trials table, show in the console
     * and the report, and a rerun resumes the search rather than starting it again.
     */
    @Test
    void aBuildersOwnHyperparametersAreSearchedLikeBuiltInOnes() throws Exception {
        Path spec = Files.writeString(dir.resolve("builder.json"), """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 400, "download": false},
                 "model": {"network": {"builder": "%s"}, "batch_size": 32},
                 "search": {"strategy": "halving", "baseline": false, "trials": 4, "tpe": {"startup_trials": 2},
                            "space": {"user.width": [4, 8, 12], "learning_rate": {"low": 0.001, "high": 0.01, "log": true}},
                            "halving": {"eta": 2, "min_epochs": 1, "max_epochs": 2, "sampler": "tpe"}},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """.formatted(cifar(), ResidualGraph.class.getName()));
        Path out = dir.resolve("builder");
        CliRun run = CliRun.of("search", spec.toString(), "-o", out.toString(), "--no-evaluate");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("sparktune: network: builder " + ResidualGraph.class.getName()), run.out());
        assertTrue(run.out().matches("(?s).*user\\.width=(4|8|12).*"), "progress lines show the value: " + run.out());
        List<String> widths = rows(CliRun.of("query", "-o", out.toString(),
                "SELECT DISTINCT user_width FROM trials WHERE status = 'ok' OR status = 'pruned'"));
        assertTrue(!widths.isEmpty() && List.of("4", "8", "12").containsAll(widths), widths.toString());
        for (TrialResult trial : new TrialJournal(out.toString()).readAll()) {
            assertTrue(trial.model().toMap().get("user.width") instanceof Integer, trial.model().toString());
        }
        assertTrue(Files.readString(out.resolve("report.html")).contains("user_width"), "the report shows it");
        CliRun again = CliRun.of("search", spec.toString(), "-o", out.toString(), "--no-evaluate");
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("trials already finished are kept"), again.out());
    }

    @Test
    void aZooArchitectureIsSearchedOnTheDatasShapeAndClasses() throws Exception {
        CliRun run = searched("zoo", """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 400, "download": false},
                 "model": {"network": {"zoo": "simplecnn"}, "epochs": 1, "batch_size": 32},
                 "search": {"space": {"learning_rate": [0.001, 0.003]}},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """.formatted(cifar()));
        assertTrue(run.out().contains("sparktune: network: zoo simplecnn"), run.out());
        assertEquals(List.of("ok 2"), rows(CliRun.of("query", "-o", dir.resolve("zoo").toString(),
                "SELECT status, count(*) AS n FROM trials GROUP BY status")));
    }

    @Test
    void theBuiltInFamilysShapeIsRefusedForAnotherNetwork() throws Exception {
        Path spec = Files.writeString(dir.resolve("shape.json"), """
                {"data": {"kind": "cifar10", "path": "%s", "download": false},
                 "model": {"network": {"zoo": "simplecnn"}},
                 "search": {"space": {"learning_rate": [0.001, 0.003], "filters": [16, 32]}}}
                """.formatted(cifar()));
        CliRun run = CliRun.of("search", spec.toString(), "-o", dir.resolve("shape").toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("search.space.filters': filters shapes the built-in family's network only;"
                + " the network here is zoo simplecnn"), run.err());
        assertTrue(Files.notExists(dir.resolve("shape")), "nothing written");
        Path user = Files.writeString(dir.resolve("user.json"), """
                {"data": {"kind": "cifar10", "path": "%s", "download": false},
                 "search": {"space": {"learning_rate": [0.001, 0.003], "user.depth": [18, 34]}}}
                """.formatted(cifar()));
        CliRun builtIn = CliRun.of("search", user.toString(), "-o", dir.resolve("user").toString());
        assertEquals(2, builtIn.exitCode(), builtIn.toString());
        assertTrue(builtIn.err().contains("'search.space.user.depth': a user.* hyperparameter reaches a network"
                + " builder only; the network here is built-in family"), builtIn.err());
    }
}
