package io.sparktune.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.data.DataFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A search whose data and output live on a real HDFS (a NameNode and a DataNode in this JVM), named as a
 * cluster user names them, {@code hdfs:///...}, with the NameNode given only as
 * {@code spark.hadoop.fs.defaultFS}: every file is read and written with Spark's Hadoop configuration, or
 * the paths would not resolve. The search stops at its budget, resumes from the journal on HDFS, and ends
 * with the final check saving its models there.
 */
class HdfsSearchTest {
    @TempDir
    Path dir;

    @Test
    void aSearchOnHdfsResumesAndSavesItsModelsThere() throws Exception {
        Path cifar = RequiredData.cifar10();
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, dir.resolve("hdfs").toString());
        MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        try {
            FileSystem fs = hdfs.getFileSystem();
            for (String file : List.of("data_batch_1.bin", "test_batch.bin", "batches.meta.txt")) {
                fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(cifar.resolve(file).toUri()),
                        new org.apache.hadoop.fs.Path("/data/cifar/" + file));
            }
            System.setProperty("spark.hadoop.fs.defaultFS", fs.getUri().toString());
            Path spec = Files.writeString(dir.resolve("hdfs.json"), """
                    {"name": "on-hdfs",
                     "data": {"kind": "cifar10", "path": "hdfs:///data/cifar", "max_train_images": 400,
                              "download": false},
                     "model": {"epochs": 1, "filters": 8, "dense_units": 16},
                     "search": {"space": {"learning_rate": [0.001, 0.01]}, "budget": {"max_trials": 1}},
                     "execution": {"master": "local[2]"},
                     "output": "hdfs:///runs/a"}""");

            CliRun first = CliRun.of("search", spec.toString(), "--no-evaluate");
            assertEquals(0, first.exitCode(), first.toString());
            assertTrue(first.out().contains("max_trials (1) reached"), first.out());
            assertTrue(first.out().contains("(Parquet): trials, epochs, class_metrics, confusion\n"),
                    "no final check, so no final tables named: " + first.out());

            CliRun resumed = CliRun.of("search", spec.toString(), "--set", "search.budget.max_trials=2");
            assertEquals(0, resumed.exitCode(), resumed.toString());
            assertTrue(resumed.out().contains("resuming in " + fs.getUri() + "/runs/a: 1 trials already finished"
                    + " are kept"), resumed.out());
            assertTrue(resumed.out().contains("best - baseline on 10000 test images"), resumed.out());

            CliRun trials = CliRun.of("query", "-o", "hdfs:///runs/a",
                    "SELECT count(*) AS trials, count(DISTINCT trial_id) AS ids FROM trials");
            assertEquals(List.of(List.of("2", "2")), trials.rows(), trials.toString());
            for (String file : List.of("spec.json", "run.json", "journal/trial-000001.json",
                    "journal/trial-000002.json", "models/best.zip", "models/baseline.zip", "report.html")) {
                assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/runs/a/" + file)), file + " on HDFS");
            }
            assertTrue(!fs.exists(new org.apache.hadoop.fs.Path("/runs/a/.lock")), "the lock is released");
        } finally {
            System.clearProperty("spark.hadoop.fs.defaultFS");
            DataFiles.use(new Configuration());
            hdfs.shutdown();
        }
    }
}
