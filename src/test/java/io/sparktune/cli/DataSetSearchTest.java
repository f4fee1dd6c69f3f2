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
