package io.sparktune.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sparktune.input.SpecName;
import java.util.Locale;

/** How image-folder pictures are stored: three colour channels, or one grey channel. */
public enum ImageColor implements SpecName {
    RGB, GREY;

    @JsonValue
    @Override
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ImageColor fromSpec(String text) {
        return SpecName.parse(ImageColor.class, "gray".equalsIgnoreCase(text) ? "grey" : text, "color");
    }

    @Override
    public String toString() {
        return specName();
    }
}
