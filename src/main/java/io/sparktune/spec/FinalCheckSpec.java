package io.sparktune.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sparktune.input.SpecField;
import io.sparktune.input.SpecName;
import io.sparktune.input.SpecSection;

/**
 * How the search's pick and the baseline are checked on the test set: retrained on the training and validation
 * images together, or their trials' own networks scored as they were after their best epochs.
 */
public record FinalCheckSpec(Mode mode) {

    /** How the final check gets the networks it scores. */
    public enum Mode implements SpecName {
        /** Retrain unless that is expected to take long ({@code FinalCheckRule}). */
        AUTO,
        /** Retrain on every image the search used, for the trial's best epoch count, on its schedule. */
        RETRAIN,
        /** Score the trial's own network from its best epoch: no retraining. */
        REUSE;

        @JsonValue
        @Override
        public String specName() {
            return SpecName.super.specName();
        }

        @JsonCreator
        public static Mode fromSpec(String text) {
            return SpecName.parse(Mode.class, text, "final_check.mode");
        }
    }

    public static final SpecField<Mode> MODE = SpecField.choice("final_check.mode", Mode.class, Mode.AUTO)
            .mayChangeOnResume().doc("retrain: the best and the baseline trained again on training and validation"
                    + " images for their best epoch counts, on their trials' schedules; reuse: their trials' own"
                    + " networks from their best epochs, scored as they are; auto: retrain unless that is"
                    + " expected to take over 5 minutes and over a quarter of the trials' own training time.");
    public static final SpecSection SECTION = new SpecSection("final_check", MODE);

    public FinalCheckSpec {
        mode = MODE.or(mode);
    }

    public FinalCheckSpec validate() {
        return SECTION.check(this);
    }

    /** Whether trials keep their networks from their best epochs, which a reusing check scores. */
    public boolean keepsTrialNetworks() {
        return mode != Mode.RETRAIN;
    }
}
