package io.sparktune.space;

import io.sparktune.model.ModelConfig;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The searchable fields of {@link ModelConfig}, with the spec name (also the column name in the
 * {@code trials} table) and the kind of value, which decides the table type and which distributions fit.
 */
public enum Hyperparameter {
    LEARNING_RATE("learning_rate", Kind.REAL, ModelConfig::learningRate),
    BATCH_SIZE("batch_size", Kind.INTEGER, ModelConfig::batchSize),
    FILTERS("filters", Kind.INTEGER, ModelConfig::filters),
    CONV_LAYERS("conv_layers", Kind.INTEGER, ModelConfig::convLayers),
    KERNEL_SIZE("kernel_size", Kind.INTEGER, ModelConfig::kernelSize),
    DENSE_UNITS("dense_units", Kind.INTEGER, ModelConfig::denseUnits),
    ACTIVATION("activation", Kind.CATEGORICAL, ModelConfig::activation),
    DROPOUT("dropout", Kind.REAL, ModelConfig::dropout),
    OPTIMIZER("optimizer", Kind.CATEGORICAL, ModelConfig::optimizer),
    L2("l2", Kind.REAL, ModelConfig::l2),
    EPOCHS("epochs", Kind.INTEGER, ModelConfig::epochs),
    AUGMENT_FLIP("augment_flip", Kind.BOOLEAN, ModelConfig::augmentFlip),
    AUGMENT_CROP("augment_crop", Kind.INTEGER, ModelConfig::augmentCrop),
    EARLY_STOPPING_PATIENCE("early_stopping_patience", Kind.INTEGER, ModelConfig::earlyStoppingPatience);

    public enum Kind { REAL, INTEGER, CATEGORICAL, BOOLEAN }

    private final String specName;
    private final Kind kind;
    private final Function<ModelConfig, Object> getter;

    Hyperparameter(String specName, Kind kind, Function<ModelConfig, Object> getter) {
        this.specName = specName;
        this.kind = kind;
        this.getter = getter;
    }

    public String specName() {
        return specName;
    }

    public Kind kind() {
        return kind;
    }

    public Object valueIn(ModelConfig config) {
        return getter.apply(config);
    }

    /** The value as it reads in a table or a progress line: enums by their spec name. */
    public Object columnValue(ModelConfig config) {
        Object v = valueIn(config);
        return kind == Kind.CATEGORICAL ? v.toString() : v;
    }

    public static Hyperparameter fromSpec(String name, String field) {
        String key = name.toLowerCase(Locale.ROOT);
        for (Hyperparameter h : values()) {
            if (h.specName.equals(key)) {
                return h;
            }
        }
        throw new io.sparktune.spec.SpecException(field,
                "'" + name + "' is not a searchable hyperparameter; searchable: " + allowed());
    }

    public static String allowed() {
        return Arrays.stream(values()).map(Hyperparameter::specName).collect(Collectors.joining(", "));
    }
}
