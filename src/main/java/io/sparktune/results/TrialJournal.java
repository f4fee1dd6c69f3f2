package io.sparktune.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sparktune.data.DataFiles;
import io.sparktune.trial.TrialResult;
import java.io.IOException;
import java.io.InputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One JSON file per finished trial under {@code <output>/journal/}, written by the task that trained it
 * the moment it finishes. It is what makes a search survive a lost driver: the tables are rebuilt from it,
 * and a rerun skips every trial it holds. A retried task rewrites its trial's file, so each trial is
 * there once however often it ran.
 */
public final class TrialJournal implements Serializable {
    public static final String FOLDER = "journal";
    /** Where confirmation runs are kept, apart from the trials every reader of the journal expects. */
    public static final String CONFIRM_FOLDER = "confirm-runs";

    /** Curves may hold NaN (a diverged epoch), which strict JSON cannot. */
    private static final ObjectMapper JSON = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .disable(JsonWriteFeature.WRITE_NAN_AS_STRINGS)
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();

    private final String folder;

    public TrialJournal(String outputFolder) {
        this(outputFolder, FOLDER);
    }

    /** The journal kept in {@code subfolder} of the output folder. */
    public TrialJournal(String outputFolder, String subfolder) {
        this.folder = new Path(outputFolder, subfolder).toString();
    }

    /** Writes the result under a temporary name and renames it, so a reader never sees half a file. */
    public void record(TrialResult result) {
        String target = new Path(folder, String.format(Locale.ROOT, "trial-%06d.json", result.trialId())).toString();
        try {
            DataFiles.replace(target, out -> out.write(JSON.writeValueAsBytes(result)));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot record trial " + result.trialId() + " in " + folder, e);
        }
    }

    /** Every recorded trial, by trial id. */
    public List<TrialResult> readAll() {
        List<TrialResult> results = new ArrayList<>();
        for (String name : DataFiles.list(folder)) {
            if (!name.startsWith("trial-") || !name.endsWith(".json")) {
                continue;
            }
            try {
                results.add(JSON.readValue(DataFiles.readAll(folder, name), TrialResult.class));
            } catch (JsonProcessingException e) {
                throw new io.sparktune.input.UserInputException("journal file " + new Path(folder, name)
                        + " is damaged (" + e.getOriginalMessage() + "); delete it to retrain that trial", e);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the journal in " + folder, e);
            }
        }
        results.sort(Comparator.comparingInt(TrialResult::trialId));
        return results;
    }
}
