package io.sparktune.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparktune.network.BuiltInNetwork;
import io.sparktune.results.FolderLock;
import io.sparktune.results.SearchStatus;
import io.sparktune.spec.SearchSpec;
import io.sparktune.trial.EpochResult;
import io.sparktune.trial.Numbers;
import io.sparktune.trial.Objective;
import io.sparktune.trial.TrialResult;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * How a search stands, as {@code sparktune status} prints it, from what its folder holds: the lock (is a
 * driver alive?), the status its driver last wrote, the journal (the trials with a result: the truth even
 * when the driver died) and run.json (why the last run stopped).
 */
public final class StatusLines {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private StatusLines() {
    }

    public static List<String> of(String folder, SearchSpec spec, Optional<FolderLock.Holder> lock,
                                  Optional<SearchStatus> status, List<TrialResult> journal,
                                  Optional<JsonNode> lastRun, Instant now) {
        List<String> lines = new ArrayList<>();
        lines.add(row("search", spec.name() + " (" + spec.strategyLabel() + "), in " + folder));
        if (!(spec.network() instanceof BuiltInNetwork)) {
            lines.add(row("network", spec.network().description()));
        }
        boolean running = lock.isPresent() && lock.get().alive();
        if (running) {
            String since = status.map(s -> ", since " + at(s.startedAt()) + " (" + ago(s.startedAt(), now) + ")")
                    .orElse("");
            lines.add(row("state", "running, driver " + lock.get().name() + since));
        } else if (lock.isPresent()) {
            lines.add(row("state", "not running: its driver (" + lock.get().name() + ") is gone without recording"
                    + " a stop; rerun the search to resume it"));
        } else {
            lines.add(row("state", "not running"));
        }
        Optional<SearchStatus> live = running ? status.filter(s -> s.state().equals(SearchStatus.RUNNING))
                : Optional.empty();
        int runningNow = live.map(s -> s.running().size()).orElse(0);
        String left = live.map(s -> String.format(Locale.ROOT, ", %d running, %d waiting (%d asked for so far)",
                runningNow, s.waiting(), Math.max(s.known(), journal.size()))).orElse("");
        lines.add(row("trials", journal.size() + " done" + left));
        live.ifPresent(s -> running(lines, s.running(), now));
        live.map(SearchStatus::confirming).ifPresent(c -> {
            lines.add(row("confirm", String.format(Locale.ROOT, "%d of %d runs on new seeds done, %d running",
                    c.done(), c.runs(), c.running().size())));
            running(lines, c.running(), now);
        });
        Objective objective = spec.objective();
        Optional<TrialResult> best = objective.best(journal);
        lines.add(row("best", best.map(r -> "trial " + r.trialId() + ", " + objective.specName() + " "
                + Numbers.score(objective.value(r))).orElse("none yet")));
        live.filter(s -> s.etaSeconds() != null).ifPresent(s -> lines.add(row("ETA",
                ProgressPrinter.duration(s.etaSeconds()) + " for the trials asked for so far (as of "
                        + at(s.updatedAt()) + ")")));
        if (!running) {
            // The status a driver wrote when its run ended, else run.json (a folder from before status.json).
            Optional<String> stop = status.filter(s -> s.stopReason() != null)
                    .map(s -> s.stopReason() + " (" + at(s.updatedAt()) + ")")
                    .or(() -> lastRun.map(r -> r.path("stop_reason").asText() + (r.hasNonNull("ended_at")
                            ? " (" + at(r.get("ended_at").asText()) + ")" : "")));
            lines.add(row("last stop", stop.orElse("no run has ended here yet")));
        }
        return lines;
    }

    /** The epochs a running trial has finished: ", epoch 3/8, val_acc 0.41 0.52 0.58". */
    private static String curve(SearchStatus.RunningTrial t) {
        if (t.curve().isEmpty()) {
            return "";
        }
        EpochResult last = t.curve().get(t.curve().size() - 1);
        return String.format(Locale.ROOT, ", epoch %d/%d, val_acc %s", last.epoch(), t.epochs(), t.curve().stream()
                .map(e -> Numbers.shortScore(e.valAccuracy())).collect(java.util.stream.Collectors.joining(" ")));
    }

    private static void running(List<String> lines, List<SearchStatus.RunningTrial> running, Instant now) {
        for (int i = 0; i < running.size(); i++) {
            SearchStatus.RunningTrial t = running.get(i);
            lines.add(row(i == 0 ? "running" : "", t.label() + ", for " + ago(t.since(), now) + curve(t)));
        }
    }

    private static String row(String label, String text) {
        return String.format(Locale.ROOT, "%-10s %s", label.isEmpty() ? "" : label + ":", text);
    }

    private static String at(String iso) {
        return TIME.format(Instant.parse(iso));
    }

    private static String ago(String iso, Instant now) {
        return ProgressPrinter.duration(Math.max(0, Duration.between(Instant.parse(iso), now).toMillis() / 1000.0));
    }
}
