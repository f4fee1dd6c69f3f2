package io.sparktune.results;

import io.sparktune.confirm.ConfirmationRun;
import io.sparktune.confirm.Confirmations;
import io.sparktune.confirm.Confirmed;
import io.sparktune.model.Hyperparameter;
import io.sparktune.model.Hyperparameters;
import io.sparktune.model.ModelConfig;
import io.sparktune.trial.ClassMetric;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.FinalResult;
import io.sparktune.trial.FitDiagnosis;
import io.sparktune.trial.Objective;
import io.sparktune.trial.Metrics;
import io.sparktune.trial.TrialResult;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/** The columns of the {@code trials} and {@code epochs} tables, and how a result becomes rows. */
public final class TableSchemas {
    /** The trials table of a search without user hyperparameters. */
    public static final StructType TRIALS;
    public static final StructType EPOCHS = new StructType(new StructField[] {
        field("trial_id", DataTypes.IntegerType, false),
        field("epoch", DataTypes.IntegerType, false),
        field("train_loss", DataTypes.DoubleType, false),
        field("train_accuracy", DataTypes.DoubleType, false),
        field("val_loss", DataTypes.DoubleType, false),
        field("val_accuracy", DataTypes.DoubleType, false),
        field("val_precision", DataTypes.DoubleType, false),
        field("val_recall", DataTypes.DoubleType, false),
        field("val_f1", DataTypes.DoubleType, false),
        field("seconds", DataTypes.DoubleType, false),
    });

    static {
        TRIALS = trials(List.of());
    }

    /** The trials table, with a column for each of {@code user}, the user's builder's own hyperparameters. */
    public static StructType trials(List<Hyperparameter<?>> user) {
        List<StructField> fields = new ArrayList<>();
        fields.add(field("trial_id", DataTypes.IntegerType, false));
        fields.add(field("is_baseline", DataTypes.BooleanType, false));
        for (Hyperparameter<?> h : columns(user)) {
            fields.add(field(h.columnName(), sparkType(h), h.isUser()));
        }
        fields.add(field("status", DataTypes.StringType, false));
        fields.add(field("error", DataTypes.StringType, true));
        fields.add(field("objective", DataTypes.StringType, false));
        fields.add(field("best_objective", DataTypes.DoubleType, true));
        fields.add(field("confirmed_mean", DataTypes.DoubleType, true));
        fields.add(field("confirmed_sd", DataTypes.DoubleType, true));
        fields.add(field("confirmed_runs", DataTypes.IntegerType, true));
        fields.add(field("best_val_accuracy", DataTypes.DoubleType, true));
        fields.add(field("best_epoch", DataTypes.IntegerType, true));
        fields.add(field("final_val_accuracy", DataTypes.DoubleType, true));
        fields.add(field("final_val_loss", DataTypes.DoubleType, true));
        fields.add(field("final_train_loss", DataTypes.DoubleType, true));
        fields.add(field("final_val_precision", DataTypes.DoubleType, true));
        fields.add(field("final_val_recall", DataTypes.DoubleType, true));
        fields.add(field("final_val_f1", DataTypes.DoubleType, true));
        fields.add(field("fit", DataTypes.StringType, false));
        fields.add(field("fit_reason", DataTypes.StringType, false));
        fields.add(field("rung", DataTypes.IntegerType, false));
        fields.add(field("epochs_run", DataTypes.IntegerType, false));
        fields.add(field("stopped_early", DataTypes.BooleanType, false));
        fields.add(field("train_seconds", DataTypes.DoubleType, false));
        fields.add(field("started_at", DataTypes.TimestampType, false));
        fields.add(field("finished_at", DataTypes.TimestampType, false));
        fields.add(field("seed", DataTypes.LongType, false));
        fields.add(field("host", DataTypes.StringType, true));
        fields.add(field("executor_id", DataTypes.StringType, true));
        return new StructType(fields.toArray(StructField[]::new));
    }

    /** The user hyperparameters any of {@code models} holds, in name order: the searches' extra columns. */
    public static List<Hyperparameter<?>> userHyperparameters(java.util.stream.Stream<ModelConfig> models) {
        return models.flatMap(m -> m.userHyperparameters().stream()).distinct()
                .sorted(java.util.Comparator.comparing(Hyperparameter::specName)).toList();
    }

