package io.sparktune.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import com.fasterxml.jackson.databind.JsonNode;
import io.sparktune.input.SpecException;
import java.io.Serializable;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything that decides how one CNN is built and trained: a value for every hyperparameter in
 * {@link Hyperparameters#ALL}. The spec's {@code model} section gives the defaults (the baseline); a trial
 * is these defaults with the searched values laid over them. Immutable; every value was checked against
 * its hyperparameter's rule when it was set, so a ModelConfig is always valid. It also holds the values of
 * the user's builder's own hyperparameters ({@link UserHyperparameters}) the spec declared.
 */
public final class ModelConfig implements Serializable {
    private static final long serialVersionUID = 1L;

    /** The reference CNN: conv 32 3x3 -> max-pool 2x2 -> dense 128 -> softmax, ReLU, Adam 0.001, 5 epochs. */
    public static final ModelConfig REFERENCE = new ModelConfig(
            Hyperparameters.ALL.stream().map(Hyperparameter::defaultValue).toArray(), new TreeMap<>());

    /** Values in the order of {@link Hyperparameters#ALL}: plain Double, Integer, Boolean and enums. */
    private final Object[] values;
    /** The user's hyperparameters by spec name, in name order: Double, Integer, Boolean or String. */
    private final TreeMap<String, Object> user;

    private ModelConfig(Object[] values, TreeMap<String, Object> user) {
        this.values = values;
        this.user = user;
    }

    /** {@code h}'s value; null for a user's hyperparameter this configuration does not hold. */
    public <T> T get(Hyperparameter<T> h) {
        @SuppressWarnings("unchecked")
        T value = (T) (h.isUser() ? user.get(h.specName()) : values[Hyperparameters.indexOf(h)]);
        return value;
    }

    /** The user's hyperparameters this configuration holds, in name order. */
    public List<Hyperparameter<?>> userHyperparameters() {
        return user.entrySet().stream()
                .<Hyperparameter<?>>map(e -> Hyperparameter.user(e.getKey(), kindOf(e.getValue()))).toList();
    }

    private static Hyperparameter.Kind kindOf(Object value) {
        if (value instanceof Integer) {
            return Hyperparameter.Kind.INTEGER;
        }
        if (value instanceof Double) {
            return Hyperparameter.Kind.REAL;
        }
        return value instanceof Boolean ? Hyperparameter.Kind.BOOLEAN : Hyperparameter.Kind.CATEGORICAL;
    }

    /** The value of {@code h} as a table or progress line shows it (enums by their spec name). */
    public Object column(Hyperparameter<?> h) {
        return h.column(get(h));
    }

    /** This config with {@code h} set to {@code value}, which must follow h's rule. */
    public <T> ModelConfig with(Hyperparameter<T> h, T value) {
        return with(Map.of(h, value), "");
    }

    /**
     * This config as any number of epochs would have it (epochs set to 1): successive halving sets a trial's
     * epochs rung by rung, so two trials that differ only there are the same configuration.
     */
    public ModelConfig anyEpochs() {
        return with(Hyperparameters.EPOCHS, 1);
    }

    /**
     * This config with several values replaced, each checked against its hyperparameter's rule; an error
     * names the field as {@code prefix} + the spec name.
     */
    public ModelConfig with(Map<Hyperparameter<?>, ?> changes, String prefix) {
        Object[] next = values.clone();
        TreeMap<String, Object> nextUser = new TreeMap<>(user);
        changes.forEach((h, v) -> {
            Object checked = h.check(v, prefix + h.specName());
            if (!h.isUser()) {
                next[Hyperparameters.indexOf(h)] = checked;
                return;
            }
            Object earlier = user.get(h.specName());
            if (earlier != null && kindOf(earlier) != h.kind()) {
                throw new SpecException(prefix + h.specName(), "is " + describe(h.kind()) + " here but "
                        + describe(kindOf(earlier)) + " elsewhere in the spec (" + earlier + "); give one kind");
            }
            nextUser.put(h.specName(), checked);
        });
        return new ModelConfig(next, nextUser);
    }

    private static String describe(Hyperparameter.Kind kind) {
        return switch (kind) {
            case INTEGER -> "a whole number";
            case REAL -> "a number with decimals";
            case BOOLEAN -> "true or false";
            case CATEGORICAL -> "a string";
        };
    }

    /**
     * This config with the fields a JSON object names replaced; unknown fields and wrong values are errors. A
     * {@code user.<name>} field declares a user's hyperparameter of the kind its value has.
     */
    public ModelConfig overlay(JsonNode partial, String prefix) {
        if (!partial.isObject()) {
            throw new SpecException(prefix.isEmpty() ? "model" : prefix.substring(0, prefix.length() - 1),
                    "must be a JSON object of model settings, got " + partial);
        }
        Map<Hyperparameter<?>, Object> changes = new LinkedHashMap<>();
        partial.properties().forEach(f -> {
            Hyperparameter<?> h = UserHyperparameters.isUser(f.getKey())
                    ? UserHyperparameters.declared(f.getKey(), f.getValue(), prefix + f.getKey())
                    : Hyperparameters.named(f.getKey()).orElseThrow(() -> new SpecException(prefix + f.getKey(),
                            "is not a known field; allowed: " + Hyperparameters.allowed() + ", and user.<name> for"
                                    + " a builder's own"));
            changes.put(h, h.parse(f.getValue(), prefix + f.getKey()));
        });
        return with(changes, prefix);
    }

    /** The hyperparameters whose values differ from {@code other}'s, in column order, the user's last. */
    public List<Hyperparameter<?>> differences(ModelConfig other) {
        List<Hyperparameter<?>> all = new java.util.ArrayList<>(Hyperparameters.ALL);
        all.addAll(userHyperparameters());
        other.userHyperparameters().stream().filter(h -> !all.contains(h)).forEach(all::add);
        return all.stream().filter(h -> !java.util.Objects.equals(get(h), other.get(h))).toList();
    }

    /** As stored in journals and spec identities: spec names to column values. */
    @JsonValue
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        Hyperparameters.ALL.forEach(h -> map.put(h.specName(), column(h)));
        map.putAll(user);
        return map;
    }

    /** Read back from {@link #toMap()}; a field not stored (a journal from before it existed) keeps its default. */
    @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
    public static ModelConfig fromJson(JsonNode node) {
        return REFERENCE.overlay(node, "model.");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelConfig other && Arrays.equals(values, other.values) && user.equals(other.user);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(values) + user.hashCode();
    }

    @Override
    public String toString() {
        return toMap().toString();
    }
}
