package io.sparktune.run;

import io.sparktune.model.Hyperparameter;
import io.sparktune.spark.SearchProgress;
import io.sparktune.trial.Numbers;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialLabel;
import io.sparktune.trial.TrialResult;
import io.sparktune.trial.TrialStatus;
import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One console line per finished trial, e.g.
 * {@code [7/24] trial 7 lr=0.01 activation=tanh  val_acc=0.612  best=0.655  48s  ETA 6m}: the searched
 * values only, since the rest are the defaults every trial shares.
 */
final class ProgressPrinter implements SearchProgress {
    private final PrintWriter out;
    private final List<Hyperparameter<?>> searched;
    private final Objective objective;

    ProgressPrinter(PrintWriter out, List<Hyperparameter<?>> searched, Objective objective) {
        this.out = out;
        this.searched = searched;
        this.objective = objective;
    }

    @Override
    public void trialEnded(Update u) {
        out.println(line(u, searched, objective));
        out.flush();
    }

    /**
     * An epoch of a trial that has trained for over a minute, indented under the trial lines, e.g.
     * {@code   trial 3 lr=0.05  epoch 4/8  val_acc=0.612  5m}: short trials stay quiet.
     */
    @Override
    public void epochEnded(Epoch e) {
        double seconds = (System.currentTimeMillis() - e.trial().sinceMillis()) / 1000.0;
        if (seconds < QUIET_SECONDS) {
            return;
        }
        out.println(String.format(Locale.ROOT, "      %s  epoch %d/%d  %s=%s  %s", e.trial().label(), e.epoch().epoch(),
                e.epochs(), objective.shortName(), Numbers.shortScore(objective.of(e.epoch())), duration(seconds)));
        out.flush();
    }

    /** A trial's epochs are printed once it has run this long. */
    static final double QUIET_SECONDS = 60;

    static String line(Update u, List<Hyperparameter<?>> searched, Objective objective) {
        TrialResult r = u.result();
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "[%d/%d] ", u.done(), u.known()))
                .append(TrialLabel.of(r.trialId(), r.model(), searched));
        if (u.trial().checkpoint() != null) {
            int epochs = r.epochs().size();
            line.append(String.format(Locale.ROOT, "  rung %d (%d epoch%s)", r.rung(), epochs, epochs == 1 ? "" : "s"));
        }
        if (r.status() == TrialStatus.OK) {
            line.append("  ").append(objective.format(objective.value(r)));
        } else {
            line.append("  ").append(r.status().column()).append(": ").append(firstLine(r.error()));
        }
        line.append(Double.isNaN(u.best()) ? "" : "  best=" + Numbers.shortScore(u.best()));
        line.append("  ").append(duration(r.trainSeconds()));
        if (!Double.isNaN(u.etaSeconds()) && u.done() < u.known()) {
            line.append("  ETA ").append(duration(u.etaSeconds()));
        }
        return line.toString();
    }

    /** The end of a search in one line: outcomes, epochs, time, the best trial ({@link Objective}). */
    static String summary(List<TrialResult> results, double seconds, Objective objective) {
        Map<TrialStatus, Long> outcomes = new EnumMap<>(TrialStatus.class);
        results.forEach(r -> outcomes.merge(r.status(), 1L, Long::sum));
        String counts = outcomes.entrySet().stream().map(e -> e.getValue() + " " + e.getKey().column())
                .collect(Collectors.joining(", "));
        int epochs = results.stream().mapToInt(r -> r.epochs().size()).sum();
        String best = objective.best(results)
                .map(r -> "; best " + objective.shortName() + " " + Numbers.shortScore(objective.value(r)) + " (trial "
                        + r.trialId() + ")")
                .orElse("; no trial reached a " + objective.label());
        return String.format(Locale.ROOT, "%d trials (%s), %d epochs trained, %s%s", results.size(), counts, epochs,
                duration(seconds), best);
    }

    static String firstLine(String text) {
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
