package io.sparktune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.data.DataFiles;
import io.sparktune.results.TrialJournal;
import io.sparktune.trial.TrialResult;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;
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
    private static MiniDFSCluster hdfs;
    private static MiniYARNCluster yarn;
    private static FileSystem fs;
    private static String sparkHome;
    private static Path specFile;

    @BeforeAll
    static void startYarnAndHdfs() throws Exception {
        Path cifar = RequiredData.cifar10().toAbsolutePath();
        deleteRecursively(BASE);
        Files.createDirectories(BASE);
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, BASE.resolve("hdfs").toString());
        hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();
        fs = hdfs.getFileSystem();

        YarnConfiguration yarnConf = new YarnConfiguration(hdfs.getConfiguration(0));
        yarnConf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
        // hadoop-client-minicluster lacks capacity-scheduler.xml: one queue that takes everything.
        yarnConf.set("yarn.scheduler.capacity.root.queues", "default");
        yarnConf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
        yarnConf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
        yarnConf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
        yarnConf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
        yarnConf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
        yarnConf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
        yarnConf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
        yarnConf.set("yarn.resourcemanager.hostname", "127.0.0.1");
        yarnConf.setInt(YarnConfiguration.NM_PMEM_MB, 8192);
        yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 4096);
        yarnConf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        yarn = new MiniYARNCluster("sparktune-yarn-it", 1, 1, 1);
        yarn.init(yarnConf);
        yarn.start();
        // start() may return before the ResourceManager has put its port in the configuration.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS).endsWith(":0")) {
            assertTrue(System.nanoTime() < deadline, "the ResourceManager did not come up");
            Thread.sleep(100);
        }
        // What a cluster's client machine has in HADOOP_CONF_DIR: where HDFS and the ResourceManager are.
        Configuration client = new Configuration(false);
        client.set("fs.defaultFS", fs.getUri().toString());
        for (var entry : yarn.getConfig()) {
            if (entry.getKey().startsWith("yarn.resourcemanager.") && entry.getKey().endsWith("address")) {
                client.set(entry.getKey(), yarn.getConfig().get(entry.getKey()));
            }
        }
        Path confDir = Files.createDirectories(BASE.resolve("conf"));
        for (String site : List.of("core-site.xml", "yarn-site.xml")) {
            try (OutputStream out = Files.newOutputStream(confDir.resolve(site))) {
                client.writeXml(out);
            }
        }
        for (String file : List.of("data_batch_1.bin", "test_batch.bin", "batches.meta.txt")) {
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(cifar.resolve(file).toUri()),
                    new org.apache.hadoop.fs.Path("/data/cifar/" + file));
        }
        specFile = BASE.resolve("yarn.json");
        Files.writeString(specFile, """
                {"data": {"kind": "cifar10", "path": "hdfs:///data/cifar", "max_train_images": 600, "download": false},
                 "model": {"epochs": 1, "filters": 8, "dense_units": 16},
                 "search": {"space": {"learning_rate": [0.001, 0.01], "activation": ["relu", "tanh"]}},
                 "execution": {"seed": 5}}
                """, StandardCharsets.UTF_8);
        fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(specFile.toUri()),
                new org.apache.hadoop.fs.Path("/specs/yarn.json"));
        Result home = run(900, List.of("jobs/spark-home.sh"));
        assertEquals(0, home.exitCode(), home.output());
        String last = home.output().strip().lines().reduce((a, b) -> b).orElseThrow();
        sparkHome = last.substring(last.indexOf('/'));
    }

    @AfterAll
    static void stop() {
        DataFiles.use(new Configuration());
        if (yarn != null) {
            yarn.stop();
        }
        if (hdfs != null) {
            hdfs.shutdown();
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
        DataFiles.use(yarn.getConfig());
        List<TrialResult> trials = new TrialJournal(fs.getUri() + output).readAll();
        assertEquals(List.of(1, 2, 3, 4), trials.stream().map(TrialResult::trialId).toList(), log);
        Set<String> executors = trials.stream().map(TrialResult::executorId).collect(Collectors.toSet());
        assertTrue(!executors.contains("driver"), "trials ran in YARN containers: " + executors);
        io.sparktune.cli.CliRun query = io.sparktune.cli.CliRun.of("query", "-o", fs.getUri() + output,
                "SELECT count(*) AS n, count(DISTINCT trial_id) AS ids FROM trials");
        assertEquals(List.of(List.of("4", "4")), query.rows(), query.toString());
    }

    private static Result submit(String deployMode, List<String> options, String spec, String output,
                                 String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of("jobs/submit.sh", "--master", "yarn",
                "--deploy-mode", deployMode, "--num-executors", "2", "--executor-cores", "1",
                "--executor-memory", "1g", "--driver-memory", "1g",
                // The Spark jars are on this host's disk already: containers use them in place.
                "--conf", "spark.yarn.jars=local:" + sparkHome + "/jars/*",
                "--conf", "spark.yarn.appMasterEnv.JAVA_HOME=" + System.getProperty("java.home"),
                "--conf", "spark.executorEnv.JAVA_HOME=" + System.getProperty("java.home")));
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
        builder.environment().put("HADOOP_CONF_DIR", BASE.resolve("conf").toString());
        builder.environment().put("YARN_CONF_DIR", BASE.resolve("conf").toString());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARKTUNE_HOME", Path.of("target/sparktune-home").toAbsolutePath().toString());
        if (sparkHome != null) {
            builder.environment().put("SPARK_HOME", sparkHome);
        }
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
