package io.sparktune.spec;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The on-disk layouts sparktune reads. */
public enum DataKind {
    CIFAR10("cifar10"),
    IMAGE_FOLDER("image_folder"),
    IDX("idx");

    private final String specName;

    DataKind(String specName) {
        this.specName = specName;
    }

    @JsonValue
    public String specName() {
        return specName;
    }

    @JsonCreator
    public static DataKind fromSpec(String text) {
        String key = text.toLowerCase(Locale.ROOT).replaceAll("[\\s_-]", "");
        for (DataKind k : values()) {
            if (k.specName.replace("_", "").equals(key)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown data kind '" + text + "'; allowed: "
                + Arrays.stream(values()).map(DataKind::specName).collect(Collectors.joining(", ")));
    }

    @Override
    public String toString() {
        return specName;
    }
}
