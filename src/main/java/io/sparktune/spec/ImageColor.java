package io.sparktune.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How image-folder pictures are stored: three colour channels, or one grey channel. */
public enum ImageColor {
    RGB, GREY;

    @JsonValue
    public String specName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ImageColor fromSpec(String text) {
        String key = text.toLowerCase(Locale.ROOT);
        return switch (key) {
            case "rgb", "color", "colour" -> RGB;
            case "grey", "gray", "grayscale", "greyscale" -> GREY;
            default -> throw new IllegalArgumentException("unknown color '" + text + "'; allowed: rgb, grey");
        };
    }

    @Override
    public String toString() {
        return specName();
    }
}
