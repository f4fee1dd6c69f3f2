package io.sparktune.input;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * An enum constant as the spec writes it ("relu", "center_crop"). Parsing forgives case, spaces, hyphens
 * and underscores ("ReLU", "Leaky ReLU", "center-crop"), and a wrong word lists the allowed ones.
 */
public interface SpecName {
    /** The name a spec writes; by default the constant's name in lower case ({@code SAME} is "same"). */
    default String specName() {
        return ((Enum<?>) this).name().toLowerCase(Locale.ROOT);
    }

    static <E extends Enum<E> & SpecName> E parse(Class<E> type, String text, String what) {
        String key = normalize(text);
        for (E constant : type.getEnumConstants()) {
            if (normalize(constant.specName()).equals(key)) {
                return constant;
            }
        }
        throw new IllegalArgumentException("unknown " + what + " '" + text + "'; allowed: " + allowed(type));
    }

    static <E extends Enum<E> & SpecName> String allowed(Class<E> type) {
        return Arrays.stream(type.getEnumConstants()).map(SpecName::specName).collect(Collectors.joining(", "));
    }

    private static String normalize(String text) {
        return text.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
    }
}
