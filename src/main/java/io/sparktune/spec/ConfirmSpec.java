package io.sparktune.spec;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparktune.input.SpecException;

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
    public static final ConfirmSpec AUTO = new ConfirmSpec(3, 2, false);
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
        node.fieldNames().forEachRemaining(f -> {
            if (!f.equals("top") && !f.equals("seeds")) {
                throw new SpecException("search.confirm." + f, "is not a field of search.confirm (top, seeds)");
            }
        });
        int top = whole(node, "top", AUTO.top, 100, "configurations to retrain");
        int seeds = whole(node, "seeds", AUTO.seeds, 20, "new seeds for each of them");
        return new ConfirmSpec(top, seeds, true);
    }

    private static int whole(JsonNode node, String field, int otherwise, int max, String what) {
        JsonNode value = node.get(field);
        if (value == null) {
            return otherwise;
        }
        if (!value.canConvertToExactIntegral() || value.asInt() < 1 || value.asInt() > max) {
            throw new SpecException("search.confirm." + field, "must be a whole number from 1 to " + max + " ("
                    + what + "), got " + SpecJson.describe(value));
        }
        return value.asInt();
    }

    /** As the console names it: "the top 3 on 2 new seeds each". */
    public String describe() {
        return "the top " + top + " on " + seeds + " new seed" + (seeds == 1 ? "" : "s") + " each";
    }
}
