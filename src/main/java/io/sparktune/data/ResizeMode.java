package io.sparktune.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sparktune.input.SpecName;
import java.util.Locale;

/** How an image of another aspect becomes a square: stretched whole, or its centre square cut out. */
public enum ResizeMode implements SpecName {
    STRETCH, CENTER_CROP;

    @JsonValue
    @Override
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ResizeMode fromSpec(String text) {
        return SpecName.parse(ResizeMode.class, text, "resize");
    }

    @Override
    public String toString() {
        return specName();
    }
}
