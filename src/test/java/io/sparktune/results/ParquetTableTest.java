package io.sparktune.results;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sparktune.spark.SparkSessions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tables the driver writes itself are what Spark SQL would have written: stock Spark reads every
 * column back with its type, nulls and microsecond timestamps included, and the driver reads a table that
 * an older sparktune wrote through Spark (INT96 timestamps, Snappy, several part files) and replaces it whole.
 */
class ParquetTableTest {
    private static final StructType SCHEMA = new StructType(new StructField[] {
        DataTypes.createStructField("trial_id", DataTypes.IntegerType, false),
        DataTypes.createStructField("seed", DataTypes.LongType, false),
        DataTypes.createStructField("accuracy", DataTypes.DoubleType, true),
        DataTypes.createStructField("baseline", DataTypes.BooleanType, false),
        DataTypes.createStructField("error", DataTypes.StringType, true),
        DataTypes.createStructField("started_at", DataTypes.TimestampType, false),
    });

    private static List<Row> rows() {
        Timestamp precise = Timestamp.valueOf("2026-12-06 23:30:01.123456");
        return List.of(
                RowFactory.create(1, 3_000_000_000L, 0.4406, true, null, precise),
                RowFactory.create(2, -7L, null, false, "diverged: loss NaN ü", new Timestamp(0)),
                RowFactory.create(3, 0L, Double.NaN, false, "", Timestamp.valueOf("1999-01-01 00:00:00")));
    }

    @Test
    void stockSparkReadsWhatTheDriverWrote(@TempDir Path dir) {
        String table = dir.resolve("trials").toString();
        ParquetTable.write(table, SCHEMA, rows());
        SparkSession spark = SparkSessions.forQuery();
        var read = spark.read().parquet(table);
        assertEquals(SCHEMA.fields().length, read.schema().fields().length);
        for (StructField field : SCHEMA.fields()) {
            assertEquals(field.dataType(), read.schema().apply(field.name()).dataType(), field.name());
        }
        List<Row> back = read.orderBy("trial_id").collectAsList();
        assertEquals(rows(), back.stream().map(r -> RowFactory.create(r.get(0), r.get(1), r.get(2), r.get(3),
                r.get(4), r.get(5))).toList());
        assertEquals(rows(), ParquetTable.read(table).rows(), "the driver reads back what it wrote");
    }

    @Test
    void aTableSparkWroteIsReadAndThenReplacedWhole(@TempDir Path dir) throws Exception {
        String table = dir.resolve("trials").toString();
        SparkSession spark = SparkSessions.forQuery();
        spark.conf().set("spark.sql.parquet.outputTimestampType", "INT96");
        try {
            spark.createDataFrame(rows(), SCHEMA).repartition(2).write().mode(SaveMode.Overwrite).parquet(table);
        } finally {
            spark.conf().unset("spark.sql.parquet.outputTimestampType");
        }
        List<Row> old = ParquetTable.read(table).rows().stream()
                .sorted(java.util.Comparator.comparingInt(r -> r.getInt(0))).toList();
        assertEquals(rows(), old, "an older folder's table, INT96 timestamps included");

        ParquetTable.write(table, SCHEMA, rows().subList(0, 1));
        try (var files = Files.list(Path.of(table))) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of(ParquetTable.FILE), names, "the old part files, .crc and _SUCCESS are gone");
        }
        assertEquals(1, spark.read().parquet(table).count());
        assertTrue(ParquetTable.read(table).rows().get(0).getBoolean(3));
        assertFalse(Files.exists(Path.of(table, "_SUCCESS")));
    }
}
