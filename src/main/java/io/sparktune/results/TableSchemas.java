package io.sparktune.results;

import io.sparktune.space.Hyperparameter;
import io.sparktune.trial.EpochResult;
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
    public static final StructType TRIALS;
    public static final StructType EPOCHS = new StructType(new StructField[] {
        field("trial_id", DataTypes.IntegerType, false),
        field("epoch", DataTypes.IntegerType, false),
        field("train_loss", DataTypes.DoubleType, false),
        field("val_loss", DataTypes.DoubleType, false),
        field("val_accuracy", DataTypes.DoubleType, false),
        field("val_precision", DataTypes.DoubleType, false),
        field("val_recall", DataTypes.DoubleType, false),
        field("val_f1", DataTypes.DoubleType, false),
        field("seconds", DataTypes.DoubleType, false),
    });

    static {
        List<StructField> fields = new ArrayList<>();
        fields.add(field("trial_id", DataTypes.IntegerType, false));
        for (Hyperparameter h : Hyperparameter.values()) {
            fields.add(field(h.specName(), sparkType(h), false));
        }
        fields.add(field("status", DataTypes.StringType, false));
        fields.add(field("error", DataTypes.StringType, true));
        fields.add(field("best_val_accuracy", DataTypes.DoubleType, true));
        fields.add(field("best_epoch", DataTypes.IntegerType, true));
        fields.add(field("final_val_accuracy", DataTypes.DoubleType, true));
        fields.add(field("final_val_loss", DataTypes.DoubleType, true));
        fields.add(field("final_train_loss", DataTypes.DoubleType, true));
        fields.add(field("final_val_precision", DataTypes.DoubleType, true));
        fields.add(field("final_val_recall", DataTypes.DoubleType, true));
        fields.add(field("final_val_f1", DataTypes.DoubleType, true));
        fields.add(field("epochs_run", DataTypes.IntegerType, false));
        fields.add(field("train_seconds", DataTypes.DoubleType, false));
        fields.add(field("started_at", DataTypes.TimestampType, false));
        fields.add(field("finished_at", DataTypes.TimestampType, false));
        fields.add(field("seed", DataTypes.LongType, false));
        fields.add(field("host", DataTypes.StringType, true));
        fields.add(field("executor_id", DataTypes.StringType, true));
        TRIALS = new StructType(fields.toArray(StructField[]::new));
    }

    private TableSchemas() {
    }

    public static Row trialRow(TrialResult r) {
        List<Object> values = new ArrayList<>();
        values.add(r.trialId());
        for (Hyperparameter h : Hyperparameter.values()) {
            values.add(h.columnValue(r.model()));
        }
        values.add(r.status().column());
        values.add(r.error());
        var best = r.bestEpoch();
        var last = r.lastEpoch();
        values.add(best.map(EpochResult::valAccuracy).orElse(null));
        values.add(best.map(EpochResult::epoch).orElse(null));
        values.add(last.map(EpochResult::valAccuracy).orElse(null));
        values.add(last.map(EpochResult::valLoss).orElse(null));
        values.add(last.map(EpochResult::trainLoss).orElse(null));
        values.add(last.map(EpochResult::valPrecision).orElse(null));
        values.add(last.map(EpochResult::valRecall).orElse(null));
        values.add(last.map(EpochResult::valF1).orElse(null));
        values.add(r.epochs().size());
        values.add(r.trainSeconds());
        values.add(new java.sql.Timestamp(r.startedAt()));
        values.add(new java.sql.Timestamp(r.finishedAt()));
        values.add(r.seed());
        values.add(r.host());
        values.add(r.executorId());
        return RowFactory.create(values.toArray());
    }

    public static List<Row> epochRows(TrialResult r) {
        List<Row> rows = new ArrayList<>();
        for (EpochResult e : r.epochs()) {
            rows.add(RowFactory.create(r.trialId(), e.epoch(), e.trainLoss(), e.valLoss(), e.valAccuracy(),
                    e.valPrecision(), e.valRecall(), e.valF1(), e.seconds()));
        }
        return rows;
    }

    private static DataType sparkType(Hyperparameter h) {
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
