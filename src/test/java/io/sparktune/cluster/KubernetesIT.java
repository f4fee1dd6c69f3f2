package io.sparktune.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.http.Dispatcher;
import io.fabric8.mockwebserver.http.MockResponse;
import io.fabric8.mockwebserver.http.RecordedRequest;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * records what it is sent and accepts it (fabric8's mock web server, in this JVM, on loopback): the driver
 * pod runs the image built from kubernetes/Dockerfile with sparktune's main class and arguments, its memory
 * carries the overhead, and the spec given with --files is uploaded and named in the driver's Spark
 * configuration. Nothing runs the pod: there is no kubelet here. (fabric8's CRUD mode cannot stand in: it
 * refuses the server-side apply Spark creates the driver's service and configuration with.)
 */
class KubernetesIT {
    private static final Path BASE = Path.of("target/kubernetes-it").toAbsolutePath();
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Every resource spark-submit sent, created or applied, as JSON. */
    private static final List<JsonNode> SENT = new CopyOnWriteArrayList<>();
    private static KubernetesMockServer server;
    private static NamespacedKubernetesClient client;
    private static String sparkHome;

    @BeforeAll
    static void startApiServer() throws Exception {
        Files.createDirectories(BASE);
        Dispatcher recording = new Dispatcher() {
            @Override
            public MockResponse dispatch(RecordedRequest request) {
                String method = request.getMethod();
                if (method.equals("POST") || method.equals("PATCH") || method.equals("PUT")) {
                    String body = request.getUtf8Body();
                    try {
                        SENT.add(JSON.readTree(body));
                    } catch (java.io.IOException e) {
                        return new MockResponse().setResponseCode(400).setBody(e.getMessage());
                    }
                    return new MockResponse().setResponseCode(method.equals("POST") ? 201 : 200).setBody(body);
                }
                return new MockResponse().setResponseCode(404).setBody("""
                        {"kind": "Status", "apiVersion": "v1", "status": "Failure", "reason": "NotFound", "code": 404}""");
            }
        };
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), recording, false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        client = server.createClient();
        sparkHome = SparkHome.assemble();
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

        List<JsonNode> pods = sent("Pod");
        assertEquals(1, pods.size(), submitted.output());
        JsonNode driver = pods.get(0).at("/spec/containers/0");
        assertEquals("driver", pods.get(0).at("/metadata/labels/spark-role").asText());
        assertEquals("sparktune:4.2.0", driver.get("image").asText());
        List<String> args = new ArrayList<>();
        driver.get("args").forEach(a -> args.add(a.asText()));
        int main = args.indexOf("io.sparktune.cli.SparktuneCli");
        assertTrue(main > 0 && args.get(main - 1).equals("--class"), "sparktune's main class: " + args);
        assertEquals(List.of("local:///opt/sparktune/sparktune-app.jar", "search", "k8s.json", "-o", "s3a://runs/k8s"),
                args.subList(main + 1, args.size()), "the image's jar and the search");
        assertEquals("1536Mi", driver.at("/resources/limits/memory").asText(), "1 GiB of heap and 512 MiB beside it");

        String properties = sent("ConfigMap").stream().flatMap(m -> stream(m.get("data")))
                .filter(v -> v.contains("spark.files")).findFirst().orElseThrow(() -> new AssertionError(
                        "no Spark configuration among " + SENT));
        assertTrue(properties.contains("k8s.json") && properties.contains(upload.toString()), properties);
        try (Stream<Path> files = Files.walk(upload)) {
            Path shipped = files.filter(p -> p.getFileName().toString().equals("k8s.json")).findFirst().orElseThrow();
            assertEquals(text, Files.readString(shipped), "the spec as written");
        }
    }

    private static List<JsonNode> sent(String kind) {
        return SENT.stream().filter(r -> kind.equals(r.path("kind").asText())).toList();
    }

    private static Stream<String> stream(JsonNode data) {
        List<String> values = new ArrayList<>();
        if (data != null) {
            data.forEach(v -> values.add(v.asText()));
        }
        return values.stream();
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
