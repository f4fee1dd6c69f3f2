package io.sparktune.spec;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.sparktune.input.SpecException;
import io.sparktune.input.UserInputException;
import java.util.Collection;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The one Jackson configuration for specs and stored records: strict (no unknown fields, no coercion of
 * "0.1" to a number or 1.5 to an int, no duplicate keys, no polymorphic typing) and snake_case like the
 * spec files. Binding errors come back as {@link SpecException} naming the dotted field.
 */
public final class SpecJson {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .propertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
            .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
            .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            .enable(JsonReadFeature.ALLOW_JAVA_COMMENTS)
            .enable(SerializationFeature.INDENT_OUTPUT)
            .build();

    private SpecJson() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** Parses JSON text; {@code source} names the file in the message when it is not valid JSON. */
    public static JsonNode parse(String text, String source) {
        try {
            return MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            var loc = e.getLocation();
            String where = loc == null ? "" : " at line " + loc.getLineNr() + ", column " + loc.getColumnNr();
            throw new UserInputException(source + " is not valid JSON" + where + ": " + e.getOriginalMessage());
        }
    }

    /** Binds {@code node} to {@code type}, naming the offending field as {@code prefix + path} on failure. */
    public static <T> T bind(JsonNode node, Class<T> type, String prefix) {
        try {
            return MAPPER.treeToValue(node, type);
        } catch (JsonProcessingException e) {
            throw translate(e, prefix);
        } catch (IllegalArgumentException e) {
            throw new SpecException(stripDot(prefix), e.getMessage());
        }
    }

    public static String describe(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "nothing";
        }
        return node.getNodeType().toString().toLowerCase(java.util.Locale.ROOT) + " " + node;
    }

    private static UserInputException translate(JsonProcessingException e, String prefix) {
        String field = prefix;
        if (e instanceof JsonMappingException jme) {
            field = prefix + jme.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."))
                    .replace(".[", "[");
        }
        field = stripDot(field);
        if (e instanceof UnrecognizedPropertyException upe) {
            Collection<String> known = new TreeSet<>();
            upe.getKnownPropertyIds().forEach(id -> known.add(id.toString()));
            return new SpecException(field, "is not a known field; allowed: " + String.join(", ", known));
        }
        if (e instanceof ValueInstantiationException vie && vie.getCause() != null) {
            return new SpecException(field, rootMessage(vie.getCause()));
        }
        if (e instanceof InvalidFormatException ife) {
            Throwable cause = ife.getCause();
            String detail = cause instanceof IllegalArgumentException ? rootMessage(cause)
                    : "expected " + typeName(ife.getTargetType()) + ", got " + ife.getValue();
            return new SpecException(field, detail);
        }
        if (e instanceof MismatchedInputException mie) {
            return new SpecException(field, "expected " + typeName(mie.getTargetType()) + ": "
                    + firstLine(mie.getOriginalMessage()));
        }
        return new SpecException(field, firstLine(e.getOriginalMessage()));
    }

    private static String typeName(Class<?> type) {
        if (type == null) {
            return "value";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class) {
            return "a whole number";
        }
        if (type == double.class || type == Double.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type.isEnum()) {
            return "one of " + java.util.Arrays.stream(type.getEnumConstants())
                    .map(Object::toString).collect(Collectors.joining(", "));
        }
        return "a " + type.getSimpleName();
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }

    private static String stripDot(String s) {
        return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
    }
}
