package io.sparktune;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;

/**
 * A real S3 endpoint for tests: S3Proxy over an in-memory store on the loopback interface, checking AWS
 * signatures, so a wrong key is refused as S3 refuses it. Searches reach it through Hadoop's S3A
 * connector, configured only by the {@code spark.hadoop.fs.s3a.*} settings of {@link #settings}.
 */
public final class S3Server implements AutoCloseable {
    public static final String KEY = "sparktune-test";
    public static final String SECRET = "not-a-real-secret";

    private final BlobStoreContext store;
    private final S3Proxy proxy;

    private S3Server(BlobStoreContext store, S3Proxy proxy) {
        this.store = store;
        this.proxy = proxy;
    }

    /** A server holding the empty buckets {@code buckets}. */
    public static S3Server start(String... buckets) throws Exception {
        BlobStoreContext store = ContextBuilder.newBuilder("transient").credentials(KEY, SECRET)
                .build(BlobStoreContext.class);
        S3Proxy proxy = S3Proxy.builder().blobStore(store.getBlobStore()).endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, KEY, SECRET).build();
        proxy.start();
        for (String bucket : buckets) {
            store.getBlobStore().createContainerInLocation(null, bucket);
        }
        return new S3Server(store, proxy);
    }

    /** Spark settings that reach this server with {@code secret} as the secret key. */
    public Map<String, String> settings(String secret) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:" + proxy.getPort());
        settings.put("spark.hadoop.fs.s3a.endpoint.region", "us-east-1");
        settings.put("spark.hadoop.fs.s3a.path.style.access", "true");
        settings.put("spark.hadoop.fs.s3a.access.key", KEY);
        settings.put("spark.hadoop.fs.s3a.secret.key", secret);
        // A refused request is an answer, not a network fault: no minutes of retries before it.
        settings.put("spark.hadoop.fs.s3a.retry.limit", "1");
        settings.put("spark.hadoop.fs.s3a.attempts.maximum", "1");
        return settings;
    }

    /** The Hadoop configuration of {@link #settings}, for a test's own look into the buckets. */
    public Configuration hadoop() {
        Configuration conf = new Configuration();
        settings(SECRET).forEach((key, value) -> conf.set(key.substring("spark.hadoop.".length()), value));
        return conf;
    }

    /** Copies the real CIFAR-10 files a search reads from {@code cifar} to {@code s3a://bucket/folder}. */
    public String uploadCifar10(Path cifar, String bucket, String folder) throws IOException {
        FileSystem fs = FileSystem.get(URI.create("s3a://" + bucket + "/"), hadoop());
        for (String file : List.of("data_batch_1.bin", "test_batch.bin", "batches.meta.txt")) {
            fs.copyFromLocalFile(new org.apache.hadoop.fs.Path(cifar.resolve(file).toUri()),
                    new org.apache.hadoop.fs.Path("s3a://" + bucket + "/" + folder + "/" + file));
        }
        return "s3a://" + bucket + "/" + folder;
    }

    @Override
    public void close() {
        try {
            proxy.stop();
        } catch (Exception e) {
            throw new IllegalStateException("S3Proxy did not stop", e);
        } finally {
            store.close();
        }
    }
}
