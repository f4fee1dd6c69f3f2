package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.data.Cifar10Reader;
import io.sparktune.data.LabeledImages;
import io.sparktune.data.TrainingData;
import io.sparktune.trial.Dl4jRuntime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.deeplearning4j.nn.multilayer.MultiLayerNetwork;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.nd4j.evaluation.classification.Evaluation;
import org.nd4j.linalg.dataset.DataSet;

/** The winner against the baseline on the unseen CIFAR-10 test batch, in real Spark local mode. */
class FinalEvaluationTest {
    @TempDir
    Path dir;

    /** The links to the shared data go first, so that cleaning up the folder never reaches through them. */
    @org.junit.jupiter.api.AfterEach
    void removeLinks() throws Exception {
        for (String name : List.of("data_batch_1.bin", "test_batch.bin")) {
            Path link = dir.resolve("cifar").resolve(name);
            if (Files.isSymbolicLink(link)) {
                Files.delete(link);
            }
        }
    }

    private Path spec(Path data) throws Exception {
        Path spec = dir.resolve("final.json");
        Files.writeString(spec, """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 1000, "download": false},
                 "model": {"epochs": 1, "filters": 16, "dense_units": 32},
                 "search": {"space": {"learning_rate": [0.001, 0.0001]}},
                 "execution": {"master": "local[2]", "parallel_trials": 2, "seed": 5}}
                """.formatted(data));
        return spec;
    }

    /** The search reads only data_batch_1.bin; a link avoids copying the shared data. */
    private Path cifarWithTestBatch(byte[] testBatch) throws Exception {
        Path shared = RequiredData.cifar10();
        Path folder = dir.resolve("cifar");
        Files.createDirectories(folder);
        Files.createSymbolicLink(folder.resolve("data_batch_1.bin"), shared.resolve("data_batch_1.bin").toAbsolutePath());
        if (testBatch == null) {
            Files.createSymbolicLink(folder.resolve("test_batch.bin"), shared.resolve("test_batch.bin").toAbsolutePath());
        } else {
            Files.write(folder.resolve("test_batch.bin"), testBatch);
        }
        return folder;
    }

