package io.sparktune.trial;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Locale;

/**
 * How numbers read wherever a person reads them (console, tables, status, report), so the same value never
 * shows two ways: a setting (a hyperparameter's value) to three significant digits, a score (accuracy,
 * loss, F1) to four decimals. The live progress lines are the one exception: they give scores to three
 * decimals to stay on one line.
 */
public final class Numbers {
    private Numbers() {
    }

    /** 0.0003 rather than 3.0E-4, and 0.0152 rather than a random draw's 0.0152296891839. */
    public static String setting(Object value) {
        return value instanceof Double d && Double.isFinite(d)
                ? BigDecimal.valueOf(d).round(new MathContext(3)).stripTrailingZeros().toPlainString()
                : String.valueOf(value);
    }

    /** 0.4447, 0.44 rather than 0.4400, and a value too small or large for four decimals as a setting is. */
    public static String score(double value) {
        if (!Double.isFinite(value)) {
            return Double.toString(value);
        }
        double abs = Math.abs(value);
        return abs != 0 && (abs < 1e-3 || abs >= 1e6) ? setting(value)
                : String.format(Locale.ROOT, "%.4f", value).replaceAll("0+$", "").replaceAll("\\.$", ".0");
    }

    /** A score on a progress line: 0.445. */
    public static String shortScore(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
