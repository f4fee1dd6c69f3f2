package io.sparktune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The example project under examples/residual-builder, built as a user builds it: sparktune's jar installed in
 * the local Maven repository, then {@code mvn package} in the example's folder. Built once per JVM.
 */
final class ExampleProject {
    static final Path FOLDER = Path.of("examples/residual-builder");
    static final Path SPEC = FOLDER.resolve("residual.json");
    private static Path jar;

    private ExampleProject() {
    }

    static synchronized Path jar() throws Exception {
        if (jar == null) {
            maven("org.apache.maven.plugins:maven-install-plugin:3.1.2:install-file",
                    "-Dfile=target/sparktune-0.1.0-SNAPSHOT.jar", "-DpomFile=pom.xml");
            maven("-f", FOLDER.resolve("pom.xml").toString(), "clean", "package");
            jar = FOLDER.resolve("target/residual-builder-1.0.jar").toAbsolutePath();
        }
        return jar;
    }

    private static void maven(String... arguments) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("mvn", "-B", "-q"));
        command.addAll(List.of(arguments));
        Path log = Files.createTempFile("sparktune-example", ".log");
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        assertEquals(0, p.isAlive() ? -1 : p.exitValue(), command + ": " + Files.readString(log));
    }
}