    @Test
    void theBestAndTheBaselineAreScoredOnTheTestSetAndTheSavedNetworkGivesTheSameAccuracy() throws Exception {
        Path data = cifarWithTestBatch(null);
        Path out = dir.resolve("out");
        CliRun run = CliRun.of("search", spec(data).toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("best - baseline on 10000 test images:"), run.out());

        CliRun finals = CliRun.of("query", "-o", out.toString(),
                "SELECT role, trial_id, test_accuracy, test_images FROM final ORDER BY role DESC");
        List<String[]> rows = finals.out().lines().skip(2).filter(l -> !l.isBlank())
                .map(l -> l.strip().split("\\s+")).toList();
        assertEquals(List.of("best", "baseline"), rows.stream().map(r -> r[0]).toList(), finals.toString());
        assertEquals("1", rows.get(1)[1], "the baseline is trial 1: the defaults' learning rate is in the grid");
        double bestAccuracy = Double.parseDouble(rows.get(0)[2]);

        Dl4jRuntime.configure();
        MultiLayerNetwork restored = ModelSerializer.restoreMultiLayerNetwork(out.resolve("models/best.zip").toFile());
        LabeledImages test = new Cifar10Reader(data.toString()).testSet().all();
        Evaluation evaluation = new Evaluation(10);
        for (DataSet batch : TrainingData.batchesInOrder(test, 500)) {
            evaluation.eval(batch.getLabels(), restored.output(batch.getFeatures(), false));
        }
        assertEquals(bestAccuracy, evaluation.accuracy(), 1e-4, "plain DL4J on the saved model, the same test score");
        for (String role : List.of("best", "baseline")) {
            try (java.util.zip.ZipFile zip = new java.util.zip.ZipFile(out.resolve("models/" + role + ".zip").toFile())) {
                String json = new String(zip.getInputStream(zip.getEntry(ModelSerializer.CONFIGURATION_JSON))
                        .readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
                assertFalse(json.contains("io.sparktune"), role + ".zip needs only DL4J's classes to load: " + json);
                assertTrue(json.contains("ActivationReLU"), role + ".zip keeps its ReLU layers as DL4J's");
            }
        }

        CliRun perClass = CliRun.of("query", "-o", out.toString(), "SELECT count(*) AS n, sum(support) AS images"
                + " FROM final_class_metrics WHERE role = 'best'");
        assertEquals(List.of(List.of("10", "10000")), perClass.rows(), perClass.toString());
        CliRun confusion = CliRun.of("query", "-o", out.toString(), "SELECT count(*) AS cells, sum(count) AS images"
                + " FROM confusion WHERE trial_id = 1");
        assertEquals(List.of(List.of("100", "200")), confusion.rows(),
                "10 x 10 cells over the 200 validation images: " + confusion);
    }

    @Test
    void theSearchNeverReadsTheTestSetOnlyTheFinalEvaluationDoes() throws Exception {
        // A test batch the reader refuses: had the search read it, the search itself would fail.
        Path data = cifarWithTestBatch(new byte[] {1, 2, 3});
        Path out = dir.resolve("out");
        CliRun search = CliRun.of("search", spec(data).toString(), "-o", out.toString(), "--no-evaluate");
        assertEquals(0, search.exitCode(), search.toString());
        CliRun evaluate = CliRun.of("evaluate", "-o", out.toString());
        assertEquals(2, evaluate.exitCode(), evaluate.toString());
        assertTrue(evaluate.err().contains("test_batch.bin is truncated"), evaluate.err());
    }

    /** When the best trial is the baseline, the final check trains it once and reports it in both roles. */
    @Test
    void aBaselineThatIsAlsoTheBestIsRetrainedOnce() throws Exception {
        Path data = cifarWithTestBatch(null);
        Path out = dir.resolve("once");
        Path spec = Files.writeString(dir.resolve("once.json"), """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 600, "download": false},
                 "model": {"epochs": 1, "filters": 8, "dense_units": 16},
                 "search": {"space": {"learning_rate": [0.001]}},
                 "execution": {"master": "local[2]", "parallel_trials": 2, "seed": 5}}
                """.formatted(data));
        CliRun run = CliRun.of("search", spec.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run.toString());
        CliRun finals = CliRun.of("query", "-o", out.toString(),
                "SELECT role, trial_id, test_accuracy, train_seconds > 0 AS trained FROM final ORDER BY role DESC");
        assertEquals(List.of(List.of("best", "1", finals.rows().get(0).get(2), "true"),
                List.of("baseline", "1", finals.rows().get(0).get(2), "false")), finals.rows(), finals.toString());
        assertTrue(Files.isRegularFile(out.resolve("models/best.zip")) && Files.isRegularFile(out.resolve(
                "models/baseline.zip")), "both roles' networks are saved");
        assertEquals(Files.size(out.resolve("models/best.zip")), Files.size(out.resolve("models/baseline.zip")));
    }

    /** Each image mirrored left to right. */
    private static org.nd4j.linalg.api.ndarray.INDArray mirrored(org.nd4j.linalg.api.ndarray.INDArray images) {
        float[] pixels = images.dup('c').data().asFloat();
        float[] mirrored = new float[pixels.length];
        int width = (int) images.size(3);
        for (int i = 0; i < pixels.length; i++) {
            int x = i % width;
            mirrored[i] = pixels[i - x + width - 1 - x];
        }
        return org.nd4j.linalg.factory.Nd4j.create(mirrored, images.shape(), images.dataType());
    }

    /**
     * final_check.mode reuse: no retraining; each role is its trial's own network from the epoch the objective
     * picked, saved as plain DL4J reads it, and what the final table says is what that network scores.
     */
    @Test
    void aReusingCheckScoresTheTrialsOwnNetworkFromItsBestEpoch() throws Exception {
        Path data = cifarWithTestBatch(null);
        Path out = dir.resolve("reuse");
        Path spec = Files.writeString(dir.resolve("reuse.json"), """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": 1000, "download": false},
                 "model": {"epochs": 3, "filters": 8, "dense_units": 16, "tta": "mirror"},
                 "search": {"space": {"learning_rate": [0.001, 0.01]}},
                 "final_check": {"mode": "reuse"},
                 "execution": {"master": "local[2]", "parallel_trials": 2, "seed": 5}}
                """.formatted(data));
        CliRun run = CliRun.of("search", spec.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("each its trial's own network from its best epoch, not retrained"
                + " (final_check.mode reuse)"), run.out());
        CliRun finals = CliRun.of("query", "-o", out.toString(), "SELECT f.role, f.trial_id, f.epochs_trained, t.best_epoch,"
                + " f.train_seconds, f.test_accuracy FROM final f JOIN trials t ON f.trial_id = t.trial_id"
                + " ORDER BY f.role DESC");
        assertEquals(2, finals.rows().size(), finals.toString());
        for (List<String> row : finals.rows()) {
            assertEquals(row.get(3), row.get(2), "the trial's best epoch: " + row);
            assertEquals(0.0, Double.parseDouble(row.get(4)), "nothing retrained: " + row);
        }
        String bestTrial = finals.rows().get(0).get(1);
        Dl4jRuntime.configure();
        MultiLayerNetwork saved = ModelSerializer.restoreMultiLayerNetwork(out.resolve("models/best.zip").toFile());
        MultiLayerNetwork kept = ModelSerializer.restoreMultiLayerNetwork(
                out.resolve("trial-networks/trial-" + bestTrial + ".zip").toFile());
        assertEquals(kept.params(), saved.params(), "the best model is the trial's own network");
        LabeledImages test = new Cifar10Reader(data.toString()).testSet().all();
        Evaluation evaluation = new Evaluation(10);
        for (DataSet batch : TrainingData.batchesInOrder(test, 500)) {
            evaluation.eval(batch.getLabels(), saved.output(batch.getFeatures(), false)
                    .add(saved.output(mirrored(batch.getFeatures()), false)).muli(0.5));
        }
        assertEquals(Double.parseDouble(finals.rows().get(0).get(5)), evaluation.accuracy(), 1e-4,
                "plain DL4J on the saved model with its mirror image, the same test score");
    }
}