    private static List<Hyperparameter<?>> columns(List<Hyperparameter<?>> user) {
        List<Hyperparameter<?>> all = new ArrayList<>(Hyperparameters.ALL);
        all.addAll(user);
        return all;
    }

    private TableSchemas() {
    }

    /** {@code baselineId}: the trial that runs the spec's defaults (see SearchPlan.baselineId), if any. */
    /**
     * {@code objective}: the search's, which picks each trial's best epoch ({@code best_epoch},
     * {@code best_objective}); {@code best_val_accuracy} is the highest of any epoch whatever it is.
     */
    /**
     * {@code confirmed}: the objective's mean and standard deviation over the search's run and the new seeds,
     * and the runs with a value, for the trials confirmation retrained (null for the others).
     */
    public static Row trialRow(TrialResult r, List<Hyperparameter<?>> user, java.util.OptionalInt baselineId,
                               Objective objective, Confirmations confirmed) {
        List<Object> values = new ArrayList<>();
        values.add(r.trialId());
        values.add(baselineId.isPresent() && baselineId.getAsInt() == r.trialId());
        for (Hyperparameter<?> h : columns(user)) {
            values.add(r.model().column(h));
        }
        values.add(r.status().column());
        values.add(r.error());
        var best = objective.bestEpoch(r);
        var last = r.lastEpoch();
        values.add(objective.specName());
        values.add(best.isPresent() ? objective.value(r) : null);
        var confirmation = confirmed.of(r.trialId());
        values.add(confirmation.map(Confirmed::mean).orElse(null));
        values.add(confirmation.map(Confirmed::sd).filter(Double::isFinite).orElse(null));
        values.add(confirmation.map(Confirmed::runs).orElse(null));
        values.add(r.highestAccuracyEpoch().map(EpochResult::valAccuracy).orElse(null));
        values.add(best.map(EpochResult::epoch).orElse(null));
        values.add(last.map(EpochResult::valAccuracy).orElse(null));
        values.add(last.map(EpochResult::valLoss).orElse(null));
        values.add(last.map(EpochResult::trainLoss).orElse(null));
        values.add(last.map(EpochResult::valPrecision).orElse(null));
        values.add(last.map(EpochResult::valRecall).orElse(null));
        values.add(last.map(EpochResult::valF1).orElse(null));
        FitDiagnosis fit = r.fit();
        values.add(fit.fit());
        values.add(fit.reason());
        values.add(r.rung());
        values.add(r.epochs().size());
        values.add(r.stoppedEarly());
        values.add(r.trainSeconds());
        values.add(new java.sql.Timestamp(r.startedAt()));
        values.add(new java.sql.Timestamp(r.finishedAt()));
        values.add(r.seed());
        values.add(r.host());
        values.add(r.executorId());
        return RowFactory.create(values.toArray());
    }

    /**
     * One row per confirmation run: the trial whose configuration it retrained, which new seed (from 1) and
     * the seed itself, and what it gave, measured as the trials table measures a trial.
     */
    public static final StructType CONFIRM = new StructType(new StructField[] {
        field("trial_id", DataTypes.IntegerType, false),
        field("repeat", DataTypes.IntegerType, false),
        field("seed", DataTypes.LongType, false),
        field("status", DataTypes.StringType, false),
        field("objective", DataTypes.StringType, false),
        field("value", DataTypes.DoubleType, true),
        field("best_val_accuracy", DataTypes.DoubleType, true),
        field("best_epoch", DataTypes.IntegerType, true),
        field("epochs_run", DataTypes.IntegerType, false),
        field("train_seconds", DataTypes.DoubleType, false),
        field("host", DataTypes.StringType, true),
    });

    public static Row confirmRow(TrialResult run, Objective objective) {
        ConfirmationRun id = ConfirmationRun.of(run.trialId());
        var best = objective.bestEpoch(run);
        return RowFactory.create(id.trialId(), id.repeat(), run.seed(), run.status().column(), objective.specName(),
                best.isPresent() ? objective.value(run) : null,
                run.highestAccuracyEpoch().map(EpochResult::valAccuracy).orElse(null), best.map(EpochResult::epoch).orElse(null),
                run.epochs().size(), run.trainSeconds(), run.host());
    }

