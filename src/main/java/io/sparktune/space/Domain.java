package io.sparktune.space;

/** The values one hyperparameter may take in a search. */
public sealed interface Domain permits Choice {
}
