package io.sparktune.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sparktune.model.Hyperparameters;
import io.sparktune.spark.SparkSessions;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;

/** The variance shares, in Spark SQL, on trials whose objective is made from known effects. */
class HyperparameterImportanceTest {
    @Test
    void aParameterThatDecidesTheAccuracyExplainsAllOfItAndAnIrrelevantOneNone() {
        SparkSession spark = SparkSessions.forQuery();
        try {
            // The objective = 0.3 for tanh, 0.6 for relu, whatever the learning rate; and ten learning rates,
            // balanced across activations, so wide ranges are grouped by quartile.
            List<Row> rows = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                String activation = i % 2 == 0 ? "relu" : "tanh";
                rows.add(RowFactory.create(0.001 * (1 + i / 2), activation, activation.equals("relu") ? 0.6 : 0.3));
            }
            StructType schema = new StructType().add("learning_rate", DataTypes.DoubleType)
                    .add("activation", DataTypes.StringType).add("best_objective", DataTypes.DoubleType);
            spark.createDataFrame(rows, schema).createOrReplaceTempView("trials");

            List<HyperparameterImportance.Share> shares = HyperparameterImportance.of(spark,
                    List.of(Hyperparameters.LEARNING_RATE, Hyperparameters.ACTIVATION));
            assertEquals("activation", shares.get(0).parameter());
            assertEquals(1.0, shares.get(0).share(), 1e-9);
            assertEquals(2, shares.get(0).groups());
            assertEquals("learning_rate", shares.get(1).parameter());
            assertEquals(4, shares.get(1).groups(), "ten values grouped by quartile");
            assertEquals(0.0, shares.get(1).share(), 0.05);
        } finally {
            spark.stop();
        }
    }
}
