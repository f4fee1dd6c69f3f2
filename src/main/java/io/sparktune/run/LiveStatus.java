package io.sparktune.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.sparktune.report.HtmlReport;
import io.sparktune.report.ReportData;
import io.sparktune.results.LocalHost;
import io.sparktune.results.OutputFolder;
import io.sparktune.results.SearchStatus;
import io.sparktune.results.WarmStart;
import io.sparktune.spark.SearchProgress;
import io.sparktune.spec.SearchSpec;
import io.sparktune.trial.TrialResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Keeps {@code <output>/status.json} and the live {@code report.html} current while a search runs, on every
 * trial start and end, and says how the run ended; passes each trial's end on to the console. Another
 * terminal reads the status with {@code sparktune status}, a browser the report, neither with Spark.
 */
final class LiveStatus implements SearchProgress {
    private final SearchProgress console;
    private final OutputFolder folder;
    private final SearchSpec spec;
    private final OptionalInt baselineId;
    private final List<WarmStart.Earlier> warmStart;
    private final String holder;
    private final Map<Integer, TrialResult> results = new TreeMap<>();
    /** The epochs heard from each running trial. */
    private final Map<Integer, List<Epoch>> heard = new HashMap<>();
    private Snapshot lastSnapshot;
    private SearchStatus last;

    LiveStatus(SearchProgress console, OutputFolder folder, SearchSpec spec, OptionalInt baselineId,
               List<WarmStart.Earlier> warmStart, List<TrialResult> earlier) {
        this.warmStart = warmStart;
        this.console = console;
        this.folder = folder;
        this.spec = spec;
        this.baselineId = baselineId;
        this.holder = ProcessHandle.current().pid() + "@" + LocalHost.name();
        earlier.forEach(r -> results.put(r.trialId(), r));
        String now = Instant.now().toString();
        publish(new SearchStatus(SearchStatus.RUNNING, holder, now, now, earlier.size(), earlier.size(), List.of(),
                0, null, null, spec.objective().specName(), null, null, null));
    }

    @Override
    public synchronized void trialEnded(Update update) {
        results.put(update.result().trialId(), update.result());
        console.trialEnded(update);
    }

    @Override
    public synchronized void epochEnded(Epoch epoch) {
        console.epochEnded(epoch);
        heard.computeIfAbsent(epoch.trial().trialId(), id -> new ArrayList<>()).add(epoch);
        if (lastSnapshot != null) {
            changed(lastSnapshot);
        }
    }

    @Override
    public synchronized void changed(Snapshot s) {
        if (!last.state().equals(SearchStatus.RUNNING)) {
            return; // a signal ended the run; what its jobs do on the way out changes nothing
        }
        lastSnapshot = s;
        Set<Integer> now = s.running().stream().map(Running::trialId).collect(Collectors.toSet());
        heard.keySet().retainAll(now);
        publish(new SearchStatus(SearchStatus.RUNNING, holder, Instant.ofEpochMilli(s.startedAtMillis()).toString(),
                Instant.now().toString(), s.done(), s.known(), running(s, heard), s.waiting(),
                s.bestTrialId() < 0 ? null : s.bestTrialId(), Double.isNaN(s.best()) ? null : s.best(),
                spec.objective().specName(), Double.isNaN(s.etaSeconds()) ? null : s.etaSeconds(), null, null));
    }

    /**
     * What the confirmation's runs report, once the trials are over: the status keeps the search's counts and
     * best, and adds the runs done and running, so {@code sparktune status} shows what the driver does.
     */
    SearchProgress confirmation(SearchProgress console) {
        return new SearchProgress() {
            @Override
            public void trialEnded(Update update) {
                console.trialEnded(update);
            }

            @Override
            public void epochEnded(Epoch epoch) {
                console.epochEnded(epoch);
            }

            @Override
            public void changed(Snapshot s) {
                synchronized (LiveStatus.this) {
                    SearchStatus t = last;
                    if (!t.state().equals(SearchStatus.RUNNING)) {
                        return;
                    }
                    publish(new SearchStatus(t.state(), t.holder(), t.startedAt(), Instant.now().toString(), t.done(),
                            t.known(), List.of(), 0, t.bestTrialId(), t.bestValue(), t.objective(), null, null,
                            new SearchStatus.Confirming(s.done(), s.known(), running(s, Map.of()))));
                }
            }
        };
    }

    private static List<SearchStatus.RunningTrial> running(Snapshot s, Map<Integer, List<Epoch>> heard) {
        return s.running().stream().map(r -> {
            List<Epoch> epochs = heard.getOrDefault(r.trialId(), List.of());
            return new SearchStatus.RunningTrial(r.trialId(), r.label(), Instant.ofEpochMilli(r.sinceMillis())
                    .toString(), epochs.isEmpty() ? 0 : epochs.get(0).epochs(), epochs.stream().map(Epoch::epoch)
                    .toList());
        }).toList();
    }

    /**
     * The run is over ({@code state} ended or interrupted) for {@code reason}. An interruption is final: the
     * main thread finishing its step after the shutdown hook has written it does not overwrite it.
     */
    synchronized void ended(String state, String reason, int done) {
        SearchStatus s = last;
        if (s.state().equals(SearchStatus.INTERRUPTED)) {
            return;
        }
        publish(new SearchStatus(state, s.holder(), s.startedAt(), Instant.now().toString(), done, Math.max(done,
                s.known()), List.of(), 0, s.bestTrialId(), s.bestValue(), s.objective(), null, reason, null));
    }

    /**
     * The page first, then the status file: whoever sees a status (the status command, a script waiting on it)
     * then finds a page at least as new beside it.
     */
    private void publish(SearchStatus status) {
        last = status;
        ObjectNode data = ReportData.live(spec, List.copyOf(results.values()), baselineId, status, warmStart);
        new HtmlReport().writeLive(spec, data, status.state().equals(SearchStatus.RUNNING), folder.path());
        folder.writeStatus(status);
    }
}
