package io.sparktune.results;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparktune.data.DataException;
import io.sparktune.data.DataFiles;
import io.sparktune.data.DataFingerprint;
import io.sparktune.data.DataSummary;
import io.sparktune.input.UserInputException;
import io.sparktune.spec.SearchSpec;
import io.sparktune.spec.SpecJson;
import io.sparktune.spec.SpecReader;
import io.sparktune.trial.TrialResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.Path;

/**
 * A search's output folder: {@code spec.json} (what produced it, written before the first trial), the
 * {@link TrialJournal} (each trial as it finishes, and in {@code confirm-runs/} each confirmation run), {@code data.json}, {@code run.json}, the saved models,
 * and the {@link ResultTables}. Opening it for a search claims it ({@code .lock}) until {@link #close()}.
 */
public final class OutputFolder implements AutoCloseable {
    public static final String SPEC_FILE = "spec.json";
    /** What the network was (a file's digest for one read from a file), so a resume trains the same. */
    public static final String NETWORK_FILE = "network.txt";
    public static final String DATA_FILE = "data.json";
    public static final String RUN_FILE = "run.json";

    private final String folder;
    private volatile FolderLock lock;

    public OutputFolder(String folder) {
        this.folder = DataFiles.qualify(folder);
    }

    public String path() {
        return folder;
    }

    public TrialJournal journal() {
        return new TrialJournal(folder);
    }

    /** The confirmation runs done so far, each as the journal keeps a trial. */
    public TrialJournal confirmJournal() {
        return new TrialJournal(folder, TrialJournal.CONFIRM_FOLDER);
    }

    public ResultTables tables() {
        return new ResultTables(folder);
    }

    /**
     * Claims the folder for {@code spec} (its data path qualified, as the job fixed it) run on the files
     * {@code data}, and returns the trials already finished there: none for a new folder, the journal's for
     * a rerun of the same search on the same files (resume, see {@link SearchIdentity}). A file, or a folder
     * holding another search, another data set or something else, is refused before anything is written.
     */
    public List<TrialResult> open(SearchSpec spec, DataFingerprint data) {
        FileStatus status;
        try {
            status = DataFiles.status(folder);
        } catch (DataException e) {
            throw new UserInputException("output folder " + folder + " cannot be reached: "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        }
        if (status != null && !status.isDirectory()) {
            throw new UserInputException("output path " + folder + " is a file, not a folder; pass another --output");
        }
        DataIdentity identity = new DataIdentity(spec.data().path(), spec.execution().seed(), data);
        Optional<SearchSpec> stored = storedSpec();
        if (stored.isPresent()) {
            SearchIdentity.firstDifference(stored.get(), spec).ifPresent(difference -> {
                throw new UserInputException("output folder " + folder + " holds a different search ("
                        + difference + "); pass another --output, or remove that folder to start over");
            });
            Optional<DataIdentity> ran = dataIdentity();
            ran.flatMap(r -> data.differenceFrom(r.data())).ifPresent(difference -> {
                throw new UserInputException("output folder " + folder + " holds a search of other data files in "
                        + spec.data().path() + " (" + difference + "); its trials were trained and validated on"
                        + " those, so pass another --output, or remove that folder to start over");
            });
            Optional<String> network = DataFiles.exists(folder, NETWORK_FILE)
                    ? Optional.of(new String(DataFiles.readAll(folder, NETWORK_FILE), StandardCharsets.UTF_8))
                    : Optional.empty();
            network.filter(n -> !n.equals(spec.network().identity())).ifPresent(n -> {
                throw new UserInputException("output folder " + folder + " holds a search of another network ("
                        + n + " there, " + spec.network().identity() + " here); pass another --output, or"
                        + " remove that folder to start over");
            });
            lock = FolderLock.acquire(folder);
            if (ran.isEmpty()) {
                write(DataIdentity.FILE, json(identity));
            }
            if (network.isEmpty()) {
                write(NETWORK_FILE, spec.network().identity().getBytes(StandardCharsets.UTF_8));
            }
            return journal().readAll();
        }
        if (status != null && DataFiles.hasEntries(folder)) {
            throw new UserInputException("output folder " + folder + " is not empty and holds no sparktune search;"
                    + " pass another --output");
        }
        lock = FolderLock.acquire(folder);
        write(SPEC_FILE, spec.source().getBytes(StandardCharsets.UTF_8));
        write(DataIdentity.FILE, json(identity));
        write(NETWORK_FILE, spec.network().identity().getBytes(StandardCharsets.UTF_8));
        return List.of();
    }

    /**
     * The spec of the search this folder holds, as it was run: its data path as the first run resolved it;
     * empty for a folder without one.
     */
    public Optional<SearchSpec> storedSpec() {
        if (!DataFiles.exists(folder, SPEC_FILE)) {
            return Optional.empty();
        }
        SearchSpec spec = new SpecReader().read(new String(DataFiles.readAll(folder, SPEC_FILE),
                StandardCharsets.UTF_8), new Path(folder, SPEC_FILE).toString(), "search", List.of());
        return Optional.of(dataIdentity().map(d -> spec.withData(spec.data().withPath(d.dataPath()))).orElse(spec));
    }

    /** The data the search in this folder ran on, as its first run recorded it (none before this was kept). */
    public Optional<DataIdentity> dataIdentity() {
        return readJson(DataIdentity.FILE, DataIdentity.class);
    }

    /** The JSON file {@code name} of this folder as {@code type}; empty when there is none. */
    private <T> Optional<T> readJson(String name, Class<T> type) {
        if (!DataFiles.exists(folder, name)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SpecJson.mapper().readValue(DataFiles.readAll(folder, name), type));
        } catch (IOException e) {
            throw new UserInputException("cannot read " + new Path(folder, name) + ": " + e.getMessage(), e);
        }
    }

