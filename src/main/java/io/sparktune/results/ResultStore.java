package io.sparktune.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparktune.data.DataFiles;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecReader;
import io.sparktune.input.UserInputException;
import io.sparktune.trial.FinalResult;
import io.sparktune.trial.TrialResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;

/**
 * A search's output folder: {@code spec.json} (what produced it, written before the first trial), the
 * {@link TrialJournal} (each trial as it finishes) and the Parquet tables {@code trials} and
 * {@code epochs}, rebuilt from the journal. The only place that writes results, and the place that
 * registers them as views.
 */
public final class ResultStore implements AutoCloseable {
    public static final String SPEC_FILE = "spec.json";
    public static final String DATA_FILE = "data.json";
    public static final String RUN_FILE = "run.json";
    static final String LOCK_FILE = ".lock";
    public static final List<String> TABLES = List.of("trials", "epochs", "class_metrics", "confusion", "final",
            "final_class_metrics", "final_confusion");

    private final String folder;
    private boolean locked;

    public ResultStore(String folder) {
        this.folder = DataFiles.qualify(folder);
    }

    public String folder() {
        return folder;
    }

    public TrialJournal journal() {
        return new TrialJournal(folder);
    }

    /**
     * Claims the folder for {@code spec} and returns the trials already finished there: none for a new
     * folder, the journal's for a rerun of the same search (resume). A file, or a folder holding another
     * search or something else, is refused before anything is written.
     */
    public List<TrialResult> open(SearchSpec spec) {
        FileStatus status = DataFiles.status(folder);
        if (status != null && !status.isDirectory()) {
            throw new UserInputException("output path " + folder + " is a file, not a folder; pass another --output");
        }
        java.util.Optional<SearchSpec> stored = storedSpec();
        if (stored.isPresent()) {
            String difference = firstDifference(identity(stored.get()), identity(spec), "");
            if (difference != null) {
                throw new UserInputException("output folder " + folder + " holds a different search ("
                        + difference + "); pass another --output, or remove that folder to start over");
            }
            lock();
            return journal().readAll();
        }
        if (status != null && DataFiles.hasEntries(folder)) {
            throw new UserInputException("output folder " + folder + " is not empty and holds no sparktune search;"
                    + " pass another --output");
        }
        lock();
        writeFile(SPEC_FILE, false, out -> out.write(spec.source().getBytes(StandardCharsets.UTF_8)));
        return List.of();
    }

    /** The spec of the search this folder holds, as it was run; empty for a folder without one. */
    public java.util.Optional<SearchSpec> storedSpec() {
        if (DataFiles.status(folder, SPEC_FILE) == null) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(new SpecReader().read(new String(DataFiles.readAll(folder, SPEC_FILE),
                StandardCharsets.UTF_8), new Path(folder, SPEC_FILE).toString(), "search", List.of()));
    }

    /** The spec of the search this folder holds; a folder without one is the user's mistake, said so. */
    public SearchSpec searchSpec() {
        return storedSpec().orElseThrow(() -> new UserInputException("output folder " + folder
                + " holds no search (no " + SPEC_FILE + "); run a search into it first"));
    }

    /**
     * Marks the folder as in use by this process until {@link #close()}. A lock left by a process that is
     * gone (a killed driver on this machine) is taken over, so a rerun can resume.
     */
    private void lock() {
        String me = ProcessHandle.current().pid() + "@" + LocalHost.name();
        if (DataFiles.status(folder, LOCK_FILE) != null) {
            String holder = new String(DataFiles.readAll(folder, LOCK_FILE), StandardCharsets.UTF_8).strip();
            if (!isGone(holder)) {
                throw new UserInputException("output folder " + folder + " is in use by another search (process "
                        + holder + "); wait for it, or delete " + new Path(folder, LOCK_FILE)
                        + " if that search is no longer running");
            }
        }
        writeFile(LOCK_FILE, true, out -> out.write(me.getBytes(StandardCharsets.UTF_8)));
        locked = true;
    }

