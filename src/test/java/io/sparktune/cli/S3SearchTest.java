package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.S3Server;
import io.sparktune.data.DataFiles;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search whose data and output live in S3 buckets, reached through Hadoop's S3A connector with the
 * endpoint and the keys given only as {@code spark.hadoop.fs.s3a.*} settings, as on a cluster. The search
 * stops at its budget, resumes from the journal in the bucket, and ends with the final check's models, the
 * tables and the report there.
 */
class S3SearchTest {
    private static S3Server s3;

    @TempDir
    Path dir;

    @BeforeAll
    static void startServer() throws Exception {
        s3 = S3Server.start("data", "runs");
    }

    @AfterAll
    static void stopServer() throws Exception {
        s3.close();
    }

    @AfterEach
    void forgetSettings() throws Exception {
        s3.settings(S3Server.SECRET).keySet().forEach(System::clearProperty);
        DataFiles.use(new Configuration());
        FileSystem.closeAll();
    }

    private static void useS3(String secret) {
        s3.settings(secret).forEach(System::setProperty);
    }

    @Test
    void aSearchInS3ResumesAndKeepsEverythingInTheBucket() throws Exception {
        String data = s3.uploadCifar10(RequiredData.cifar10(), "data", "cifar");
        useS3(S3Server.SECRET);
        Path spec = Files.writeString(dir.resolve("s3.json"), """
                {"name": "in-s3",
                 "data": {"kind": "cifar10", "path": "%s", "max_train_images": 400, "download": false},
                 "model": {"epochs": 1, "filters": 8, "dense_units": 16},
                 "search": {"space": {"learning_rate": [0.001, 0.01]}, "budget": {"max_trials": 1}},
                 "execution": {"master": "local[2]"},
                 "output": "s3a://runs/a"}""".formatted(data));

        CliRun first = CliRun.of("search", spec.toString(), "--no-evaluate");
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.out().contains("max_trials (1) reached"), first.out());

        CliRun resumed = CliRun.of("search", spec.toString(), "--set", "search.budget.max_trials=2");
        assertEquals(0, resumed.exitCode(), resumed.toString());
        assertTrue(resumed.out().contains("resuming in s3a://runs/a: 1 trials already finished are kept"),
                resumed.out());
        assertTrue(resumed.out().contains("best - baseline on 10000 test images"), resumed.out());

        CliRun trials = CliRun.of("query", "-o", "s3a://runs/a",
                "SELECT count(*) AS trials, count(DISTINCT trial_id) AS ids FROM trials");
        assertEquals(List.of(List.of("2", "2")), trials.rows(), trials.toString());
        FileSystem runs = FileSystem.get(URI.create("s3a://runs/"), s3.hadoop());
        for (String file : List.of("spec.json", "run.json", "console.log", "journal/trial-000001.json",
                "journal/trial-000002.json", "models/best.zip", "models/baseline.zip", "report.html")) {
            assertTrue(runs.exists(new org.apache.hadoop.fs.Path("s3a://runs/a/" + file)), file + " in the bucket");
        }
        assertFalse(runs.exists(new org.apache.hadoop.fs.Path("s3a://runs/a/.lock")), "the lock is released");
    }

    @Test
    void aBucketThatIsNotThereOrAWrongKeyIsNamedAndNothingRuns() throws Exception {
        Path spec = Files.writeString(dir.resolve("s3.json"), """
                {"name": "in-s3",
                 "data": {"kind": "cifar10", "path": "%s", "max_train_images": 400, "download": false},
                 "model": {"epochs": 1},
                 "search": {"space": {"learning_rate": [0.001, 0.01]}},
                 "execution": {"master": "local[2]"}}""".formatted(RequiredData.cifar10()));

        useS3(S3Server.SECRET);
        CliRun missing = CliRun.of("search", spec.toString(), "-o", "s3a://no-such-bucket/run");
        assertEquals(2, missing.exitCode(), missing.toString());
        assertTrue(missing.err().contains("output folder s3a://no-such-bucket/run"), missing.err());
        assertFalse(missing.out().contains("trial 1"), missing.out());

        CliRun noData = CliRun.of("search", spec.toString(), "--data", "s3a://no-such-bucket/cifar", "-o",
                dir.resolve("out").toString());
        assertEquals(2, noData.exitCode(), noData.toString());
        assertTrue(noData.err().contains("s3a://no-such-bucket/cifar"), noData.err());
        assertFalse(noData.out().contains("trial 1"), noData.out());

        useS3("a-wrong-secret");
        CliRun refused = CliRun.of("search", spec.toString(), "-o", "s3a://runs/refused");
        assertEquals(2, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("s3a://runs/refused") && refused.err().contains("Forbidden"),
                refused.err());
        assertFalse(refused.out().contains("trial 1"), refused.out());
        assertFalse(refused.err().contains(S3Server.SECRET), "the key is never printed");
    }
}
