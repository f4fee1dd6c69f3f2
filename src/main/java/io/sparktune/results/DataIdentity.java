package io.sparktune.results;

import io.sparktune.data.DataFingerprint;

/**
 * The data a search ran on, stored in its folder at its first run ({@code identity.json}): the data
 * folder as a qualified URI (so a relative path means what it meant then, wherever the rerun starts),
 * the seed that picked the validation split, and the files' fingerprint. A resume or a warm start on
 * other files is refused with the first file that differs.
 */
public record DataIdentity(String dataPath, long seed, DataFingerprint data) {
    public static final String FILE = "identity.json";
}
