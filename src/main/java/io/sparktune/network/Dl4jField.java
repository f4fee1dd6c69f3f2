package io.sparktune.network;

import java.lang.reflect.Field;

/**
 * A private field of a DL4J class, opened once: sparktune's layer helpers replace DL4J's own (held in a
 * layer's private field) and read the caches DL4J's helpers keep, which DL4J offers no setter for.
 */
final class Dl4jField {
    private Dl4jField() {
    }

    static Field of(Class<?> owner, String name) {
        try {
            Field field = owner.getDeclaredField(name);
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
