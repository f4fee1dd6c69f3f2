package io.sparktune.space;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.List;
import java.util.Random;

/** A finite list of values, written in the spec as a JSON array; grid search tries each in order. */
public record Choice(@JsonValue List<Object> values) implements Domain {
    public Choice {
        values = List.copyOf(values);
    }

    @Override
    public List<Object> gridValues() {
        return values;
    }

    @Override
    public Object sample(Random random) {
        return values.get(random.nextInt(values.size()));
    }

    @Override
    public long size() {
        return values.size();
    }
}
