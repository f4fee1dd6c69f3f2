package io.sparktune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.data.DataFiles;
import io.sparktune.results.TrialJournal;
import io.sparktune.trial.TrialResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar submitted to YARN with Spark's own spark-submit, as most Spark users run it: a
 * ResourceManager, a NodeManager, a NameNode and a DataNode in this JVM (hadoop-client-minicluster, as
 * Spark's own YARN suites run them), the data, the spec and the output on HDFS, and the driver and the
 * executors in containers the NodeManager starts. Client and cluster deploy mode each run a grid search
 * whose every trial lands in the tables once. Runs in {@code mvn verify} after the jar is built.
 */
class YarnIT {
    private static final Path BASE = Path.of("target/yarn-it").toAbsolutePath();
    private static MiniYarn yarn;
    private static FileSystem fs;
    private static String sparkHome;
    private static Path specFile;

    @BeforeAll
    static void startYarnAndHdfs() throws Exception {
        Path cifar = RequiredData.cifar10().toAbsolutePath();
        deleteRecursively(BASE);
        Files.createDirectories(BASE);
        yarn = MiniYarn.start(BASE);
        fs = yarn.fs();
        yarn.upload(cifar, List.of("data_batch_1.bin", "test_batch.bin", "batches.meta.txt"), "/data/cifar");
        specFile = BASE.resolve("yarn.json");
        Files.writeString(specFile, """
                {"data": {"kind": "cifar10", "path": "hdfs:///data/cifar", "max_train_images": 600, "download": false},
                 "model": {"epochs": 1, "filters": 8, "dense_units": 16},
                 "search": {"space": {"learning_rate": [0.001, 0.01], "activation": ["relu", "tanh"]}},
                 "execution": {"seed": 5}}
                """, StandardCharsets.UTF_8);
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(specFile.toUri()),
                new org.apache.hadoop.fs.Path("/specs/yarn.json"));
        sparkHome = SparkHome.assemble();
    }

    @AfterAll
    static void stop() {
        DataFiles.use(new Configuration());
        if (yarn != null) {
            yarn.close();
        }
    }

    /** Client mode: the driver is the submitting process, and reads its spec from HDFS. */
    @Test
    void clientModeReadsTheSpecFromHdfsAndWritesTheOutputThere() throws Exception {
        Result submitted = submit("client", List.of(), "hdfs:///specs/yarn.json", "hdfs:///runs/client",
                "--no-evaluate");
        assertEquals(0, submitted.exitCode(), submitted.output());
        assertTrue(submitted.output().contains("Spark master yarn"), submitted.output());
        assertTrue(submitted.output().contains("beside its heap") && submitted.output().contains(
                "spark.executor.memoryOverhead="), "the containers are sized for ND4J's native memory");
        assertEveryTrialOnceOnHdfs("/runs/client", submitted.output());
    }

    /**
     * Cluster mode: the driver runs in the ApplicationMaster's container, the spec is shipped with
     * {@code --files} and named by its file name, and the console lands in the output folder.
     */
    @Test
    void clusterModeTakesTheSpecFromFilesAndKeepsTheConsoleInTheOutput() throws Exception {
        Result submitted = submit("cluster", List.of("--files", specFile.toString()), "yarn.json",
                "hdfs:///runs/cluster");
        assertEquals(0, submitted.exitCode(), submitted.output());
        assertEveryTrialOnceOnHdfs("/runs/cluster", submitted.output());
        String console = new String(fs.open(new org.apache.hadoop.fs.Path("/runs/cluster/console.log"))
                .readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(console.contains("Spark master yarn") && console.contains("Ranking by best validation accuracy")
                && console.contains("best - baseline on 10000 test images"), console);
        for (String file : List.of("models/best.zip", "models/baseline.zip", "report.html", "final")) {
            assertTrue(fs.exists(new org.apache.hadoop.fs.Path("/runs/cluster/" + file)), file + " on HDFS");
        }
    }

    private static void assertEveryTrialOnceOnHdfs(String output, String log) {
        DataFiles.use(yarn.configuration());
        List<TrialResult> trials = new TrialJournal(fs.getUri() + output).readAll();
        assertEquals(List.of(1, 2, 3, 4), trials.stream().map(TrialResult::trialId).toList(), log);
        Set<String> executors = trials.stream().map(TrialResult::executorId).collect(Collectors.toSet());
        assertTrue(!executors.contains("driver"), "trials ran in YARN containers: " + executors);
        assertEquals(2, executors.size(), "both executor containers trained: " + executors);
        io.sparktune.cli.CliRun query = io.sparktune.cli.CliRun.of("query", "-o", fs.getUri() + output,
                "SELECT count(*) AS n, count(DISTINCT trial_id) AS ids FROM trials");
        assertEquals(List.of(List.of("4", "4")), query.rows(), query.toString());
    }

    private static Result submit(String deployMode, List<String> options, String spec, String output,
                                 String... more) throws Exception {
        List<String> command = MiniYarn.submit(sparkHome, deployMode);
        command.addAll(options);
        command.addAll(List.of("--", "search", spec, "-o", output));
        command.addAll(List.of(more));
        return run(900, command);
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(int seconds, List<String> command) throws Exception {
        Path log = Files.createTempFile("sparktune-yarn-it", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(yarn.environment(sparkHome));
        builder.environment().put("SPARKTUNE_HOME", Path.of("target/sparktune-home").toAbsolutePath().toString());
        Process p = builder.start();
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out: " + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    private static void deleteRecursively(Path path) throws Exception {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
