package io.sparktune.results;

import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/** A result table as the driver read it back: its columns and rows, in the file's column order. */
public record TableRows(StructType schema, List<Row> rows) {
    public TableRows {
        rows = List.copyOf(rows);
    }

    /** The value of {@code column} in {@code row}; null when the table has no such column. */
    public Object get(Row row, String column) {
        return java.util.Arrays.asList(schema.fieldNames()).contains(column) ? row.get(schema.fieldIndex(column))
                : null;
    }
}
