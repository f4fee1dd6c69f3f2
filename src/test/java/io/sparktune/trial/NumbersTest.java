package io.sparktune.trial;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A number reads one way wherever a person reads it. */
class NumbersTest {
    @Test
    void aSettingReadsAsASpecWritesItWithThreeSignificantDigitsAtMost() {
        assertEquals("0.0003", Numbers.setting(3.0E-4));
        assertEquals("0.0152", Numbers.setting(0.0152296891839));
        assertEquals("0.000609", Numbers.setting(0.000609368453019));
        assertEquals("0", Numbers.setting(0.0));
        assertEquals("64", Numbers.setting(64));
        assertEquals("tanh", Numbers.setting("tanh"));
    }

    @Test
    void aScoreReadsToFourDecimalsOrThreeOnAProgressLine() {
        assertEquals("0.4447", Numbers.score(0.444712));
        assertEquals("0.44", Numbers.score(0.44));
        assertEquals("1.0", Numbers.score(1.0));
        assertEquals("0.0000123", Numbers.score(1.23e-5), "not 0.0000 nor 1.23e-05");
        assertEquals("NaN", Numbers.score(Double.NaN));
        assertEquals("val_acc=0.445", Objective.VAL_ACCURACY.format(0.444712), "a progress line's short form");
    }
}
