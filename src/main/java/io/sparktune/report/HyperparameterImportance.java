package io.sparktune.report;

import io.sparktune.model.Hyperparameter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * How much of the variance in best validation accuracy each searched hyperparameter explains on its own:
 * the between-group share of the total sum of squares (eta squared of a one-way ANOVA), grouping trials
 * by the parameter's value, or by quartile of it when a range gave more than eight distinct values.
 * Computed in Spark SQL over the {@code trials} view, so it scales with the table rather than the driver.
 * With few trials per value it overstates; the report says so.
 */
public final class HyperparameterImportance {
    /** Above this many distinct values a numeric parameter is grouped by quartile. */
    private static final int MAX_GROUPS = 8;

    public record Share(String parameter, double share, long groups, long trials) {
    }

    private HyperparameterImportance() {
    }

    /** One share per parameter with at least two values among trials that have an accuracy; largest first. */
    public static List<Share> of(SparkSession spark, List<Hyperparameter<?>> searched) {
        List<Share> shares = new ArrayList<>();
        for (Hyperparameter<?> h : searched) {
            String column = h.specName();
            long distinct = spark.sql("SELECT COUNT(DISTINCT " + column + ") FROM trials").first().getLong(0);
            String group = h.isNumeric() && distinct > MAX_GROUPS
                    ? String.format(Locale.ROOT, "CASE WHEN %1$s <= q[0] THEN 1 WHEN %1$s <= q[1] THEN 2"
                            + " WHEN %1$s <= q[2] THEN 3 ELSE 4 END", column)
                    : "CAST(" + column + " AS STRING)";
            Row row = spark.sql(String.format(Locale.ROOT, """
                    WITH quartiles AS (SELECT percentile_approx(%s, array(0.25, 0.5, 0.75)) AS q FROM trials),
                         t AS (SELECT %s AS g, best_objective AS y FROM trials CROSS JOIN quartiles
                               WHERE best_objective IS NOT NULL AND NOT isnan(best_objective)),
                         total AS (SELECT AVG(y) AS mean, SUM(y * y) - COUNT(*) * AVG(y) * AVG(y) AS ss, COUNT(*) AS n FROM t),
                         groups AS (SELECT g, COUNT(*) AS n, AVG(y) AS mean FROM t GROUP BY g)
                    SELECT CASE WHEN FIRST(total.ss) > 1e-12
                                THEN SUM(groups.n * POW(groups.mean - total.mean, 2)) / FIRST(total.ss) END,
                           COUNT(*), FIRST(total.n)
                    FROM groups CROSS JOIN total""", h.isNumeric() ? column : "0", group)).first();
            if (row.isNullAt(0) || row.getLong(1) < 2) {
                continue;
            }
            shares.add(new Share(column, Math.min(1, Math.max(0, row.getDouble(0))), row.getLong(1), row.getLong(2)));
        }
        shares.sort(Comparator.comparingDouble(Share::share).reversed());
        return shares;
    }
}
