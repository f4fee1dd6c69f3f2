package io.sparktune.data;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.sparktune.input.SpecName;

/** The on-disk layouts sparktune reads. */
public enum DataKind implements SpecName {
    CIFAR10("cifar10"),
    IMAGE_FOLDER("image_folder"),
    IMAGE_MANIFEST("image_manifest"),
    IDX("idx");

    private final String specName;

    DataKind(String specName) {
        this.specName = specName;
    }

    /** Whether the files are pictures of any size that are decoded and scaled to the spec's image size. */
    public boolean decodesPictures() {
        return this == IMAGE_FOLDER || this == IMAGE_MANIFEST;
    }

    @JsonValue
    @Override
    public String specName() {
        return specName;
    }

    @JsonCreator
    public static DataKind fromSpec(String text) {
        return SpecName.parse(DataKind.class, text, "data kind");
    }

    @Override
    public String toString() {
        return specName;
    }
}