    /** The spec of the search this folder holds; a folder without one is the user's mistake, said so. */
    public SearchSpec searchSpec() {
        return storedSpec().orElseThrow(() -> new UserInputException("output folder " + folder
                + " holds no search (no " + SPEC_FILE + "); run a search into it first"));
    }

    /** Releases the folder; the shutdown hook and the main thread may both call it. */
    @Override
    public synchronized void close() {
        if (lock != null) {
            lock.release();
            lock = null;
        }
    }

    /** Why the last run stopped, and how many trials it left unstarted; rewritten by every run. */
    public void writeRunSummary(String stopReason, int finished, int notStarted) {
        var node = SpecJson.mapper().createObjectNode()
                .put("stop_reason", stopReason).put("trials_finished", finished).put("trials_not_started", notStarted)
                .put("ended_at", Instant.now().toString());
        write(RUN_FILE, json(node));
    }

    /** Where the search stands now, for readers in other processes; written whole, never half. */
    public void writeStatus(SearchStatus status) {
        write(SearchStatus.FILE, json(status));
    }

    /** The status the folder's last driver wrote, if any. */
    public Optional<SearchStatus> readStatus() {
        return readJson(SearchStatus.FILE, SearchStatus.class);
    }

    /** What run.json says of the last run that ended: its stop reason and when, if any run has ended. */
    public Optional<JsonNode> readRunSummary() {
        if (!DataFiles.exists(folder, RUN_FILE)) {
            return Optional.empty();
        }
        try {
            return Optional.of(SpecJson.mapper().readTree(DataFiles.readAll(folder, RUN_FILE)));
        } catch (IOException e) {
            throw new UserInputException("cannot read " + new Path(folder, RUN_FILE) + ": " + e.getMessage(), e);
        }
    }

    /** Who holds the folder's lock (pid@host) and whether that process is alive; empty when unlocked. */
    public Optional<FolderLock.Holder> lockHolder() {
        return FolderLock.holder(folder);
    }

    /** What the driver found in the data (shape, classes, images, files skipped as unreadable). */
    public void writeDataSummary(DataSummary summary) {
        write(DATA_FILE, json(summary));
    }

    /** Where the final networks are saved, one ModelSerializer zip per role. */
    public String modelPath(String role) {
        return new Path(new Path(folder, "models"), role + ".zip").toString();
    }

    private static byte[] json(Object value) {
        try {
            return SpecJson.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every file here is written whole or not at all: a crash never leaves half a spec.json. */
    private void write(String name, byte[] bytes) {
        String path = new Path(folder, name).toString();
        try {
            DataFiles.replace(path, out -> out.write(bytes));
        } catch (IOException e) {
            throw new UserInputException("cannot write " + path + ": " + e.getMessage(), e);
        }
    }
}
