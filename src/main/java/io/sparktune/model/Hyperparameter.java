package io.sparktune.model;

import com.fasterxml.jackson.databind.JsonNode;
import io.sparktune.input.SpecException;
import io.sparktune.input.SpecName;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Predicate;

/**
 * One hyperparameter of the network, declared once in {@link Hyperparameters}: its spec name (also its
 * column in the {@code trials} and {@code final} tables), its kind of value, its default (the reference
 * CNN's), the rule a value must follow, a one-line description and the short name progress lines use.
 * The spec reader, {@link ModelConfig}, the tables, the console and the README's table all come from
 * these declarations.
 *
 * @param <T> Double, Integer, Boolean or an enum implementing {@link SpecName}
 */
public final class Hyperparameter<T> {
    /** The kind of value, which decides the table type and which search distributions fit. */
    public enum Kind { REAL, INTEGER, CATEGORICAL, BOOLEAN }

    private final String specName;
    private final Kind kind;
    private final Class<T> type;
    private final T defaultValue;
    private final Predicate<T> valid;
    private final String rule;
    private final String doc;
    private final String shortName;
    private final boolean architecture;

    private Hyperparameter(String specName, Kind kind, Class<T> type, T defaultValue, Predicate<T> valid,
                           String rule, String doc, String shortName, boolean architecture) {
        this.specName = specName;
        this.kind = kind;
        this.type = type;
        this.defaultValue = defaultValue;
        this.valid = valid;
        this.rule = rule;
        this.doc = doc;
        this.shortName = shortName;
        this.architecture = architecture;
    }

    public static Hyperparameter<Double> real(String specName, double defaultValue) {
        return new Hyperparameter<>(specName, Kind.REAL, Double.class, defaultValue, Double::isFinite,
                "a finite number", "", specName, false);
    }

    public static Hyperparameter<Integer> integer(String specName, int defaultValue) {
        return new Hyperparameter<>(specName, Kind.INTEGER, Integer.class, defaultValue, v -> true,
                "a whole number", "", specName, false);
    }

    public static Hyperparameter<Boolean> flag(String specName, boolean defaultValue) {
        return new Hyperparameter<>(specName, Kind.BOOLEAN, Boolean.class, defaultValue, v -> true,
                "true or false", "", specName, false);
    }

    public static <E extends Enum<E> & SpecName> Hyperparameter<E> choice(String specName, Class<E> type,
                                                                         E defaultValue) {
        return new Hyperparameter<>(specName, Kind.CATEGORICAL, type, defaultValue, v -> true,
                "one of " + SpecName.allowed(type), "", specName, false);
    }

    /** The same declaration, whose values must pass {@code test}; {@code newRule} says so ("a number > 0"). */
    public Hyperparameter<T> valid(Predicate<T> test, String newRule) {
        return new Hyperparameter<>(specName, kind, type, defaultValue, test, newRule, doc, shortName, architecture);
    }

    public Hyperparameter<T> doc(String text) {
        return new Hyperparameter<>(specName, kind, type, defaultValue, valid, rule, text, shortName, architecture);
    }

    public Hyperparameter<T> shortName(String name) {
        return new Hyperparameter<>(specName, kind, type, defaultValue, valid, rule, doc, name, architecture);
    }

    /**
     * The same declaration, marked as shaping the built-in family's network: a network from elsewhere (a zoo,
     * a configuration file, the user's builder) has its own shape, so a spec that sets this for one is refused.
     */
    public Hyperparameter<T> architecture() {
        return new Hyperparameter<>(specName, kind, type, defaultValue, valid, rule, doc, shortName, true);
    }

    public String specName() {
        return specName;
    }

    public Kind kind() {
        return kind;
    }

    public T defaultValue() {
        return defaultValue;
    }

    /** What a value must be, as error messages and the README say it. */
    public String rule() {
        return rule;
    }

    public String doc() {
        return doc;
    }

    /** The name in progress lines, e.g. {@code lr}. */
    public String shortName() {
        return shortName;
    }

    /** Whether this shapes the built-in family's network rather than how any network trains. */
    public boolean isArchitecture() {
        return architecture;
    }

    public boolean isNumeric() {
        return kind == Kind.REAL || kind == Kind.INTEGER;
    }

    /** The values of a categorical or boolean hyperparameter; empty for numbers. */
    public List<T> allowedValues() {
        if (kind == Kind.BOOLEAN) {
            return List.of(type.cast(false), type.cast(true));
        }
        return kind == Kind.CATEGORICAL ? Arrays.asList(type.getEnumConstants()) : List.of();
    }

    /** A JSON value read strictly (no "0.1" for a number, no 1.5 for an integer) and checked. */
    public T parse(JsonNode node, String field) {
        Object value = switch (kind) {
            case REAL -> node.isNumber() ? (Object) node.asDouble() : null;
            case INTEGER -> node.isIntegralNumber() && node.canConvertToInt() ? (Object) node.asInt() : null;
            case BOOLEAN -> node.isBoolean() ? (Object) node.asBoolean() : null;
            case CATEGORICAL -> node.isTextual() ? categorical(node.asText(), field) : null;
        };
        if (value == null) {
            throw new SpecException(field, "expected " + expected() + ", got "
                    + node.getNodeType().toString().toLowerCase(Locale.ROOT) + " " + node);
        }
        return check(value, field);
    }

    /** {@code value} as this hyperparameter's type, checked against its rule; an Integer is taken for a real. */
    public T check(Object value, String field) {
        Object v = kind == Kind.REAL && value instanceof Integer i ? (Object) i.doubleValue() : value;
        if (!type.isInstance(v)) {
            throw new SpecException(field, "expected " + expected() + ", got " + value);
        }
        T typed = type.cast(v);
        if (!valid.test(typed)) {
            throw new SpecException(field, "must be " + rule + ", got " + column(typed));
        }
        return typed;
    }

    /** The value as a table cell or a progress line shows it: enums by their spec name. */
    public Object column(Object value) {
        return value instanceof SpecName named ? named.specName() : value;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object categorical(String text, String field) {
        try {
            return SpecName.parse((Class) type, text, specName.replace('_', ' '));
        } catch (IllegalArgumentException e) {
            throw new SpecException(field, e.getMessage());
        }
    }

    private String expected() {
        return switch (kind) {
            case REAL -> "a number";
            case INTEGER -> "a whole number";
            case BOOLEAN -> "true or false";
            case CATEGORICAL -> rule;
        };
    }

    @Override
    public String toString() {
        return specName;
    }
}
