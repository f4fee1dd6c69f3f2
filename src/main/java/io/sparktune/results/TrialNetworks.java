package io.sparktune.results;

import io.sparktune.data.DataFiles;
import io.sparktune.trial.NetworkState;
import java.util.Optional;

/**
 * Each trial's network as it was after its best epoch, one ModelSerializer zip per trial under the output
 * folder's {@code trial-networks/}, for a final check that scores the pick's own network rather than
 * retrain it. The driver writes one as a trial's task hands it back; a later rung of the same trial replaces
 * it only with a better epoch's.
 */
public final class TrialNetworks {
    private final String folder;

    public TrialNetworks(String output) {
        this.folder = DataFiles.qualify(output) + "/trial-networks";
    }

    public String path(int trialId) {
        return folder + "/" + name(trialId);
    }

    private static String name(int trialId) {
        return "trial-" + trialId + ".zip";
    }

    public void save(int trialId, NetworkState network) {
        network.saveTo(path(trialId));
    }

    /** The network trial {@code trialId} left, if it left one (an earlier version of sparktune kept none). */
    public Optional<NetworkState> load(int trialId) {
        return DataFiles.exists(folder, name(trialId)) ? Optional.of(NetworkState.load(path(trialId)))
                : Optional.empty();
    }
}
