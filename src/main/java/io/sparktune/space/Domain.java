package io.sparktune.space;

import java.util.List;
import java.util.Random;

/** The values one hyperparameter may take in a search: a list of choices, or a range of numbers. */
public sealed interface Domain permits Choice, Range {
    /** The values grid search tries, in order. */
    List<Object> gridValues();

    /** One value drawn at random, for random search. */
    Object sample(Random random);

    /** How many distinct values a draw can give; {@link Long#MAX_VALUE} for a range of real numbers. */
    long size();
}
