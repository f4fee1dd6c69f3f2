package io.sparktune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The submission path to Kubernetes with Spark's own spark-submit, against a Kubernetes API server that
 * keeps what it is sent (fabric8's mock server, in this JVM, on loopback): the driver pod runs the image
 * built from kubernetes/Dockerfile with sparktune's main class and arguments, its memory carries the
 * overhead, and the spec given with --files is uploaded and named in the driver's Spark configuration.
 * Nothing runs the pod: there is no kubelet here.
 */
class KubernetesIT {
    private static final Path BASE = Path.of("target/kubernetes-it").toAbsolutePath();
    private static KubernetesMockServer server;
    private static NamespacedKubernetesClient client;
    private static String sparkHome;

    @BeforeAll
    static void startApiServer() throws Exception {
        Files.createDirectories(BASE);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
        Result home = run(List.of("jobs/spark-home.sh"));
        assertEquals(0, home.exitCode(), home.output());
        String last = home.output().strip().lines().reduce((a, b) -> b).orElseThrow();
        sparkHome = last.substring(last.indexOf('/'));
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.destroy();
        }
    }

    @Test
    void aClusterModeSubmissionCreatesTheDriverPodWithTheSpecAndItsMemory() throws Exception {
        Path spec = BASE.resolve("k8s.json");
        String text = """
                {"data": {"kind": "cifar10", "path": "s3a://datasets/cifar-10-batches-bin", "download": false},
                 "search": {"space": {"learning_rate": [0.001, 0.01]}}}
                """;
        Files.writeString(spec, text);
        Path upload = Files.createDirectories(BASE.resolve("upload-" + System.nanoTime()));
        Result submitted = run(List.of("jobs/submit.sh",
                "--master", "k8s://" + client.getMasterUrl().toString().replaceAll("/$", ""),
                "--deploy-mode", "cluster", "--name", "sparktune-k8s-it",
                "--driver-memory", "1g", "--conf", "spark.driver.memoryOverhead=512m",
                "--conf", "spark.kubernetes.container.image=sparktune:4.2.0",
                "--conf", "spark.kubernetes.submission.waitAppCompletion=false",
                "--conf", "spark.kubernetes.file.upload.path=file://" + upload,
                "--files", spec.toString(),
                "--", "search", "k8s.json", "-o", "s3a://runs/k8s"));
        assertEquals(0, submitted.exitCode(), submitted.output());

        List<Pod> drivers = client.pods().inNamespace("default").withLabel("spark-role", "driver").list().getItems();
        assertEquals(1, drivers.size(), submitted.output());
        Container driver = drivers.get(0).getSpec().getContainers().get(0);
        assertEquals("sparktune:4.2.0", driver.getImage());
        List<String> args = driver.getArgs();
        int main = args.indexOf("io.sparktune.cli.SparktuneCli");
        assertTrue(main > 0 && args.get(main - 1).equals("--class"), "sparktune's main class: " + args);
        assertEquals(List.of("local:///opt/sparktune/sparktune-app.jar", "search", "k8s.json", "-o", "s3a://runs/k8s"),
                args.subList(main + 1, args.size()), "the image's jar and the search");
        assertEquals("1536Mi", driver.getResources().getLimits().get("memory").toString(),
                "1 GiB of heap and 512 MiB beside it");

        List<ConfigMap> maps = client.configMaps().inNamespace("default").list().getItems();
        String properties = maps.stream().flatMap(m -> m.getData().values().stream())
                .filter(v -> v.contains("spark.files")).findFirst().orElseThrow(() -> new AssertionError(
                        "no Spark configuration among " + maps));
        assertTrue(properties.contains("k8s.json") && properties.contains(upload.toString()), properties);
        try (Stream<Path> files = Files.walk(upload)) {
            Path shipped = files.filter(p -> p.getFileName().toString().equals("k8s.json")).findFirst().orElseThrow();
            assertEquals(text, Files.readString(shipped), "the spec as written");
        }
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(List<String> command) throws Exception {
        Path log = Files.createTempFile("sparktune-k8s-it", ".log");
        ProcessBuilder builder = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        builder.environment().put("SPARKTUNE_APP_JAR", "local:///opt/sparktune/sparktune-app.jar");
        if (sparkHome != null) {
            builder.environment().put("SPARK_HOME", sparkHome);
        }
        Process p = builder.start();
        if (!p.waitFor(600, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            return new Result(-1, "timed out: " + Files.readString(log));
        }
        return new Result(p.exitValue(), Files.readString(log));
    }
}
