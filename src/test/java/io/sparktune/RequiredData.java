package io.sparktune;

import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The real files some tests need: the data beside the project in ../shared/data, Debian's Fashion-MNIST,
 * and a browser. A developer without them sees the test skipped with what is missing; under CI
 * ({@code CI=true}) a missing one fails the test, so a green CI run never hides a test that did not run.
 */
public final class RequiredData {
    private RequiredData() {
    }

    /** The real CIFAR-10 binary batches in ../shared/data. */
    public static Path cifar10() {
        return require(Path.of("../shared/data/cifar-10-batches-bin"), "data_batch_1.bin");
    }

    /** The Cats vs Dogs JPEG folders in ../shared/data. */
    public static Path catsVsDogs() {
        return require(Path.of("../shared/data/cats-vs-dogs"), "cats");
    }

    /** Debian's dataset-fashion-mnist package. */
    public static Path fashionMnist() {
        return require(Path.of("/usr/share/datasets/fashion-mnist"), "");
    }

    /** {@code what} is needed: skipped where it is absent, except under CI, where that fails. */
    public static void need(boolean present, String what) {
        if (present) {
            return;
        }
        if ("true".equalsIgnoreCase(System.getenv("CI"))) {
            fail(what + " is absent, and under CI every test must run (.ci/run installs or expects it)");
        }
        assumeTrue(false, what + " is absent; skipping");
    }

    private static Path require(Path folder, String entry) {
        need(Files.exists(folder.resolve(entry)), folder.toString());
        return folder;
    }
}
