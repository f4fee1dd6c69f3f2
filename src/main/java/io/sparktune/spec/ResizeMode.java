package io.sparktune.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How an image of another aspect becomes a square: stretched whole, or its centre square cut out. */
public enum ResizeMode {
    STRETCH, CENTER_CROP;

    @JsonValue
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ResizeMode fromSpec(String text) {
        String key = text.toLowerCase(Locale.ROOT).replace('-', '_');
        for (ResizeMode m : values()) {
            if (m.specName().equals(key)) {
                return m;
            }
        }
        throw new IllegalArgumentException("unknown resize '" + text + "'; allowed: stretch, center_crop");
    }

    @Override
    public String toString() {
        return specName();
    }
}
