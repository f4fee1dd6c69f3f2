package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.model.Hyperparameters;
import io.sparktune.results.TrialJournal;
import io.sparktune.trial.TrialResult;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real searches in Spark local[2] on the other kinds of data: a folder of JPEGs and IDX files. */
class DataSetSearchTest {
    @TempDir
    Path dir;

    @Test
    void catsAndDogsFromAFolderOfJpegsWithAugmentationSearched() throws Exception {
        Path shared = RequiredData.catsVsDogs().toAbsolutePath();
        Path spec = dir.resolve("cats.json");
        Files.writeString(spec, """
                {"data": {"kind": "image_folder", "path": "%s", "image_size": 32, "test_fraction": 0.2},
                 "model": {"epochs": 1, "batch_size": 32, "filters": 8, "dense_units": 16},
                 "search": {"space": {"augment_flip": [false, true], "augment_crop": [0, 3]}},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """.formatted(shared));
        Path out = dir.resolve("cats-out");
        CliRun run = CliRun.of("search", spec.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("320 images of 32x32x3 in 2 classes (cats, dogs)"), run.out());
        List<TrialResult> trials = new TrialJournal(out.toString()).readAll();
        assertEquals(4, trials.size());
        assertTrue(trials.stream().allMatch(t -> t.status().column().equals("ok")), trials.toString());
        assertEquals(List.of(false, false, true, true), trials.stream().map(t -> t.model().get(Hyperparameters.AUGMENT_FLIP)).toList());
        assertEquals(List.of(0, 3, 0, 3), trials.stream().map(t -> t.model().get(Hyperparameters.AUGMENT_CROP)).toList());
        String summary = Files.readString(out.resolve("data.json"));
        assertTrue(summary.contains("\"classes\" : [ \"cats\", \"dogs\" ]"), summary);
        CliRun query = CliRun.of("query", "-o", out.toString(),
                "SELECT count(*) AS n FROM trials WHERE augment_flip AND augment_crop = 3");
        assertEquals("1", query.out().lines().skip(2).findFirst().orElse("").strip(), query.toString());
    }

    @Test
    void anImbalancedManifestIsSearchedWithClassWeightsForBalancedAccuracy() throws Exception {
        // Four cats for every dog, listed in a CSV as a labelling tool exports them, the split given.
        Path shared = RequiredData.catsVsDogs().toAbsolutePath();
        StringBuilder csv = new StringBuilder("path,label,split\n");
        for (int i = 0; i < 200; i++) {
            String split = i % 10 < 7 ? "train" : i % 10 < 9 ? "val" : "test";
            csv.append(shared.resolve("cats/cat." + i + ".jpg")).append(",cat,").append(split).append('\n');
            if (i % 4 == 0) {
                csv.append(shared.resolve("dogs/dog." + i + ".jpg")).append(",dog,").append(split).append('\n');
            }
        }
        Path manifest = Files.writeString(dir.resolve("pets.csv"), csv);
        Path spec = Files.writeString(dir.resolve("pets.json"), """
                {"data": {"kind": "image_manifest", "path": "%s", "image_size": 24},
                 "model": {"epochs": 2, "batch_size": 32, "filters": 8, "dense_units": 16},
                 "search": {"space": {"class_weights": ["none", "balanced"]}, "objective": "val_balanced_accuracy"},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """.formatted(manifest));
        Path out = dir.resolve("pets-out");
        CliRun run = CliRun.of("search", spec.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("in 2 classes (cat, dog)"), run.out());
        List<TrialResult> trials = new TrialJournal(out.toString()).readAll();
        assertEquals(2, trials.size(), "the baseline (none) and balanced");
        for (TrialResult trial : trials) {
            assertEquals("ok", trial.status().column(), trial.error());
        }
        CliRun query = CliRun.of("query", "-o", out.toString(), "SELECT t.class_weights, t.objective,"
                + " abs(t.best_objective - e.val_recall) < 1e-9 AS is_mean_recall FROM trials t JOIN epochs e"
                + " ON e.trial_id = t.trial_id AND e.epoch = t.best_epoch ORDER BY t.trial_id");
        assertEquals(0, query.exitCode(), query.toString());
        List<String> rows = query.out().lines().skip(2).map(String::strip).filter(l -> !l.isEmpty()).toList();
        assertTrue(rows.get(0).matches("none\\s+val_balanced_accuracy\\s+true"), query.out());
        assertTrue(rows.get(1).matches("balanced\\s+val_balanced_accuracy\\s+true"), query.out());
    }

    @Test
    void greyImagesFromIdxFilesGiveANetworkOfTheirShape() throws Exception {
        Path idx = dir.resolve("idx");
        Files.createDirectories(idx);
        int count = 300;
        ByteBuffer images = ByteBuffer.allocate(16 + count * 28 * 28).putInt(0x803).putInt(count).putInt(28).putInt(28);
        ByteBuffer labels = ByteBuffer.allocate(8 + count).putInt(0x801).putInt(count);
        Random random = new Random(1);
        for (int i = 0; i < count; i++) {
            int label = i % 5;
            labels.put((byte) label);
            for (int p = 0; p < 28 * 28; p++) {
                // Class k is bright in the k-th fifth of the rows: learnable in one epoch.
                images.put((byte) ((p / 28) / 6 == label ? 200 + random.nextInt(50) : random.nextInt(50)));
            }
        }
        Files.write(idx.resolve("train-images-idx3-ubyte"), images.array());
        Files.write(idx.resolve("train-labels-idx1-ubyte"), labels.array());
        Path spec = dir.resolve("idx.json");
        Files.writeString(spec, """
                {"data": {"kind": "idx", "path": "%s"},
                 "model": {"epochs": 4, "batch_size": 16, "filters": 8, "dense_units": 16},
                 "search": {"space": {"conv_layers": [1, 2]}},
                 "execution": {"master": "local[2]", "parallel_trials": 2}}
                """.formatted(idx));
        Path out = dir.resolve("idx-out");
        CliRun run = CliRun.of("search", spec.toString(), "-o", out.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("300 images of 28x28x1 in 5 classes (0, 1, 2, 3, 4)"), run.out());
        assertTrue(run.out().contains("has no test files, so the final check on unseen data is skipped"), run.out());
        for (TrialResult trial : new TrialJournal(out.toString()).readAll()) {
            assertEquals("ok", trial.status().column(), trial.error());
            assertTrue(trial.bestValAccuracy() > 0.6, "bands are learnable: " + trial.epochs());
        }
    }
}
