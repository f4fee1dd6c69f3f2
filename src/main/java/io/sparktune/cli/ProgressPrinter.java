package io.sparktune.cli;

import io.sparktune.space.Hyperparameter;
import io.sparktune.spark.SearchProgress;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;

/**
 * One console line per finished trial, e.g.
 * {@code [7/24] trial 7 lr=0.01 activation=tanh  val_acc=0.612  best=0.655  48s  ETA 6m}: the searched
 * values only, since the rest are the defaults every trial shares.
 */
final class ProgressPrinter implements SearchProgress {
    private final PrintWriter out;
    private final List<Hyperparameter> searched;

    ProgressPrinter(PrintWriter out, List<Hyperparameter> searched) {
        this.out = out;
        this.searched = searched;
    }

    @Override
    public void trialEnded(Update u) {
        out.println(line(u, searched));
        out.flush();
    }

    static String line(Update u, List<Hyperparameter> searched) {
        TrialResult r = u.result();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%d/%d] trial %d", u.done(), u.known(),
                r.trialId()));
        for (Hyperparameter h : searched) {
            line.append(' ').append(shortName(h)).append('=').append(h.valueIn(r.model()));
        }
        if (u.trial().checkpoint() != null) {
            line.append(String.format(Locale.ROOT, "  rung %d (%d epochs)", r.rung(), r.epochs().size()));
        }
        if (r.status() == TrialStatus.OK) {
            line.append(String.format(Locale.ROOT, "  val_acc=%.3f", r.bestValAccuracy()));
        } else {
            line.append("  ").append(r.status().column()).append(": ").append(firstLine(r.error()));
        }
        line.append(Double.isNaN(u.best()) ? "" : String.format(Locale.ROOT, "  best=%.3f", u.best()));
        line.append("  ").append(duration(r.trainSeconds()));
        if (!Double.isNaN(u.etaSeconds()) && u.done() < u.known()) {
            line.append("  ETA ").append(duration(u.etaSeconds()));
        }
        return line.toString();
    }

    private static String shortName(Hyperparameter h) {
        return switch (h) {
            case LEARNING_RATE -> "lr";
            case BATCH_SIZE -> "batch";
            default -> h.specName();
        };
    }

    private static String firstLine(String text) {
        if (text == null) {
            return "";
        }
        String first = text.lines().findFirst().orElse("");
        return first.length() > 80 ? first.substring(0, 77) + "..." : first;
    }

    /** 48s, 6m, 1h05m: what a person glancing at a console wants. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 90) {
            return s + "s";
        }
        if (s < 3600) {
            return Math.round(seconds / 60) + "m";
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
