package io.sparktune.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparktune.input.SpecException;
import io.sparktune.input.SpecField;
import io.sparktune.input.SpecSection;

/**
 * {@code search.confirm}: after the search, its {@code top} configurations are trained again with
 * {@code seeds} new seeds each, and the one with the best mean is the pick. One lucky run should not name
 * the winner: on validation sets of a few thousand images the noise of one run is as large as the
 * differences among the best configurations. {@code always}: confirm whatever the search's size; when the
 * spec does not say, only searches of {@link #AUTO_FROM} trials or more confirm, since a handful of trials
 * is a check rather than a search.
 */
public record ConfirmSpec(int top, int seeds, boolean always) {
    /** The search size from which confirmation is on when the spec does not mention it. */
    public static final int AUTO_FROM = 8;
    public static final SpecField<Integer> TOP = SpecField.whole("search.confirm.top", 3).between(1, 100)
            .mayChangeOnResume().doc("Configurations retrained after the search: the best by the objective that"
                    + " ran their whole budget.");
    public static final SpecField<Integer> SEEDS = SpecField.whole("search.confirm.seeds", 2).between(1, 20)
            .mayChangeOnResume().doc("New seeds for each (initialisation, order, augmentation; the validation"
                    + " images stay). The pick has the best mean over them and the search's run.");
    public static final SpecSection SECTION = new SpecSection("search.confirm", TOP, SEEDS);
    public static final ConfirmSpec AUTO = new ConfirmSpec(TOP.defaultValue(), SEEDS.defaultValue(), false);
    public static final ConfirmSpec OFF = new ConfirmSpec(0, 0, true);

    /** Whether a search of {@code trials} trials confirms its top configurations. */
    public boolean appliesTo(long trials) {
        return top > 0 && (always || trials >= AUTO_FROM);
    }

    /** {@code false}, {@code true} (the default sizes, whatever the search's size) or {@code {"top": k, "seeds": n}}. */
    static ConfirmSpec read(JsonNode node) {
        if (node == null || node.isNull()) {
            return AUTO;
        }
        if (node.isBoolean()) {
            return node.booleanValue() ? new ConfirmSpec(AUTO.top, AUTO.seeds, true) : OFF;
        }
        if (!node.isObject()) {
            throw new SpecException("search.confirm", "must be false, true or {\"top\": 3, \"seeds\": 2}, got "
                    + SpecJson.describe(node));
        }
        SECTION.requireKnown(node);
        int top = whole(node, TOP);
        int seeds = whole(node, SEEDS);
        return new ConfirmSpec(top, seeds, true);
    }

    private static int whole(JsonNode node, SpecField<Integer> field) {
        JsonNode value = node.get(field.name());
        if (value == null) {
            return field.defaultValue();
        }
        if (!value.canConvertToExactIntegral() || !value.canConvertToInt()) {
            throw field.refusal(SpecJson.describe(value));
        }
        return field.check(value.asInt());
    }

    /** As the console names it: "the top 3 on 2 new seeds each". */
    public String describe() {
        return "the top " + top + " on " + seeds + " new seed" + (seeds == 1 ? "" : "s") + " each";
    }
}
