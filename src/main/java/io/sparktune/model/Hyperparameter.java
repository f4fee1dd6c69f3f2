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
 * <p>A builder's own hyperparameters ({@code user.depth}) are declared by the spec that names them
 * ({@link #user}), their kind read from the values it gives.
 *
 * @param <T> Double, Integer, Boolean, an enum implementing {@link SpecName}, or String for a user's choice
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
    private final Networks networks;
    /** Whether a spec gives the value as a list of whole numbers, kept as their text ("64,256,256"). */
    private final boolean integerList;

    private Hyperparameter(String specName, Kind kind, Class<T> type, T defaultValue, Predicate<T> valid,
                           String rule, String doc, String shortName, Networks networks) {
        this(specName, kind, type, defaultValue, valid, rule, doc, shortName, networks, false);
    }

    private Hyperparameter(String specName, Kind kind, Class<T> type, T defaultValue, Predicate<T> valid,
                           String rule, String doc, String shortName, Networks networks, boolean integerList) {
        this.specName = specName;
        this.kind = kind;
        this.type = type;
        this.defaultValue = defaultValue;
        this.valid = valid;
        this.rule = rule;
        this.doc = doc;
        this.shortName = shortName;
        this.networks = networks;
        this.integerList = integerList;
    }

    public static Hyperparameter<Double> real(String specName, double defaultValue) {
        return new Hyperparameter<>(specName, Kind.REAL, Double.class, defaultValue, Double::isFinite,
                "a finite number", "", specName, Networks.ANY);
    }

    public static Hyperparameter<Integer> integer(String specName, int defaultValue) {
        return new Hyperparameter<>(specName, Kind.INTEGER, Integer.class, defaultValue, v -> true,
                "a whole number", "", specName, Networks.ANY);
    }

    public static Hyperparameter<Boolean> flag(String specName, boolean defaultValue) {
        return new Hyperparameter<>(specName, Kind.BOOLEAN, Boolean.class, defaultValue, v -> true,
                "true or false", "", specName, Networks.ANY);
    }

    /**
     * A list of whole numbers ({@code [64, 256, 256]} in a spec), held and shown as their text
     * ({@code "64,256,256"}) so tables, grids and samplers treat each list as one categorical value; the empty
     * list ({@code []}, the default) means the hyperparameter is off.
     */
    public static Hyperparameter<String> integerList(String specName) {
        return new Hyperparameter<>(specName, Kind.CATEGORICAL, String.class, "", IntegerList::isValid,
                "a list of whole numbers", "", specName, Networks.ANY, true);
    }

    /** The prefix of the names a spec gives a builder's own hyperparameters. */
    public static final String USER = "user.";
    private static final java.util.Map<String, Hyperparameter<?>> USERS =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * The hyperparameter {@code user.<name>} of kind {@code kind}, for the user's builder; one instance per name
     * and kind, so the same declaration read twice is the same hyperparameter.
     */
    public static Hyperparameter<?> user(String specName, Kind kind) {
        return USERS.computeIfAbsent(specName + "|" + kind, key -> switch (kind) {
            case REAL -> real(specName, 0.0).doc("Your builder's own.");
            case INTEGER -> integer(specName, 0).doc("Your builder's own.");
            case BOOLEAN -> flag(specName, false).doc("Your builder's own.");
            case CATEGORICAL -> new Hyperparameter<>(specName, Kind.CATEGORICAL, String.class, "", v -> true,
                    "a string", "Your builder's own.", specName, Networks.ANY);
        });
    }

    /** Whether this is one of the user's builder's own, not sparktune's. */
    public boolean isUser() {
        return specName.startsWith(USER);
    }

    /** Its column in the tables: the spec name, with {@code user.} as {@code user_} so SQL needs no quotes. */
    public String columnName() {
        return specName.replace('.', '_');
    }

    public static <E extends Enum<E> & SpecName> Hyperparameter<E> choice(String specName, Class<E> type,
                                                                         E defaultValue) {
        return new Hyperparameter<>(specName, Kind.CATEGORICAL, type, defaultValue, v -> true,
                "one of " + SpecName.allowed(type), "", specName, Networks.ANY);
    }

    /** The same declaration, whose values must pass {@code test}; {@code newRule} says so ("a number > 0"). */
    public Hyperparameter<T> valid(Predicate<T> test, String newRule) {
        return new Hyperparameter<>(specName, kind, type, defaultValue, test, newRule, doc, shortName, networks,
                integerList);
    }

    public Hyperparameter<T> doc(String text) {
        return new Hyperparameter<>(specName, kind, type, defaultValue, valid, rule, text, shortName, networks,
                integerList);
    }

    public Hyperparameter<T> shortName(String name) {
        return new Hyperparameter<>(specName, kind, type, defaultValue, valid, rule, doc, name, networks,
                integerList);
    }

    /** The networks a hyperparameter means something for; a spec that sets it for another is refused. */
    public enum Networks {
        /** How any network trains. */
        ANY("any"),
        /** The built-in family's shape: a network from elsewhere (zoo, file, builder) has its own. */
        BUILT_IN("built-in"),
        /** How a network with weights of its own (model.network dl4j_model or keras_model) is fine-tuned. */
        PRETRAINED("pretrained");

        private final String label;

        Networks(String label) {
            this.label = label;
        }

        /** As the README's table says it. */
        public String label() {
            return label;
        }
    }

    /** The same declaration, meaning something for {@code applies} networks only. */
    public Hyperparameter<T> only(Networks applies) {
        return new Hyperparameter<>(specName, kind, type, defaultValue, valid, rule, doc, shortName, applies,
                integerList);
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

    /** The networks this means something for. */
    public Networks networks() {
        return networks;
    }

    /** Whether a spec gives its value as a list of whole numbers ({@link #integerList}). */
    public boolean isIntegerList() {
        return integerList;
    }

    public boolean isNumeric() {
        return kind == Kind.REAL || kind == Kind.INTEGER;
    }

    /** The values of a categorical or boolean hyperparameter; empty for numbers. */
    public List<T> allowedValues() {
        if (kind == Kind.BOOLEAN) {
            return List.of(type.cast(false), type.cast(true));
        }
        return kind == Kind.CATEGORICAL && type.isEnum() ? Arrays.asList(type.getEnumConstants()) : List.of();
    }

    /** A JSON value read strictly (no "0.1" for a number, no 1.5 for an integer) and checked. */
    public T parse(JsonNode node, String field) {
        Object value = switch (kind) {
            case REAL -> node.isNumber() ? (Object) node.asDouble() : null;
            case INTEGER -> node.isIntegralNumber() && node.canConvertToInt() ? (Object) node.asInt() : null;
            case BOOLEAN -> node.isBoolean() ? (Object) node.asBoolean() : null;
            case CATEGORICAL -> integerList ? IntegerList.text(node) : node.isTextual()
                    ? categorical(node.asText(), field) : null;
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
        if (type == String.class) {
            return text;
        }
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
            case CATEGORICAL -> integerList ? "a list of whole numbers such as [64, 256, 256]" : rule;
        };
    }

    @Override
    public String toString() {
        return specName;
    }
}
