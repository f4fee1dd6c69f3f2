package io.sparktune.results;

import io.sparktune.model.Hyperparameter;
import io.sparktune.trial.Objective;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/** The trials ranked by the search's objective, read back from the {@code trials} view with Spark SQL. */
public final class Ranking {
    private Ranking() {
    }

    /** Best first; trials that never reached a validation (diverged in epoch 1, failed) come last. */
    public static Dataset<Row> query(SparkSession spark, List<Hyperparameter<?>> searched, Objective objective) {
        String parameters = searched.stream().map(Hyperparameter::specName).collect(Collectors.joining(", "));
        return spark.sql("SELECT trial_id, IF(is_baseline, 'yes', '') AS baseline, "
                + (parameters.isEmpty() ? "" : parameters + ", ")
                + "status, " + (objective == Objective.VAL_ACCURACY ? "" : "best_objective AS best_"
                + objective.specName() + ", ") + "best_val_accuracy, best_epoch, final_val_loss, fit, epochs_run,"
                + " train_seconds FROM trials ORDER BY " + objective.sqlOrder());
    }

    /** The ranking as a console table with a 1-based rank column. */
    public static String format(SparkSession spark, List<Hyperparameter<?>> searched, Objective objective) {
        Dataset<Row> ranked = query(spark, searched, objective);
        String[] columns = ranked.columns();
        String[] header = new String[columns.length + 1];
        header[0] = "rank";
        System.arraycopy(columns, 0, header, 1, columns.length);
        List<Row> rows = ranked.collectAsList();
        List<String[]> cells = new java.util.ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            String[] line = new String[header.length];
            line[0] = Integer.toString(r + 1);
            for (int c = 0; c < columns.length; c++) {
                line[c + 1] = TextTable.cell(rows.get(r).get(c));
            }
            cells.add(line);
        }
        return TextTable.render(header, cells);
    }
}
