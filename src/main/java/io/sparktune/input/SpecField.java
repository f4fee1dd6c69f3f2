package io.sparktune.input;

import java.util.Locale;
import java.util.function.Predicate;

/**
 * One field of a spec section, declared once: its dotted path, the value it takes when the spec leaves it
 * out, the rule a given value must meet, what it means, and whether a rerun may change it and still resume
 * the search. The reader, the section's record, a resume's identity check and the README's reference all
 * take these from here, so they cannot drift apart.
 */
public final class SpecField<T> {
    private final String path;
    private final String kind;
    private final T defaultValue;
    private Predicate<T> valid = v -> true;
    private String rule;
    private String defaultText;
    private String doc = "";
    private boolean mayChange;

    private SpecField(String path, String kind, T defaultValue, String rule) {
        this.path = path;
        this.kind = kind;
        this.defaultValue = defaultValue;
        this.rule = rule;
    }

    /** A whole number; {@code defaultValue} null when it has none or one that depends on other fields. */
    public static SpecField<Integer> whole(String path, Integer defaultValue) {
        return new SpecField<>(path, "integer", defaultValue, "a whole number");
    }

    public static SpecField<Long> wholeLong(String path, Long defaultValue) {
        return new SpecField<>(path, "integer", defaultValue, "a whole number");
    }

    public static SpecField<Double> number(String path, Double defaultValue) {
        return new SpecField<>(path, "number", defaultValue, "a number");
    }

    public static SpecField<Boolean> flag(String path, Boolean defaultValue) {
        return new SpecField<>(path, "boolean", defaultValue, "true or false");
    }

    public static SpecField<String> text(String path) {
        return new SpecField<>(path, "string", null, "a string");
    }

    public static <E extends Enum<E> & SpecName> SpecField<E> choice(String path, Class<E> type, E defaultValue) {
        return new SpecField<>(path, "choice", defaultValue, "one of " + SpecName.allowed(type));
    }

    /** A JSON object or list read by its own rules (a section, the space, the manual configurations). */
    public static SpecField<Object> structure(String path, String kind, String rule) {
        return new SpecField<>(path, kind, null, rule);
    }

    /** Values outside [low, high] are refused. */
    public SpecField<T> between(long low, long high) {
        return valid(v -> ((Number) v).doubleValue() >= low && ((Number) v).doubleValue() <= high,
                rule + " from " + low + " to " + high);
    }

    public SpecField<T> valid(Predicate<T> test, String ruleText) {
        this.valid = test;
        this.rule = ruleText;
        return this;
    }

    public SpecField<T> doc(String text) {
        this.doc = text;
        return this;
    }

    /** How the default reads where it is no fixed value ("every image", "out/&lt;name&gt;"). */
    public SpecField<T> defaultText(String text) {
        this.defaultText = text;
        return this;
    }

    /** A rerun that changes this field still resumes: it says where, how fast or how long, not what is found. */
    public SpecField<T> mayChangeOnResume() {
        this.mayChange = true;
        return this;
    }

    public String path() {
        return path;
    }

    /** The last part of the path, as the section's JSON object names the field. */
    public String name() {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    public String kind() {
        return kind;
    }

    public String rule() {
        return rule;
    }

    public String doc() {
        return doc;
    }

    public boolean mayChange() {
        return mayChange;
    }

    public T defaultValue() {
        return defaultValue;
    }

    public String defaultText() {
        if (defaultText != null) {
            return defaultText;
        }
        if (defaultValue == null) {
            return "";
        }
        return "`" + (defaultValue instanceof SpecName name ? name.specName()
                : defaultValue instanceof Double d ? String.format(Locale.ROOT, "%s", d) : defaultValue) + "`";
    }

    /** The given value, or the default when the spec left the field out. */
    public T or(T given) {
        return given == null ? defaultValue : given;
    }

    /** Whether the rule allows {@code value}. */
    public boolean allows(T value) {
        return valid.test(value);
    }

    /** {@code value} if the rule allows it (or it is absent); otherwise a refusal naming this field. */
    public T check(T value) {
        if (value != null && !allows(value)) {
            throw refusal(value);
        }
        return value;
    }

    /** Checks a value read from a record component of this field's type. */
    @SuppressWarnings("unchecked")
    void checkAny(Object value) {
        check((T) value);
    }

    public SpecException refusal(Object got) {
        return refusalAt(path, got);
    }

    /** The refusal for a field that stands at {@code at}: a range's, whose path names no one hyperparameter. */
    public SpecException refusalAt(String at, Object got) {
        return new SpecException(at, "must be " + rule + ", got " + got);
    }
}