    /** Only a holder on this machine can be checked; one elsewhere is assumed alive. */
    private static boolean isGone(String holder) {
        int at = holder.indexOf('@');
        if (at < 0 || !holder.substring(at + 1).equals(LocalHost.name())) {
            return false;
        }
        try {
            long pid = Long.parseLong(holder.substring(0, at));
            return pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Releases the folder. */
    @Override
    public void close() {
        if (!locked) {
            return;
        }
        try {
            DataFiles.fileSystem(folder).delete(new Path(folder, LOCK_FILE), false);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        locked = false;
    }

    /** Why the last run stopped, and how many trials it left unstarted; rewritten by every run. */
    public void writeRunSummary(String stopReason, int finished, int notStarted) {
        var node = io.sparktune.spec.SpecJson.mapper().createObjectNode()
                .put("stop_reason", stopReason).put("trials_finished", finished).put("trials_not_started", notStarted)
                .put("ended_at", java.time.Instant.now().toString());
        writeFile(RUN_FILE, true, out -> io.sparktune.spec.SpecJson.mapper().writeValue(out, node));
    }

    /** What the driver found in the data (shape, classes, images, files skipped as unreadable). */
    public void writeDataSummary(io.sparktune.data.DataSummary summary) {
        writeFile(DATA_FILE, true, out -> io.sparktune.spec.SpecJson.mapper().writeValue(out, summary));
    }

    /** Rewrites the trial tables from the journal, which holds every trial exactly once. */
    public List<TrialResult> writeTables(SparkSession spark, java.util.OptionalInt baselineId) {
        List<TrialResult> results = journal().readAll();
        write(spark, "trials", TableSchemas.TRIALS, results.stream().map(r -> TableSchemas.trialRow(r, baselineId)));
        write(spark, "epochs", TableSchemas.EPOCHS, results.stream().flatMap(r -> TableSchemas.epochRows(r).stream()));
        write(spark, "class_metrics", TableSchemas.classMetrics("trial_id", DataTypes.IntegerType),
                results.stream().flatMap(r -> TableSchemas.classMetricRows(r.trialId(), r.validation()).stream()));
        write(spark, "confusion", TableSchemas.confusion("trial_id", DataTypes.IntegerType),
                results.stream().flatMap(r -> TableSchemas.confusionRows(r.trialId(), r.validation()).stream()));
        return results;
    }

    /** The final evaluation's tables: the models on the test set, per class, and their confusion. */
    public void writeFinal(SparkSession spark, List<FinalResult> finals) {
        write(spark, "final", TableSchemas.FINAL, finals.stream().map(TableSchemas::finalRow));
        write(spark, "final_class_metrics", TableSchemas.classMetrics("role", DataTypes.StringType),
                finals.stream().flatMap(f -> TableSchemas.classMetricRows(f.role(), f.test()).stream()));
        write(spark, "final_confusion", TableSchemas.confusion("role", DataTypes.StringType),
                finals.stream().flatMap(f -> TableSchemas.confusionRows(f.role(), f.test()).stream()));
    }

    /** Where the final networks are saved, one ModelSerializer zip per role. */
    public String modelPath(String role) {
        return new Path(new Path(folder, "models"), role + ".zip").toString();
    }

    private void write(SparkSession spark, String name, org.apache.spark.sql.types.StructType schema,
                       java.util.stream.Stream<Row> rows) {
        // One file per table: a search has at most thousands of rows, and many tiny files would slow readers.
        spark.createDataFrame(rows.toList(), schema).coalesce(1).write().mode(SaveMode.Overwrite).parquet(table(name));
    }

    /** Registers each table present in the folder as a temporary view of the same name. */
    public List<String> registerViews(SparkSession spark) {
        List<String> present = TABLES.stream().filter(t -> DataFiles.status(folder, t) != null).toList();
        if (present.isEmpty()) {
            throw new UserInputException("output folder " + folder + " holds no result tables ("
                    + String.join(", ", TABLES) + "); run a search into it first");
        }
        for (String t : present) {
            spark.read().parquet(table(t)).createOrReplaceTempView(t);
        }
        return present;
    }

    public String table(String name) {
        return new Path(folder, name).toString();
    }

    /** What decides a search's results; where and how fast it runs does not count. */
    private static JsonNode identity(SearchSpec spec) {
        var mapper = io.sparktune.spec.SpecJson.mapper();
        var node = mapper.createObjectNode();
        node.set("data", mapper.valueToTree(spec.data().withPath(DataFiles.qualify(spec.data().path()))));
        node.set("model", mapper.valueToTree(spec.model()));
        node.put("strategy", spec.strategy().specName());
        var space = node.putObject("space");
        spec.space().domains().forEach((parameter, domain) -> space.set(parameter.specName(),
                mapper.valueToTree(domain)));
        node.set("manual", mapper.valueToTree(spec.manual()));
        if (spec.randomTrials() != null) {
            node.put("trials", spec.randomTrials());
        }
        node.put("seed", spec.execution().seed());
        return node;
    }

    private static String firstDifference(JsonNode there, JsonNode here, String path) {
        if (there.isObject() && here.isObject()) {
            java.util.Set<String> names = new java.util.TreeSet<>();
            there.fieldNames().forEachRemaining(names::add);
            here.fieldNames().forEachRemaining(names::add);
            for (String name : names) {
                String found = firstDifference(there.path(name), here.path(name), path.isEmpty() ? name : path + "." + name);
                if (found != null) {
                    return found;
                }
            }
            return null;
        }
        return there.equals(here) ? null : path + ": " + show(there) + " there, " + show(here) + " here";
    }

    private static String show(JsonNode node) {
        return node.isMissingNode() ? "absent" : node.toString();
    }

    private void writeFile(String name, boolean overwrite, DataFiles.Writer writer) {
        try (OutputStream out = DataFiles.fileSystem(folder).create(new Path(folder, name), overwrite)) {
            writer.writeTo(out);
        } catch (IOException e) {
            throw new UserInputException("cannot write " + new Path(folder, name) + ": " + e.getMessage(), e);
        }
    }
}
