package io.sparktune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.RequiredData;
import io.sparktune.cli.CliRun;
import io.sparktune.results.TrialJournal;
import io.sparktune.trial.TrialResult;
import java.io.File;
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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shaded jar on a real Spark standalone cluster on this machine (jobs/cluster.sh): a master and two
 * workers on 127.0.0.1 with authentication on, submitted through Spark's own SparkSubmit, executors in
 * their own JVMs. Runs in {@code mvn verify} after the jar is built.
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
        Result home = run(900, "jobs/spark-home.sh");
        assertEquals(0, home.exitCode(), home.output());
        // The last line is the path; anything a tool printed before it on that line (colour codes) is not.
        String last = home.output().strip().lines().reduce((a, b) -> b).orElseThrow();
        sparkHome = last.substring(last.indexOf('/'));
        assertTrue(Files.isDirectory(Path.of(sparkHome, "jars")), "SPARK_HOME " + sparkHome);
        run(120, "jobs/cluster.sh", "stop");
        Result started = run(180, "jobs/cluster.sh", "start", "2", "1", "3g");
        assertEquals(0, started.exitCode(), started.output());
        Files.createDirectories(WORK);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (port != null) {
            run(120, "jobs/cluster.sh", "stop");
        }
    }

    @Test
    void aSearchRunsInExecutorJvmsAndFillsTheTables() throws Exception {
        Path out = WORK.resolve("four-trials-" + System.nanoTime());
        Result submitted = submit(spec("four", "[0.001, 0.01]", 1000, 1), out);
        assertEquals(0, submitted.exitCode(), submitted.output());
        assertTrue(submitted.output().contains("Spark master spark://127.0.0.1:" + port), submitted.output());

        List<TrialResult> trials = new TrialJournal(out.toString()).readAll();
        assertEquals(List.of(1, 2, 3, 4), trials.stream().map(TrialResult::trialId).toList());
        Set<String> executors = trials.stream().map(TrialResult::executorId).collect(Collectors.toSet());
        assertTrue(!executors.contains("driver") && executors.size() == 2,
                "trials ran in both executor JVMs: " + executors);
        CliRun query = CliRun.of("query", "-o", out.toString(),
                "SELECT count(*) AS n, count(DISTINCT trial_id) AS ids, min(status) AS s FROM trials");
        assertEquals(List.of(List.of("4", "4", "ok")), query.rows(), query.toString());

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

    @Test
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

    @Test
    void aKilledExecutorLosesNoTrialAndDuplicatesNone() throws Exception {
        Path out = WORK.resolve("killed-executor-" + System.nanoTime());
        Path spec = spec("kill", "[0.001, 0.002, 0.003, 0.004]", 2000, 2);
        Process search = start(List.of("jobs/cluster.sh", "submit", "--",
                "search", spec.toString(), "-o", out.toString()), WORK.resolve("kill.log"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (journalSize(out) == 0 && search.isAlive() && System.nanoTime() < deadline) {
            Thread.sleep(100);
        }
        List<Long> executors = executorPids();
        assertTrue(!executors.isEmpty(), "no executor JVM found");
        ProcessHandle.of(executors.get(0)).ifPresent(ProcessHandle::destroyForcibly);
        int finishedAtKill = journalSize(out);
        assertTrue(search.waitFor(300, TimeUnit.SECONDS), "the search did not finish");
        String log = Files.readString(WORK.resolve("kill.log"));
        assertEquals(0, search.exitValue(), log);
        assertTrue(finishedAtKill < 8, "the executor should die mid-search, not after it");
        Map<Integer, String> status = new TreeMap<>();
        for (TrialResult r : new TrialJournal(out.toString()).readAll()) {
            status.put(r.trialId(), r.status().column());
        }
        assertEquals(8, status.size(), log);
        CliRun query = CliRun.of("query", "-o", out.toString(),
                "SELECT count(*) AS n, count(DISTINCT trial_id) AS ids FROM trials");
        assertEquals(List.of(List.of("8", "8")), query.rows(), "each trial once: " + query);
    }

    private static Path spec(String name, String rates, int images, int epochs) throws Exception {
        Path spec = WORK.resolve(name + ".json");
        Files.writeString(spec, """
                {"data": {"kind": "cifar10", "path": "%s", "max_train_images": %d},
                 "model": {"epochs": %d, "filters": 16},
                 "search": {"space": {"learning_rate": %s, "activation": ["relu", "tanh"]}},
                 "execution": {"seed": 11}}
                """.formatted(cifar, images, epochs, rates));
        return spec;
    }

    private static Result submit(Path spec, Path out) throws Exception {
        return run(600, "jobs/cluster.sh", "submit",
                "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0", "--",
                "search", spec.toString(), "-o", out.toString());
    }

    private static int journalSize(Path out) {
        File[] files = out.resolve(TrialJournal.FOLDER).toFile()
                .listFiles((d, n) -> n.startsWith("trial-") && n.endsWith(".json"));
        return files == null ? 0 : files.length;
    }

    private static List<Long> executorPids() {
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().orElse("").contains("CoarseGrainedExecutorBackend"))
                .map(ProcessHandle::pid).toList();
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
        // The searches it submits keep the pace they measure here, not in the user's home.
        builder.environment().put("SPARKTUNE_HOME", Path.of("target/sparktune-home").toAbsolutePath().toString());
        if (sparkHome != null) {
            builder.environment().put("SPARK_HOME", sparkHome);
        }
        return builder.start();
    }
}