    public static List<Row> epochRows(TrialResult r) {
        List<Row> rows = new ArrayList<>();
        for (EpochResult e : r.epochs()) {
            rows.add(RowFactory.create(r.trialId(), e.epoch(), e.trainLoss(), e.trainAccuracy(), e.valLoss(),
                    e.valAccuracy(),
                    e.valPrecision(), e.valRecall(), e.valF1(), e.seconds()));
        }
        return rows;
    }

    /** The final table of a search without user hyperparameters. */
    public static final StructType FINAL = finalTable(List.of());

    /** The final table, with a column for each of {@code user}. */
    public static StructType finalTable(List<Hyperparameter<?>> user) {
        List<StructField> fields = new ArrayList<>();
        fields.add(field("role", DataTypes.StringType, false));
        fields.add(field("trial_id", DataTypes.IntegerType, true));
        for (Hyperparameter<?> h : columns(user)) {
            fields.add(field(h.columnName(), sparkType(h), h.isUser()));
        }
        fields.add(field("epochs_trained", DataTypes.IntegerType, false));
        fields.add(field("test_accuracy", DataTypes.DoubleType, false));
        fields.add(field("test_precision", DataTypes.DoubleType, false));
        fields.add(field("test_recall", DataTypes.DoubleType, false));
        fields.add(field("test_f1", DataTypes.DoubleType, false));
        fields.add(field("test_images", DataTypes.IntegerType, false));
        fields.add(field("seed", DataTypes.LongType, false));
        fields.add(field("model_path", DataTypes.StringType, false));
        fields.add(field("train_seconds", DataTypes.DoubleType, false));
        return new StructType(fields.toArray(StructField[]::new));
    }

    public static Row finalRow(FinalResult f, List<Hyperparameter<?>> user) {
        List<Object> values = new ArrayList<>();
        values.add(f.role());
        values.add(f.trialId());
        for (Hyperparameter<?> h : columns(user)) {
            values.add(f.model().column(h));
        }
        values.add(f.epochs());
        values.add(f.test().accuracy());
        values.add(f.test().precision());
        values.add(f.test().recall());
        values.add(f.test().f1());
        values.add(f.testImages());
        values.add(f.seed());
        values.add(f.modelPath());
        values.add(f.trainSeconds());
        return RowFactory.create(values.toArray());
    }

    /** One row per class: precision, recall, F1 and support, for a trial or a final model. */
    public static StructType classMetrics(String key, DataType keyType) {
        return new StructType(new StructField[] {
            field(key, keyType, false),
            field("class", DataTypes.StringType, false),
            field("precision", DataTypes.DoubleType, false),
            field("recall", DataTypes.DoubleType, false),
            field("f1", DataTypes.DoubleType, false),
            field("support", DataTypes.IntegerType, false),
        });
    }

    /** One row per (actual, predicted) pair of classes with the number of images. */
    public static StructType confusion(String key, DataType keyType) {
        return new StructType(new StructField[] {
            field(key, keyType, false),
            field("actual", DataTypes.StringType, false),
            field("predicted", DataTypes.StringType, false),
            field("count", DataTypes.IntegerType, false),
        });
    }

    public static List<Row> classMetricRows(Object key, Metrics metrics) {
        List<Row> rows = new ArrayList<>();
        if (metrics != null) {
            for (ClassMetric c : metrics.classes()) {
                rows.add(RowFactory.create(key, c.className(), c.precision(), c.recall(), c.f1(), c.support()));
            }
        }
        return rows;
    }

    public static List<Row> confusionRows(Object key, Metrics metrics) {
        List<Row> rows = new ArrayList<>();
        if (metrics != null) {
            for (int a = 0; a < metrics.classes().size(); a++) {
                for (int p = 0; p < metrics.classes().size(); p++) {
                    rows.add(RowFactory.create(key, metrics.classes().get(a).className(),
                            metrics.classes().get(p).className(), metrics.confusion().get(a).get(p)));
                }
            }
        }
        return rows;
    }

    private static DataType sparkType(Hyperparameter<?> h) {
        return switch (h.kind()) {
            case REAL -> DataTypes.DoubleType;
            case INTEGER -> DataTypes.IntegerType;
            case CATEGORICAL -> DataTypes.StringType;
            case BOOLEAN -> DataTypes.BooleanType;
        };
    }

    private static StructField field(String name, DataType type, boolean nullable) {
        return DataTypes.createStructField(name, type, nullable);
    }
}
