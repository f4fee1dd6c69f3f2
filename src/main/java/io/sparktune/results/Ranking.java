package io.sparktune.results;

import io.sparktune.confirm.Confirmations;
import io.sparktune.confirm.Confirmed;
import io.sparktune.model.Hyperparameter;
import io.sparktune.trial.Numbers;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import org.apache.spark.sql.Row;

/**
 * The trials ranked by the search's objective, as the console prints them: the {@code trials} table's
 * rows (built by the code that writes the table) in {@link Objective#order}, so the console, the report
 * and the tables agree without a Spark query compiled at the end of every search.
 */
public final class Ranking {
    private Ranking() {
    }

    /**
     * Best first; trials that never reached a validation (diverged in epoch 1, failed) come last. A
     * 1-based rank column, then the trial, the searched parameters and the outcome.
     */
    public static String format(List<TrialResult> results, OptionalInt baselineId, List<Hyperparameter<?>> searched,
                                Objective objective) {
        return format(results, baselineId, searched, objective, Confirmations.NONE);
    }

    /**
     * The same with what confirmation found: the confirmed trials first, by their mean over the seeds, which
     * a {@code confirmed} column shows with its standard deviation and number of runs.
     */
    public static String format(List<TrialResult> results, OptionalInt baselineId, List<Hyperparameter<?>> searched,
                                Objective objective, Confirmations confirmed) {
        List<String> columns = new ArrayList<>(List.of("trial_id", "is_baseline"));
        List<String> searchedColumns = searched.stream().map(Hyperparameter::columnName).toList();
        List<Hyperparameter<?>> user = TableSchemas.userHyperparameters(results.stream().map(TrialResult::model));
        org.apache.spark.sql.types.StructType schema = TableSchemas.trials(user);
        columns.addAll(searchedColumns);
        columns.add("status");
        if (objective != Objective.VAL_ACCURACY) {
            columns.add("best_objective");
        }
        if (!confirmed.isEmpty()) {
            columns.add("confirmed_mean");
        }
        columns.addAll(List.of("best_val_accuracy", "best_epoch", "final_val_loss", "fit", "epochs_run",
                "train_seconds"));
        String[] header = new String[columns.size() + 1];
        header[0] = "rank";
        for (int c = 0; c < columns.size(); c++) {
            String name = columns.get(c);
            header[c + 1] = name.equals("is_baseline") ? "baseline" : name.equals("confirmed_mean") ? "confirmed"
                    : name.equals("best_objective") ? "best_" + objective.specName() : name;
        }
        List<String[]> cells = new ArrayList<>();
        List<TrialResult> ranked = confirmed.order(results, objective);
        for (TrialResult r : ranked) {
            Row row = TableSchemas.trialRow(r, user, baselineId, objective, confirmed);
            String[] line = new String[header.length];
            line[0] = Integer.toString(cells.size() + 1);
            for (int c = 0; c < columns.size(); c++) {
                String column = columns.get(c);
                Object value = row.get(schema.fieldIndex(column));
                if (column.equals("is_baseline")) {
                    line[c + 1] = Boolean.TRUE.equals(value) ? "yes" : "";
                } else if (column.equals("confirmed_mean")) {
                    line[c + 1] = confirmed.of(r.trialId()).map(Ranking::meanSdRuns).orElse("");
                } else if (searchedColumns.contains(column)) {
                    line[c + 1] = Numbers.setting(value);
                } else {
                    line[c + 1] = TextTable.cell(value);
                }
            }
            cells.add(line);
        }
        return TextTable.render(header, cells);
    }

    /** "0.712 ± 0.008": the mean over the seeds and their standard deviation (none with one value). */
    public static String meanSd(Confirmed c) {
        return TextTable.cell(c.mean()) + (Double.isFinite(c.sd()) ? " ± " + TextTable.cell(c.sd()) : "");
    }

    /** "0.712 ± 0.008 (3)": the same, and how many runs gave a value (and how many failed). */
    public static String meanSdRuns(Confirmed c) {
        return meanSd(c) + " (" + c.runs() + (c.failed() > 0 ? ", " + c.failed() + " failed" : "") + ")";
    }
}
