package io.sparktune.results;

import io.sparktune.confirm.Confirmations;
import io.sparktune.data.DataFiles;
import io.sparktune.input.UserInputException;
import io.sparktune.model.Hyperparameter;
import io.sparktune.trial.FinalResult;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialResult;
import java.util.List;
import java.util.OptionalInt;
import java.util.stream.Stream;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * A search's Parquet tables in its output folder: the only place that writes them, and the place that
 * registers them as views of the same names for Spark SQL. The driver writes and reads the files itself
 * ({@link ParquetTable}), and the views hold the rows it read, so a folder on the driver's own disk works
 * with executors on hosts that cannot see it.
 */
public final class ResultTables {
    public static final List<String> NAMES = List.of("trials", "epochs", "class_metrics", "confusion", "confirm", "final",
            "final_class_metrics", "final_confusion");

    private final String folder;

    public ResultTables(String folder) {
        this.folder = DataFiles.qualify(folder);
    }

    /** Rewrites the trial tables from {@code results} (the journal's, each trial once). */
    public void writeTrials(List<TrialResult> results, OptionalInt baselineId, Objective objective) {
        writeTrials(results, baselineId, objective, Confirmations.NONE);
    }

    /** The same, with what confirmation found of the trials it retrained. */
    public void writeTrials(List<TrialResult> results, OptionalInt baselineId, Objective objective,
                            Confirmations confirmed) {
        List<Hyperparameter<?>> user = TableSchemas.userHyperparameters(results.stream().map(TrialResult::model));
        write("trials", TableSchemas.trials(user), results.stream()
                .map(r -> TableSchemas.trialRow(r, user, baselineId, objective, confirmed)));
        write("epochs", TableSchemas.EPOCHS, results.stream().flatMap(r -> TableSchemas.epochRows(r).stream()));
        write("class_metrics", TableSchemas.classMetrics("trial_id", DataTypes.IntegerType),
                results.stream().flatMap(r -> TableSchemas.classMetricRows(r.trialId(), r.validation()).stream()));
        write("confusion", TableSchemas.confusion("trial_id", DataTypes.IntegerType),
                results.stream().flatMap(r -> TableSchemas.confusionRows(r.trialId(), r.validation()).stream()));
    }

    /** The confirmation runs done, one row each. */
    public void writeConfirm(List<TrialResult> runs, Objective objective) {
        write("confirm", TableSchemas.CONFIRM, runs.stream().map(r -> TableSchemas.confirmRow(r, objective)));
    }

    /** The final evaluation's tables: the models on the test set, per class, and their confusion. */
    public void writeFinal(List<FinalResult> finals) {
        List<Hyperparameter<?>> user = TableSchemas.userHyperparameters(finals.stream().map(FinalResult::model));
        write("final", TableSchemas.finalTable(user), finals.stream().map(f -> TableSchemas.finalRow(f, user)));
        write("final_class_metrics", TableSchemas.classMetrics("role", DataTypes.StringType),
                finals.stream().flatMap(f -> TableSchemas.classMetricRows(f.role(), f.test()).stream()));
        write("final_confusion", TableSchemas.confusion("role", DataTypes.StringType),
                finals.stream().flatMap(f -> TableSchemas.confusionRows(f.role(), f.test()).stream()));
    }

    /** The tables the folder holds (the final check's only once it has run). */
    public List<String> present() {
        return NAMES.stream().filter(t -> DataFiles.status(folder, t) != null).toList();
    }

    /** Registers each table present in the folder as a temporary view of the same name. */
    public List<String> registerViews(SparkSession spark) {
        List<String> present = present();
        if (present.isEmpty()) {
            throw new UserInputException("output folder " + folder + " holds no result tables ("
                    + String.join(", ", NAMES) + "); run a search into it first");
        }
        for (String t : present) {
            TableRows table = ParquetTable.read(path(t));
            spark.createDataFrame(table.rows(), table.schema()).createOrReplaceTempView(t);
        }
        return present;
    }

    /** The table {@code name} as the driver reads it; empty when the folder does not hold it. */
    public java.util.Optional<TableRows> read(String name) {
        return DataFiles.status(folder, name) == null ? java.util.Optional.empty()
                : java.util.Optional.of(ParquetTable.read(path(name)));
    }

    public String path(String table) {
        return new Path(folder, table).toString();
    }

    private void write(String name, StructType schema, Stream<Row> rows) {
        // One file per table: a search has at most thousands of rows, and many tiny files would slow readers.
        ParquetTable.write(path(name), schema, rows.toList());
    }
}
