package io.sparktune.results;

import io.sparktune.trial.Numbers;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Renders rows as an aligned plain-text table, the way the console shows rankings and query results. */
public final class TextTable {
    private TextTable() {
    }

    public static String of(Dataset<Row> rows, int limit) {
        String[] columns = rows.columns();
        List<String[]> cells = new ArrayList<>();
        for (Row row : rows.limit(limit).collectAsList()) {
            String[] line = new String[columns.length];
            for (int c = 0; c < columns.length; c++) {
                line[c] = cell(row.get(c));
            }
            cells.add(line);
        }
        return render(columns, cells);
    }

    public static String render(String[] columns, List<String[]> cells) {
        int[] widths = new int[columns.length];
        for (int c = 0; c < columns.length; c++) {
            widths[c] = columns[c].length();
            for (String[] line : cells) {
                widths[c] = Math.max(widths[c], line[c].length());
            }
        }
        StringBuilder out = new StringBuilder();
        appendLine(out, columns, widths);
        String[] rule = new String[columns.length];
        for (int c = 0; c < columns.length; c++) {
            rule[c] = "-".repeat(widths[c]);
        }
        appendLine(out, rule, widths);
        for (String[] line : cells) {
            appendLine(out, line, widths);
        }
        return out.toString();
    }

    static String cell(Object value) {
        if (value == null) {
            return "null";
        }
        if (value instanceof Double d) {
            return Numbers.score(d);
        }
        return value.toString();
    }

    private static void appendLine(StringBuilder out, String[] cells, int[] widths) {
        for (int c = 0; c < cells.length; c++) {
            if (c > 0) {
                out.append("  ");
            }
            out.append(String.format(Locale.ROOT, "%-" + widths[c] + "s", cells[c]));
        }
        out.append(System.lineSeparator());
    }
}
