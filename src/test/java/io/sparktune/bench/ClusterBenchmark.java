package io.sparktune.bench;

import io.sparktune.cluster.MiniYarn;
import io.sparktune.cluster.SparkHome;
import io.sparktune.data.DataFiles;
import io.sparktune.results.TrialJournal;
import io.sparktune.trial.TrialResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;

/**
 * The same search submitted with spark-submit to three masters, one after another in one run: local[2];
 * a standalone cluster of two 1-core workers (jobs/cluster.sh, the driver shipping the data); and YARN
 * with two 1-core executors (MiniYarn, the data and the output on HDFS). Each row says the submission's
 * wall time, the trials' own training time, and the share of the wall time that is not training on the
 * two slots: start-up, scheduling, shipping data and networks, writing results. Run with
 * jobs/bench-cluster.sh. "gap" is the mean pause on a slot between one trial and the next.
 */
public final class ClusterBenchmark {
    private static final Path BASE = Path.of("target/bench-cluster").toAbsolutePath();
    private static final List<String> CIFAR = List.of("data_batch_1.bin", "test_batch.bin", "batches.meta.txt");

    private record Row(String master, double wallSeconds, List<TrialResult> trials, long submittedAt) {
        double trainingSeconds() {
            return trials.stream().mapToDouble(TrialResult::trainSeconds).sum();
        }

        /** When the first trial started, from the submission. */
        double firstTrialSeconds() {
            return (trials.stream().mapToLong(TrialResult::startedAt).min().orElse(submittedAt) - submittedAt) / 1e3;
        }

        /**
         * The mean pause between one trial's end and the next one's start on the same slot (slots
         * rebuilt from the timestamps: each trial takes the slot that freed up last before it started):
         * what Spark and the driver spend per trial, apart from start-up.
         */
        double meanGapSeconds() {
            List<TrialResult> byStart = trials.stream().sorted(Comparator.comparingLong(TrialResult::startedAt))
                    .toList();
            List<Long> slotsFreeAt = new ArrayList<>();
            double gaps = 0;
            int count = 0;
            for (TrialResult t : byStart) {
                int slot = -1;
                for (int s = 0; s < slotsFreeAt.size(); s++) {
                    if (slotsFreeAt.get(s) <= t.startedAt()
                            && (slot < 0 || slotsFreeAt.get(s) > slotsFreeAt.get(slot))) {
                        slot = s;
                    }
                }
                if (slot < 0) {
                    slotsFreeAt.add(t.finishedAt());
                } else {
                    gaps += (t.startedAt() - slotsFreeAt.get(slot)) / 1e3;
                    count++;
                    slotsFreeAt.set(slot, t.finishedAt());
                }
            }
            return count == 0 ? 0 : gaps / count;
        }

        double meanTrialSeconds() {
            return trials.stream().mapToDouble(t -> (t.finishedAt() - t.startedAt()) / 1e3).average().orElse(0);
        }

        /** When the last trial ended, from the submission: what follows is ranking, tables, report, exit. */
        double lastTrialSeconds() {
            return (trials.stream().mapToLong(TrialResult::finishedAt).max().orElse(submittedAt) - submittedAt) / 1e3;
        }
    }

    public static void main(String[] args) throws Exception {
        String spec = args.length > 0 ? args[0] : "conf/bench-cluster.json";
        Path cifar = Path.of("../shared/data/cifar-10-batches-bin").toAbsolutePath();
        deleteRecursively(BASE);
        Files.createDirectories(BASE);
        String sparkHome = SparkHome.assemble();
        System.out.printf(Locale.ROOT, "bench-cluster: %s, --no-evaluate, %d processors%n", spec,
                Runtime.getRuntime().availableProcessors());
        List<Row> rows = new ArrayList<>();

        rows.add(timed("local[2]", Map.of("SPARK_HOME", sparkHome), BASE.resolve("local").toString(),
                List.of("jobs/submit.sh", "--master", "local[2]", "--driver-memory", "3g", "--", "search", spec,
                        "-o", BASE.resolve("local").toString(), "--no-evaluate")));

        Map<String, String> cluster = Map.of("SPARK_HOME", sparkHome,
                "SPARKTUNE_CLUSTER_DIR", BASE.resolve("standalone-state").toString());
        run(cluster, "jobs/cluster.sh", "start", "2", "1", "3g");
        try {
            rows.add(timed("standalone, 2 workers", cluster, BASE.resolve("standalone").toString(),
                    List.of("jobs/cluster.sh", "submit", "--conf", "spark.scheduler.minRegisteredResourcesRatio=1.0",
                            "--", "search", spec, "-o", BASE.resolve("standalone").toString(), "--no-evaluate")));
        } finally {
            run(cluster, "jobs/cluster.sh", "stop");
        }

        try (MiniYarn yarn = MiniYarn.start(BASE.resolve("yarn"))) {
            yarn.upload(cifar, CIFAR, "/data/cifar");
            List<String> command = MiniYarn.submit(sparkHome, "client");
            command.addAll(List.of("--", "search", spec, "--data", "hdfs:///data/cifar", "-o", "hdfs:///runs/bench",
                    "--no-evaluate"));
            DataFiles.use(yarn.configuration());
            rows.add(timed("YARN, 2 containers", yarn.environment(sparkHome),
                    yarn.fs().getUri() + "/runs/bench", command));
            DataFiles.use(new Configuration());
        }

        System.out.printf(Locale.ROOT, "%n%-24s %8s %7s %11s %14s %13s %13s %10s %13s%n", "master", "wall s",
                "trials", "training s", "first trial s", "last ended s", "not training", "gap s", "gap / trial");
        for (Row row : rows) {
            System.out.printf(Locale.ROOT, "%-24s %8.1f %7d %11.1f %14.1f %13.1f %12.0f%% %10.2f %12.1f%%%n",
                    row.master(), row.wallSeconds(), row.trials().size(), row.trainingSeconds(),
                    row.firstTrialSeconds(), row.lastTrialSeconds(),
                    100 * (1 - row.trainingSeconds() / 2 / row.wallSeconds()), row.meanGapSeconds(),
                    100 * row.meanGapSeconds() / row.meanTrialSeconds());
        }
        Row local = rows.get(0);
        for (Row row : rows.subList(1, rows.size())) {
            System.out.printf(Locale.ROOT, "%s / local[2] wall: %.2f%n", row.master(),
                    row.wallSeconds() / local.wallSeconds());
        }
    }

    private static Row timed(String master, Map<String, String> environment, String output, List<String> command)
            throws Exception {
        long submittedAt = System.currentTimeMillis();
        long start = System.nanoTime();
        run(environment, command.toArray(String[]::new));
        double seconds = (System.nanoTime() - start) / 1e9;
        List<TrialResult> trials = new TrialJournal(output).readAll().stream()
                .sorted(Comparator.comparingInt(TrialResult::trialId)).toList();
        System.out.printf(Locale.ROOT, "%-24s %.1f s, %d trials%n", master, seconds, trials.size());
        return new Row(master, seconds, trials, submittedAt);
    }

    /** Runs {@code command} from the project's root; its output goes to a log, which a failure prints. */
    private static String run(Map<String, String> environment, String... command) throws Exception {
        Path log = Files.createTempFile(BASE, "run", ".log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(30, TimeUnit.MINUTES) || process.exitValue() != 0) {
            process.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed:\n" + Files.readString(log));
        }
        return Files.readString(log);
    }

    private static void deleteRecursively(Path path) throws Exception {
        if (!Files.exists(path)) {
            return;
        }
        try (var walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
