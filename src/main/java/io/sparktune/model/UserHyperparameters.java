package io.sparktune.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparktune.input.SpecException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The hyperparameters a spec declares for the user's builder by naming them {@code user.<name>}, in the
 * model section, the space or a manual configuration. sparktune knows nothing of them but their kind, read
 * from the values given: whole numbers (and ranges whose ends and step are whole) are integers, other numbers
 * reals, strings a choice, true and false a flag.
 */
public final class UserHyperparameters {
    private static final Pattern NAME = Pattern.compile("user\\.[a-z][a-z0-9_]{0,62}");

    private UserHyperparameters() {
    }

    public static boolean isUser(String name) {
        return name.startsWith(Hyperparameter.USER);
    }

    /** The hyperparameter {@code field} declares by giving {@code value}: one value, a list of them, or a range. */
    public static Hyperparameter<?> declared(String name, JsonNode value, String field) {
        if (!NAME.matcher(name).matches()) {
            throw new SpecException(field, "a builder's hyperparameter is named user. then lower-case letters, digits"
                    + " and _, starting with a letter, e.g. user.depth");
        }
        List<JsonNode> values = new ArrayList<>();
        if (value.isObject()) {
            for (String end : List.of("low", "high", "step")) {
                if (value.has(end)) {
                    values.add(value.get(end));
                }
            }
        } else if (value.isArray()) {
            value.forEach(values::add);
        } else {
            values.add(value);
        }
        if (values.isEmpty()) {
            throw new SpecException(field, "needs a value, a list of values or a range to tell its kind");
        }
        Hyperparameter.Kind kind = null;
        for (JsonNode v : values) {
            Hyperparameter.Kind next = kindOf(v, field);
            kind = kind == null || kind == next ? next : mixed(kind, next, field);
        }
        return Hyperparameter.user(name, kind);
    }

    private static Hyperparameter.Kind kindOf(JsonNode v, String field) {
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return Hyperparameter.Kind.INTEGER;
        }
        if (v.isNumber()) {
            return Hyperparameter.Kind.REAL;
        }
        if (v.isTextual()) {
            return Hyperparameter.Kind.CATEGORICAL;
        }
        if (v.isBoolean()) {
            return Hyperparameter.Kind.BOOLEAN;
        }
        throw new SpecException(field, "takes numbers, strings or true/false, got " + v);
    }

    /** Whole numbers with others are reals; any other mix is an error. */
    private static Hyperparameter.Kind mixed(Hyperparameter.Kind a, Hyperparameter.Kind b, String field) {
        boolean numbers = (a == Hyperparameter.Kind.INTEGER || a == Hyperparameter.Kind.REAL)
                && (b == Hyperparameter.Kind.INTEGER || b == Hyperparameter.Kind.REAL);
        if (!numbers) {
            throw new SpecException(field, "mixes values of different kinds; give numbers, strings or true/false");
        }
        return Hyperparameter.Kind.REAL;
    }
}
