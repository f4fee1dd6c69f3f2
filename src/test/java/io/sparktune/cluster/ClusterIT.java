package io.sparktune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.S3Server;
import io.sparktune.cli.CliRun;
import io.sparktune.data.DataFiles;
import io.sparktune.results.TrialJournal;
import io.sparktune.trial.TrialResult;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The shaded jar on a real Spark standalone cluster on this machine (jobs/cluster.sh): a master and two
 * workers on 127.0.0.1 with authentication on, submitted through Spark's own SparkSubmit, executors in
 * their own JVMs. The second worker stands for a host that shares no disk with the driver: it runs in a
 * mount namespace of its own with an empty tmpfs over the folder that holds every search's output, so
 * what the driver writes there is invisible to it and what it might write there is invisible to the
 * driver. Runs in {@code mvn verify} after the jar is built.
 */
class ClusterIT {
    private static final Path STATE = Path.of("target/it-cluster");
    private static final Path WORK = Path.of("target/it-work");
    private static String port;
    private static String sparkHome;
    private static Path cifar;

    @BeforeAll
    static void startCluster() throws Exception {
        Path shared = RequiredData.cifar10();
        cifar = shared.toAbsolutePath();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = Integer.toString(socket.getLocalPort());
        }
        // A fresh checkout has no SPARK_HOME yet: assemble it from Maven's Spark jars, as a user would.
        sparkHome = SparkHome.assemble();
        assertTrue(Files.isDirectory(Path.of(sparkHome, "jars")), "SPARK_HOME " + sparkHome);
        run(120, "jobs/cluster.sh", "stop");
        Files.createDirectories(WORK);
        Result started = run(180, "jobs/cluster.sh", "start", "2", "1", "3g");
        RequiredData.need(!started.output().contains("cannot give workers a private view"),
                "a private mount namespace for the second worker (root, unshare -m)");
        assertEquals(0, started.exitCode(), started.output());
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (port != null) {
            run(120, "jobs/cluster.sh", "stop");
        }
    }

    @Test
    void theSecondWorkerSeesNoneOfTheOutputFolder() throws Exception {
        Path marker = WORK.resolve("driver-side-" + System.nanoTime());
        Files.writeString(marker, "written where the driver runs");
        long second = Long.parseLong(Files.readString(STATE.resolve("worker-2.pid")).strip());
        long first = Long.parseLong(Files.readString(STATE.resolve("worker-1.pid")).strip());
        assertEquals(mountNamespace(ProcessHandle.current().pid()), mountNamespace(first), "worker 1 shares our disk");
        assertNotEquals(mountNamespace(ProcessHandle.current().pid()), mountNamespace(second));
        assertTrue(seenByWorker(first, WORK).contains(marker.getFileName().toString()));
        assertTrue(seenByWorker(second, WORK).isEmpty(), "worker 2 sees an empty folder: " + seenByWorker(second, WORK));
    }

    /**
     * A grid search whose data and output are both in the folder the second worker cannot see: the driver
     * ships the images (and, for the final check, the test set) through Spark and writes every result.
     */
    @Test
    void aSearchRunsInExecutorJvmsAndFillsTheTables() throws Exception {
        Path out = WORK.resolve("four-trials-" + System.nanoTime());
        Path data = WORK.resolve("cifar-on-the-driver");
        Files.createDirectories(data);
        for (String file : List.of("data_batch_1.bin", "test_batch.bin", "batches.meta.txt")) {
            Files.copy(cifar.resolve(file), data.resolve(file), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        Result submitted = submit(spec("four", "[0.001, 0.01]", 1000, 1, "", data.toAbsolutePath()), out);
        assertEquals(0, submitted.exitCode(), submitted.output());
        assertTrue(submitted.output().contains("the driver reads it and ships its"), submitted.output());
        assertTrue(submitted.output().contains("Spark master spark://127.0.0.1:" + port), submitted.output());

        List<TrialResult> trials = new TrialJournal(out.toString()).readAll();
        assertEquals(List.of(1, 2, 3, 4), trials.stream().map(TrialResult::trialId).toList());
        Set<String> executors = trials.stream().map(TrialResult::executorId).collect(Collectors.toSet());
        assertTrue(!executors.contains("driver") && executors.size() == 2,
                "trials ran in both executor JVMs: " + executors);
        CliRun query = CliRun.of("query", "-o", out.toString(),
                "SELECT count(*) AS n, count(DISTINCT trial_id) AS ids, min(status) AS s FROM trials");
        assertEquals(List.of(List.of("4", "4", "ok")), query.rows(), query.toString());
        assertTrue(Files.exists(out.resolve("models/best.zip")) && Files.exists(out.resolve("report.html")),
                "the final check's networks and the report are on the driver's disk");
        assertTrue(seenByWorker(secondWorker(), WORK).isEmpty(), "no executor wrote into the output folder");

        String secret = Files.readAllLines(STATE.resolve("secret.conf")).stream()
                .filter(l -> l.startsWith("spark.authenticate.secret")).findFirst().orElseThrow().split("\\s+")[1];
        assertTrue(secret.length() >= 32);
        assertTrue(!submitted.output().contains(secret), "the secret is not printed by the submit");
        try (var logs = Files.list(STATE)) {
            for (Path log : logs.filter(p -> p.toString().endsWith(".log")).toList()) {
                assertTrue(!Files.readString(log).contains(secret), "the secret is not in " + log);
            }
        }
    }

    /**
     * Spark's driver tries to register three times, 20 seconds apart, before it gives up: this test waits
     * beside the others, as its driver never gets an executor they could want.
     */
    @Test
    @Execution(ExecutionMode.CONCURRENT)
    void aSubmitWithoutTheSecretIsRefused() throws Exception {
        Path out = WORK.resolve("no-secret-" + System.nanoTime());
        Result refused = run(300, "jobs/submit.sh", "--master", "spark://127.0.0.1:" + port,
                "--conf", "spark.master.rest.enabled=false", "--",
                "search", spec("refused", "[0.001]", 200, 1).toString(), "-o", out.toString());
        assertNotEquals(0, refused.exitCode(), refused.output());
        assertTrue(refused.output().contains("Expected SaslMessage"), "refused for want of authentication: "
                + refused.output());
        assertTrue(!Files.exists(out.resolve("journal")), "no trial ran");
    }

    /**
     * Successive halving across the two hosts, with the executor given trial 3 killed as it starts it.
     * Each rung's network comes back to the driver, which stores it and ships it to whichever executor
     * continues the trial (Spark retries the killed one's task elsewhere): every trial
     * is in the tables once, and a trial promoted to 2 epochs has the curve that 2 epochs in one go give
     * (the same trial of a grid search with the same seed, run with its data and output in S3).
     */
    @Test
    void halvingContinuesExactlyThroughAKilledExecutorOnHostsThatShareNoDisk() throws Exception {
        String rates = "[0.001, 0.003]";
        // The uninterrupted reference runs with its data and output in S3, the keys given only as Spark
        // settings: the executors on both hosts read the images through S3A themselves.
        Map<Integer, TrialResult> unbroken = new TreeMap<>();
        try (S3Server s3 = S3Server.start("data", "runs")) {
            String data = s3.uploadCifar10(cifar, "data", "cifar");
            List<String> conf = new ArrayList<>();
            s3.settings(S3Server.SECRET).forEach((key, value) -> conf.addAll(List.of("--conf", key + "=" + value)));
            Result full = submit(spec("full", rates, 1200, 2, "", data), "s3a://runs/grid", conf, "--no-evaluate");
            assertEquals(0, full.exitCode(), full.output());
            assertTrue(!full.output().contains("ships its"), "nothing shipped: " + full.output());
            assertEquals(List.of(), full.output().lines().filter(l -> l.contains(S3Server.SECRET)).toList(),
                    "the key is not printed");
            DataFiles.use(s3.hadoop());
            try {
                new TrialJournal("s3a://runs/grid").readAll().forEach(r -> unbroken.put(r.trialId(), r));
            } finally {
                DataFiles.use(new Configuration());
            }
            assertEquals(4, unbroken.size(), full.output());
            assertTrue(unbroken.values().stream().map(TrialResult::executorId).distinct().count() == 2,
                    "both hosts read from S3: " + full.output());
        }

        Path out = WORK.resolve("killed-executor-" + System.nanoTime());
        Path spec = spec("kill", rates, 1200, 2, """
                , "strategy": "halving", "halving": {"eta": 2, "min_epochs": 1, "max_epochs": 2}""");
        // The executor given trial 3 halts, as kill -9 would, when it starts training it: a point the search
        // reaches by its own progress (2 trials started before it), not one a test catches by timing.
        Result search = submit(spec, out.toString(), List.of("--conf",
                "spark.sparktune.test.halt=trial-3"), "--no-evaluate");
        String log = search.output();
        assertEquals(0, search.exitCode(), log);
        String workers = Files.readString(STATE.resolve("worker-1.log")) + Files.readString(STATE.resolve("worker-2.log"));
        assertTrue(workers.contains("exitStatus 137"), "an executor was killed: " + workers);

        List<TrialResult> trials = new TrialJournal(out.toString()).readAll();
        assertEquals(List.of(1, 2, 3, 4), trials.stream().map(TrialResult::trialId).toList(), log);
        for (TrialResult r : trials) {
            assertEquals(r.rung() + 1, r.epochs().size(), "trial " + r.trialId() + " trained to its rung: " + log);
            assertTrue(Files.exists(out.resolve(String.format("checkpoints/trial-%06d-rung-0.zip", r.trialId()))),
                    "the driver stored rung 0 of trial " + r.trialId());
        }
        List<TrialResult> promoted = trials.stream().filter(r -> r.rung() == 1).toList();
        assertTrue(promoted.size() >= 2, "the best half went on: " + promoted.size());
        for (TrialResult trial : promoted) {
            TrialResult whole = unbroken.get(trial.trialId());
            assertEquals(whole.model(), trial.model(), "the same configuration under the same id");
            for (int e = 0; e < 2; e++) {
                assertEquals(whole.epochs().get(e).valAccuracy(), trial.epochs().get(e).valAccuracy(),
                        "trial " + trial.trialId() + " epoch " + (e + 1));
                assertEquals(whole.epochs().get(e).trainLoss(), trial.epochs().get(e).trainLoss(), 1e-6,
                        "trial " + trial.trialId() + " epoch " + (e + 1));
            }
        }
        CliRun query = CliRun.of("query", "-o", out.toString(),
                "SELECT count(*) AS n, count(DISTINCT trial_id) AS ids FROM trials");
        assertEquals(List.of(List.of("4", "4")), query.rows(), "each trial once: " + query);
        assertTrue(seenByWorker(secondWorker(), WORK).isEmpty(), "no executor wrote into the output folder");
    }

    private static Path spec(String name, String rates, int images, int epochs) throws Exception {
        return spec(name, rates, images, epochs, "");
    }

    private static Path spec(String name, String rates, int images, int epochs, String search) throws Exception {
        return spec(name, rates, images, epochs, search, cifar);
    }

    /** {@code search}: more fields of the search section, each after a comma. */
    private static Path spec(String name, String rates, int images, int epochs, String search, Object data)
            throws Exception {
        Path spec = WORK.resolve(name + ".json");
        Files.writeString(spec, """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": %d},
                 "model": {"epochs": %d, "filters": 16},
                 "search": {"space": {"learning_rate": %s, "activation": ["relu", "tanh"]}%s},
                 "execution": {"seed": 11}}
                """.formatted(data, images, epochs, rates, search));
        return spec;
    }

    private static long secondWorker() throws Exception {
        return Long.parseLong(Files.readString(STATE.resolve("worker-2.pid")).strip());
    }

    private static String mountNamespace(long pid) {
        try {
            return Files.readSymbolicLink(Path.of("/proc", Long.toString(pid), "ns", "mnt")).toString();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** What the process {@code pid} sees in {@code folder}: its entries, read through its own mounts. */
    private static List<String> seenByWorker(long pid, Path folder) throws Exception {
        Path root = Path.of("/proc", Long.toString(pid), "root").resolve(folder.toAbsolutePath().toString().substring(1));
        try (var entries = Files.list(root)) {
            return entries.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    /**
     * The example project's residual graph, from its own jar given with spark-submit's --jars: found by its
     * ServiceLoader name in the executors' JVMs, searched by halving, its network checked and saved.
     */
    @Test
    void theExamplesBuilderRunsInExecutorsFromItsJar() throws Exception {
        Path jar = ExampleProject.jar();
        Path out = WORK.resolve("example-" + System.nanoTime());
        List<String> more = new ArrayList<>(List.of("--data", cifar.toString()));
        more.addAll(ExampleProjectIT.small());
        Result submitted = submit(ExampleProject.SPEC, out.toString(), List.of("--jars", jar.toString()),
                more.toArray(String[]::new));
        assertEquals(0, submitted.exitCode(), submitted.output());
        assertTrue(submitted.output().contains("sparktune: network: builder residual"), submitted.output());
        List<TrialResult> trials = new TrialJournal(out.toString()).readAll();
        assertTrue(trials.stream().noneMatch(t -> "driver".equals(t.executorId())), "trained in executors: " + trials);
        ExampleProjectIT.checkTables(out);
    }

    private static Result submit(Path spec, Path out, String... more) throws Exception {
        return submit(spec, out.toString(), List.of(), more);
    }

    /** {@code conf}: spark-submit's own arguments, before the search's. */
    private static Result submit(Path spec, String out, List<String> conf, String... more) throws Exception {
        List<String> command = new ArrayList<>(List.of("jobs/cluster.sh", "submit",
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0"));
        command.addAll(conf);
        command.addAll(List.of("--", "search", spec.toString(), "-o", out));
        command.addAll(List.of(more));
        return run(600, command.toArray(String[]::new));
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(int seconds, String... command) throws Exception {
        Path log = Files.createTempFile("sparktune-it", ".log");
        Process p = start(List.of(command), log);
        if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out: " + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }

    private static Process start(List<String> command, Path log) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPARKTUNE_CLUSTER_DIR", STATE.toAbsolutePath().toString());
        builder.environment().put("SPARKTUNE_MASTER_PORT", port);
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARKTUNE_PRIVATE_DIRS", WORK.toAbsolutePath().toString());
        // The searches it submits keep the pace they measure here, not in the user's home.
        builder.environment().put("SPARKTUNE_HOME", Path.of("target/sparktune-home").toAbsolutePath().toString());
        if (sparkHome != null) {
            builder.environment().put("SPARK_HOME", sparkHome);
        }
        return builder.start();
    }
}
