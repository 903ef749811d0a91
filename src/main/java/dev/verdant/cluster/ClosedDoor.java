package dev.verdant.cluster;

import com.hazelcast.client.config.ClientConfig;
import com.hazelcast.config.ClassFilter;
import com.hazelcast.config.Config;
import com.hazelcast.config.JavaSerializationFilterConfig;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.config.NetworkConfig;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The Hazelcast configurations, with every door shut that the free edition lets us shut: the coordinator binds one
 * interface (never all unless asked with {@code 0.0.0.0}) on one port, joins by an explicit TCP-IP member list (only
 * itself), multicast and auto-detection off, no phone-home, no Jet, no REST; workers are clients that listen on
 * nothing. Java serialisation is filtered to our own package, and we only ever send strings, so in practice nothing
 * is Java-deserialised at all. What the free edition cannot do (authenticate, encrypt) is said in docs/cluster.md.
 */
final class ClosedDoor {

    /** Hazelcast's own cluster name; a different Verdant cluster on the same LAN uses another port. */
    static final String CLUSTER_NAME = "verdant";
    /** The trial leases. */
    static final String TRIALS = "verdant.trials";
    /** The workers' signed self-descriptions (name, host, CPU, GPU, devices). */
    static final String WORKERS = "verdant.workers";
    /** File dataset chunks, keyed {@code <file sha256>:<chunk>}. */
    static final String DATA = "verdant.data";
    /** Run events from workers to the coordinator, in order per worker. */
    static final String EVENTS = "verdant.events";
    /** Hazelcast's default member port; cluster mode only listens on it when a cluster command is given. */
    static final int DEFAULT_PORT = 5701;

    private ClosedDoor() {
    }

    /** Held so the levels stay set (java.util.logging keeps its loggers weakly). */
    private static final List<Logger> QUIETED = List.of(Logger.getLogger("com.hazelcast"),
            Logger.getLogger("com.hazelcast.instance.impl.HazelcastInstanceFactory"),
            Logger.getLogger("com.hazelcast.internal.server.tcp.TcpServerConnection"));

    static {
        // before any Hazelcast class reads them: no phone-home, no statistics, quiet logs through java.util.logging
        System.setProperty("hazelcast.phone.home.enabled", "false");
        System.setProperty("hazelcast.logging.type", "jdk");
        QUIETED.get(0).setLevel(Level.WARNING);
        // its advice to open JDK internals is about speed; Verdant's messages are small, so it is only noise
        QUIETED.get(1).setLevel(Level.SEVERE);
        // a worker that is killed resets its connection: the coordinator logs that in its own words, without a trace
        QUIETED.get(2).setLevel(Level.SEVERE);
    }

    /** The coordinator's member: bound to {@code iface}:{@code port}, alone in its member list. */
    static Config member(String iface, int port) {
        Config c = new Config();
        c.setClusterName(CLUSTER_NAME);
        c.setInstanceName("verdant-coordinator-" + port);
        c.setProperty("hazelcast.phone.home.enabled", "false");
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.max.wait.seconds.before.join", "0");
        c.setProperty("hazelcast.health.monitoring.level", "OFF");
        c.setProperty("hazelcast.jmx", "false");
        boolean any = "0.0.0.0".equals(iface);
        c.setProperty("hazelcast.socket.bind.any", Boolean.toString(any));
        NetworkConfig n = c.getNetworkConfig();
        n.setPort(port).setPortAutoIncrement(false);
        if (!any) {
            n.getInterfaces().setEnabled(true).setInterfaces(List.of(iface));
        }
        n.getRestApiConfig().setEnabled(false);
        n.getMemcacheProtocolConfig().setEnabled(false);
        JoinConfig join = n.getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(List.of((any ? "127.0.0.1" : iface) + ":" + port));
        c.getJetConfig().setEnabled(false);
        c.getSerializationConfig().setJavaSerializationFilterConfig(filter());
        // one member holds everything: backups would have nowhere to go
        c.getMapConfig("verdant.*").setBackupCount(0).setAsyncBackupCount(0);
        c.getRingbufferConfig("_hz_rb_" + EVENTS).setCapacity(100_000).setBackupCount(0).setAsyncBackupCount(0);
        return c;
    }

    /** A worker's client, connecting to {@code host}:{@code port} and retrying for as long as it runs. */
    static ClientConfig client(String name, String host, int port) {
        ClientConfig c = new ClientConfig();
        c.setClusterName(CLUSTER_NAME);
        c.setInstanceName("verdant-worker-" + name + "-" + ProcessHandle.current().pid());
        c.setProperty("hazelcast.logging.type", "jdk");
        c.setProperty("hazelcast.client.statistics.enabled", "false");
        c.setProperty("hazelcast.client.shutdownhook.enabled", "false");
        c.setProperty("hazelcast.client.heartbeat.interval", "2000");
        c.setProperty("hazelcast.client.heartbeat.timeout", "15000");
        c.getNetworkConfig().setAddresses(List.of(host + ":" + port)).setSmartRouting(false)
                .setConnectionTimeout(5000);
        c.getConnectionStrategyConfig().getConnectionRetryConfig().setInitialBackoffMillis(250)
                .setMaxBackoffMillis(3000).setClusterConnectTimeoutMillis(Long.MAX_VALUE);
        c.getSerializationConfig().setJavaSerializationFilterConfig(filter());
        return c;
    }

    /** Java serialisation: Hazelcast's blacklist of known gadgets stays on, and only our package is allowed. */
    private static JavaSerializationFilterConfig filter() {
        return new JavaSerializationFilterConfig().setDefaultsDisabled(false)
                .setWhitelist(new ClassFilter().addPrefixes("dev.verdant.cluster."));
    }
}
