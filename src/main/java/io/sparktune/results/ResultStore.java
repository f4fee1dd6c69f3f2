package io.sparktune.results;

import io.sparktune.data.DataFiles;
import io.sparktune.spec.UserInputException;
import io.sparktune.trial.TrialResult;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

/**
 * A search's output folder: {@code spec.json} (what produced it) and the Parquet tables {@code trials}
 * and {@code epochs}. The only place that writes results, and the place that registers them as views.
 */
public final class ResultStore {
    public static final String SPEC_FILE = "spec.json";
    public static final List<String> TABLES = List.of("trials", "epochs");

    private final String folder;

    public ResultStore(String folder) {
        this.folder = DataFiles.qualify(folder);
    }

    public String folder() {
        return folder;
    }

    /** Refuses a folder that is a file or already holds a search, before any trial has run. */
    public void checkUnused() {
        FileStatus status = DataFiles.status(folder);
        if (status == null) {
            return;
        }
        if (!status.isDirectory()) {
            throw new UserInputException("output path " + folder + " is a file, not a folder; pass another --output");
        }
        for (String name : concat(SPEC_FILE, TABLES)) {
            if (DataFiles.status(folder, name) != null) {
                throw new UserInputException("output folder " + folder + " already holds a search (" + name
                        + "); pass another --output, or remove that folder to start over");
            }
        }
    }

    public void write(SparkSession spark, String specJson, List<TrialResult> results) {
        List<Row> trials = results.stream().map(TableSchemas::trialRow).toList();
        List<Row> epochs = results.stream().flatMap(r -> TableSchemas.epochRows(r).stream()).toList();
        // One file per table: a search has at most thousands of rows, and many tiny files would slow readers.
        spark.createDataFrame(trials, TableSchemas.TRIALS).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                .parquet(table("trials"));
        spark.createDataFrame(epochs, TableSchemas.EPOCHS).coalesce(1).write().mode(SaveMode.ErrorIfExists)
                .parquet(table("epochs"));
        writeText(SPEC_FILE, specJson);
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

    private void writeText(String name, String text) {
        FileSystem fs = DataFiles.fileSystem(folder);
        try (OutputStream out = fs.create(new Path(folder, name), false)) {
            out.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UserInputException("cannot write " + new Path(folder, name) + ": " + e.getMessage(), e);
        }
    }

    private static List<String> concat(String first, List<String> rest) {
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(first), rest.stream()).toList();
    }
}
