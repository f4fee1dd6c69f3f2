package io.sparktune.trial;

import java.io.Serializable;

/** How well one class was recognised: precision, recall and F1 of that class, over {@code support} images. */
public record ClassMetric(String className, double precision, double recall, double f1, int support)
        implements Serializable {
}
