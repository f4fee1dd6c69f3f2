package io.sparktune.cluster;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.hdfs.MiniDFSCluster;
import org.apache.hadoop.yarn.conf.YarnConfiguration;
import org.apache.hadoop.yarn.server.MiniYARNCluster;

/**
 * A YARN cluster with HDFS in this JVM, as Spark's own YARN suites run it (hadoop-client-minicluster): a
 * ResourceManager, a NodeManager, a NameNode and a DataNode, plus the client configuration a cluster's
 * edge node has in HADOOP_CONF_DIR, so that Spark's own spark-submit reaches it as it reaches any YARN.
 */
public final class MiniYarn implements AutoCloseable {
    private final MiniDFSCluster hdfs;
    private final MiniYARNCluster yarn;
    private final Path confDir;

    private MiniYarn(MiniDFSCluster hdfs, MiniYARNCluster yarn, Path confDir) {
        this.hdfs = hdfs;
        this.yarn = yarn;
        this.confDir = confDir;
    }

    /** Starts HDFS and YARN with their state under {@code base}, an empty or absent folder. */
    public static MiniYarn start(Path base) throws Exception {
        Configuration conf = new Configuration();
        conf.set(MiniDFSCluster.HDFS_MINIDFS_BASEDIR, base.resolve("hdfs").toString());
        MiniDFSCluster hdfs = new MiniDFSCluster.Builder(conf).numDataNodes(1).build();

        YarnConfiguration yarnConf = new YarnConfiguration(hdfs.getConfiguration(0));
        yarnConf.set("yarn.nodemanager.disk-health-checker.max-disk-utilization-per-disk-percentage", "100.0");
        // hadoop-client-minicluster lacks capacity-scheduler.xml: one queue that takes everything.
        yarnConf.set("yarn.scheduler.capacity.root.queues", "default");
        yarnConf.setInt("yarn.scheduler.capacity.root.default.capacity", 100);
        yarnConf.setFloat("yarn.scheduler.capacity.root.default.user-limit-factor", 1);
        yarnConf.setInt("yarn.scheduler.capacity.root.default.maximum-capacity", 100);
        yarnConf.set("yarn.scheduler.capacity.root.default.state", "RUNNING");
        yarnConf.set("yarn.scheduler.capacity.root.default.acl_submit_applications", "*");
        yarnConf.set("yarn.scheduler.capacity.root.default.acl_administer_queue", "*");
        yarnConf.setInt("yarn.scheduler.capacity.node-locality-delay", -1);
        yarnConf.set("yarn.resourcemanager.hostname", "127.0.0.1");
        // MiniYARNCluster gives its NodeManager this setting's memory (4 GiB unless set), not NM_PMEM_MB's:
        // the ApplicationMaster and two executors with ND4J's overhead need more.
        yarnConf.setInt(YarnConfiguration.YARN_MINICLUSTER_NM_PMEM_MB, 8192);
        yarnConf.setInt(YarnConfiguration.RM_SCHEDULER_MAXIMUM_ALLOCATION_MB, 4096);
        yarnConf.setBoolean(YarnConfiguration.NM_VMEM_CHECK_ENABLED, false);
        MiniYARNCluster yarn = new MiniYARNCluster("sparktune-yarn", 1, 1, 1);
        yarn.init(yarnConf);
        yarn.start();
        // start() may return before the ResourceManager has put its port in the configuration.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (yarn.getConfig().get(YarnConfiguration.RM_ADDRESS).endsWith(":0")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the ResourceManager did not come up");
            }
            Thread.sleep(100);
        }
        Configuration client = new Configuration(false);
        client.set("fs.defaultFS", hdfs.getFileSystem().getUri().toString());
        for (var entry : yarn.getConfig()) {
            if (entry.getKey().startsWith("yarn.resourcemanager.") && entry.getKey().endsWith("address")) {
                client.set(entry.getKey(), yarn.getConfig().get(entry.getKey()));
            }
        }
        Path confDir = Files.createDirectories(base.resolve("conf"));
        for (String site : List.of("core-site.xml", "yarn-site.xml")) {
            try (OutputStream out = Files.newOutputStream(confDir.resolve(site))) {
                client.writeXml(out);
            }
        }
        return new MiniYarn(hdfs, yarn, confDir);
    }

    public FileSystem fs() throws IOException {
        return hdfs.getFileSystem();
    }

    /** The configuration that reaches HDFS and YARN, for a test's own reads. */
    public Configuration configuration() {
        return yarn.getConfig();
    }

    /** Copies local files into the HDFS folder {@code folder}, keeping their names. */
    public void upload(Path from, List<String> files, String folder) throws IOException {
        for (String file : files) {
            fs().copyFromLocalFile(new org.apache.hadoop.fs.Path(from.resolve(file).toUri()),
                    new org.apache.hadoop.fs.Path(folder + "/" + file));
        }
    }

    /**
     * jobs/submit.sh to this YARN with two one-core executors of 1 GiB, up to its spark-submit options;
     * the caller adds its own, then "--" and sparktune's arguments.
     */
    public static List<String> submit(String sparkHome, String deployMode) {
        return new ArrayList<>(List.of("jobs/submit.sh", "--master", "yarn",
                "--deploy-mode", deployMode, "--num-executors", "2", "--executor-cores", "1",
                "--executor-memory", "1g", "--driver-memory", "1g",
                // The Spark jars are on this host's disk already: containers use them in place.
                "--conf", "spark.yarn.jars=local:" + sparkHome + "/jars/*",
                "--conf", "spark.yarn.appMasterEnv.JAVA_HOME=" + System.getProperty("java.home"),
                "--conf", "spark.executorEnv.JAVA_HOME=" + System.getProperty("java.home")));
    }

    /** The environment spark-submit needs to find this YARN; {@code sparkHome} may be null (not yet known). */
    public Map<String, String> environment(String sparkHome) {
        Map<String, String> environment = new java.util.HashMap<>(Map.of("HADOOP_CONF_DIR", confDir.toString(),
                "YARN_CONF_DIR", confDir.toString(), "SPARK_LOCAL_IP", "127.0.0.1"));
        if (sparkHome != null) {
            environment.put("SPARK_HOME", sparkHome);
        }
        return environment;
    }

    @Override
    public void close() {
        yarn.stop();
        hdfs.shutdown();
    }
}
