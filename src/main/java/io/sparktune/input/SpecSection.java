package io.sparktune.input;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A JSON object of the spec ({@code execution}, {@code search.tpe}, ...) and its fields in the order the
 * reference lists them. A section bound to a record checks each component by its field's rule, so the
 * record's own {@code validate()} keeps only the rules that join fields.
 */
public record SpecSection(String path, List<SpecField<?>> fields) {
    public SpecSection(String path, SpecField<?>... fields) {
        this(path, List.of(fields));
    }

    public Optional<SpecField<?>> field(String name) {
        return fields.stream().filter(f -> f.name().equals(name)).findFirst();
    }

    /** Refuses the first field of {@code node} this section does not declare, listing those it does. */
    public void requireKnown(JsonNode node) {
        requireKnown(node, path);
    }

    /** As {@link #requireKnown(JsonNode)}, for a section that stands at {@code at} (one range of the space). */
    public void requireKnown(JsonNode node, String at) {
        node.fieldNames().forEachRemaining(name -> {
            if (field(name).isEmpty()) {
                throw new SpecException(at.isEmpty() ? name : at + "." + name, "is not a known field; allowed: "
                        + String.join(", ", new TreeSet<>(fields.stream().map(SpecField::name).toList())));
            }
        });
    }

    /** {@code record} after each of its components met its field's rule; a component without a field is skipped. */
    public <R extends Record> R check(R record) {
        Map<String, SpecField<?>> byName = fields.stream()
                .collect(Collectors.toMap(f -> camelCase(f.name()), Function.identity()));
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            SpecField<?> field = byName.get(component.getName());
            if (field != null) {
                field.checkAny(value(record, component));
            }
        }
        return record;
    }

    private static Object value(Record record, RecordComponent component) {
        try {
            return component.getAccessor().invoke(record);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.getName() + " of " + record, e);
        }
    }

    /** {@code max_train_images} as a record component names it: {@code maxTrainImages}. */
    static String camelCase(String snake) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : snake.toCharArray()) {
            if (c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name.toString();
    }
}
