package dev.verdant.cluster;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.hazelcast.client.HazelcastClient;
import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import com.hazelcast.topic.ITopic;
import dev.verdant.result.PowerSample;
import dev.verdant.result.RunResult;
import dev.verdant.run.JobRunner;
import dev.verdant.run.RunEvent;
import dev.verdant.run.RunHandle;
import dev.verdant.run.RunListener;
import dev.verdant.spec.ExperimentSpec;
import dev.verdant.store.InMemoryRunStore;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A worker: a Hazelcast client of the coordinator (it listens on no port) that leases pending trials one at a time,
 * runs each with the ordinary {@link JobRunner} under its own energy meter, streams the run's events back (batches
 * downsampled, power samples grouped), renews its lease every second and at every epoch, sends the trained model
 * files, and finally the result. It runs only trials whose signature verifies with its key, and stops a run whose
 * lease it lost (the coordinator gave the trial to another worker). One class because the claim loop, the lease and
 * the event forwarder of a trial share the trial's lease state and the one connection; about a third of it is the
 * small forwarder and the machine description (CPU, GPU, host).
 */
public final class Worker implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger("dev.verdant.cluster");
    /** Batches sent per epoch at most (the store keeps the same number). */
    private static final int BATCHES_PER_EPOCH = 100;
    private static final int ARTIFACT_CHUNK = 256 * 1024;

    /**
     * How a worker joins and what it takes.
     *
     * @param name          the worker's name in provenance and in the Cluster pane (unique in the cluster)
     * @param host          the coordinator's address
     * @param port          the coordinator's port
     * @param iface         this machine's address the worker reports (it must be one of this machine's); null: the
     *                      host name's address
     * @param devices       {@code cpu}, {@code gpu}, or null for both (trials then run on the device their spec asks)
     * @param dataFolder    where the worker looks for file datasets by hash; null: none
     * @param renewMillis   how often the lease is renewed besides every epoch
     */
    public record Settings(String name, String host, int port, String iface, String devices, Path dataFolder,
                           long renewMillis) {
    }

    private final Settings settings;
    private final ClusterKey key;
    private final HazelcastInstance client;
    private final IMap<String, String> trials;
    private final IMap<String, String> workers;
    private final ITopic<String> events;
    private final DataShipping shipping;
    private final String uuid;
    private final String hostName;
    private final Semaphore wake = new Semaphore(0);
    private final ScheduledExecutorService timer;
    private final List<String> rejections = new CopyOnWriteArrayList<>();
    private final java.util.Set<String> rejectedRaw = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final Path scratch;
    private volatile boolean closed;
    private volatile int trialsRun;

    private Worker(Settings settings, ClusterKey key, HazelcastInstance client) throws IOException {
        this.settings = settings;
        this.key = key;
        this.client = client;
        this.trials = client.getMap(ClosedDoor.TRIALS);
        this.workers = client.getMap(ClosedDoor.WORKERS);
        this.events = client.getReliableTopic(ClosedDoor.EVENTS);
        this.shipping = new DataShipping(client.getMap(ClosedDoor.DATA));
        this.uuid = client.getLocalEndpoint().getUuid().toString();
        this.hostName = hostName();
        this.scratch = Files.createTempDirectory("verdant-worker-");
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "verdant-worker-lease");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Connects to the coordinator (waiting, retrying, until it answers) and announces this worker.
     *
     * @throws ClusterException when the settings are wrong (e.g. an interface that is not this machine's)
     */
    public static Worker join(Settings settings, ClusterKey key) {
        if (settings.iface() != null) {
            requireLocalAddress(settings.iface());
        }
        if (settings.devices() != null && !List.of("cpu", "gpu").contains(settings.devices())) {
            throw new ClusterException("--devices must be cpu or gpu, not '" + settings.devices() + "'");
        }
        HazelcastInstance client = HazelcastClient.newHazelcastClient(
                ClosedDoor.client(settings.name(), settings.host(), settings.port()));
        try {
            Worker w = new Worker(settings, key, client);
            w.announce();
            return w;
        } catch (IOException e) {
            client.shutdown();
            throw new ClusterException("could not create the worker's scratch folder: " + e.getMessage(), e);
        }
    }

    private void announce() {
        putRecord();
        trials.addEntryListener(new WakeUp(), false);
        // a restarted coordinator starts with empty maps: announce again whenever the connection comes back
        client.getLifecycleService().addLifecycleListener(e -> {
            if (e.getState() == com.hazelcast.core.LifecycleEvent.LifecycleState.CLIENT_CONNECTED && !closed) {
                timer.execute(this::putRecordQuietly);
            }
        });
    }

    private void putRecordQuietly() {
        try {
            putRecord();
        } catch (RuntimeException e) {
            // not connected after all; the idle loop checks again
        }
    }

    /** This worker's signed self-description in the workers map (the coordinator lists it in its Cluster pane). */
    private void putRecord() {
        ObjectNode b = Wire.body();
        b.put("name", settings.name());
        b.put("host", hostName);
        b.put("address", settings.iface());
        b.put("uuid", uuid);
        b.put("cpu", cpuName());
        b.put("cores", Runtime.getRuntime().availableProcessors());
        b.put("gpu", gpuName());
        b.put("devices", settings.devices() == null ? "cpu, gpu" : settings.devices());
        workers.put(settings.name(), Wire.seal(key, "worker", settings.name(), b));
    }

    /** Wakes the claim loop when a trial is offered (a poll every second is the fallback). */
    private final class WakeUp implements EntryAddedListener<String, String>, EntryUpdatedListener<String, String> {
        @Override
        public void entryAdded(EntryEvent<String, String> event) {
            wake.release();
        }

        @Override
        public void entryUpdated(EntryEvent<String, String> event) {
            wake.release();
        }
    }

    /** Takes and runs trials until {@link #close} (from another thread) or the connection is shut down. */
    public void runUntilClosed() {
        while (!closed) {
            try {
                Claim claim = claimNext();
                if (claim == null) {
                    wake.tryAcquire(1, TimeUnit.SECONDS);
                    wake.drainPermits();
                    if (!workers.containsKey(settings.name())) {
                        putRecord(); // the coordinator restarted while the listener was not told
                    }
                    continue;
                }
                runTrial(claim);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                if (closed || !client.getLifecycleService().isRunning()) {
                    return;
                }
                LOG.log(System.Logger.Level.WARNING, "worker " + settings.name() + ": " + e.getMessage());
                sleepQuietly();
            }
        }
    }

    /** Trials this worker has run to their end. */
    public int trialsRun() {
        return trialsRun;
    }

    /** Trials and messages this worker refused because their signature did not verify. */
    public List<String> rejections() {
        return List.copyOf(rejections);
    }

    public String name() {
        return settings.name();
    }

    private record Claim(TrialEntry entry, String raw) {
    }

    private Claim claimNext() {
        List<Map.Entry<String, String>> offered = new ArrayList<>(trials.entrySet());
        offered.sort(Map.Entry.comparingByKey());
        for (Map.Entry<String, String> e : offered) {
            TrialEntry t = TrialEntry.open(key, e.getValue());
            if (t == null) {
                if (rejectedRaw.add(e.getValue())) {
                    String why = "trial '" + e.getKey() + "' is unsigned or signed with another key (this worker's "
                            + "key " + key.fingerprint() + "); not run. Copy the coordinator's key file and pass --key.";
                    LOG.log(System.Logger.Level.WARNING, why);
                    rejections.add(why);
                }
                continue;
            }
            if (!t.isPending() || !fits(t.spec())) {
                continue;
            }
            String leased = t.leasedBy(settings.name(), uuid).seal(key, settings.name());
            if (trials.replace(e.getKey(), e.getValue(), leased)) {
                return new Claim(t.leasedBy(settings.name(), uuid), leased);
            }
        }
        return null;
    }

    private boolean fits(ExperimentSpec spec) {
        String wanted = spec.device() == null ? "auto" : spec.device();
        return settings.devices() == null || wanted.equals("auto") || wanted.equals(settings.devices());
    }

    private void runTrial(Claim claim) throws InterruptedException {
        TrialEntry t = claim.entry();
        Lease lease = new Lease(t, claim.raw());
        ExperimentSpec spec = t.spec();
        if (settings.devices() != null) {
            spec = spec.withDevice(settings.devices());
        }
        long began = System.nanoTime();
        long claimedAt = System.currentTimeMillis();
        Path models = scratch.resolve(t.trialId().replaceAll("[^A-Za-z0-9._-]", "_") + "-" + t.attempt());
        try (InMemoryRunStore local = new InMemoryRunStore(models); JobRunner runner = new JobRunner(1, local)) {
            try {
                spec = shipping.resolve(spec, t.data(), settings.dataFolder(), scratch.resolve("data"));
            } catch (ClusterException e) {
                // reported as a failed run, so the trial ends with the reason instead of lapsing and looping
                String now = java.time.Instant.now().toString();
                ObjectNode b = base(t);
                Wire.put(b, "result", new RunResult(null, spec.name(), dev.verdant.result.RunStatus.FAILED,
                        "worker " + settings.name() + ": " + e.getMessage(), t.spec(), null, null, List.of(),
                        List.of(), now, now, List.of()));
                b.put("jobMillis", 0);
                b.put("claimedAt", claimedAt);
                events.publish(Wire.seal(key, "finished", settings.name(), b));
                lease.report();
                return;
            }
            Forwarder forwarder = new Forwarder(t, lease);
            RunHandle handle = runner.submit(spec, forwarder);
            lease.handle = handle;
            ScheduledFuture<?> renewing = timer.scheduleWithFixedDelay(lease::renew, settings.renewMillis(),
                    settings.renewMillis(), TimeUnit.MILLISECONDS);
            RunResult r;
            try {
                r = handle.result().get();
            } catch (ExecutionException e) {
                throw new IllegalStateException("a run's result never completes exceptionally", e);
            } finally {
                renewing.cancel(false);
            }
            forwarder.flushPower();
            long jobMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - began);
            if (!lease.lost && r.id() != null) {
                sendArtifacts(t, local.modelPath(r.id()).orElse(null));
            }
            ObjectNode b = base(t);
            Wire.put(b, "result", r.withId(null));
            b.put("jobMillis", jobMillis);
            b.put("claimedAt", claimedAt);
            events.publish(Wire.seal(key, "finished", settings.name(), b));
            lease.report();
            trialsRun++;
        } finally {
            deleteQuietly(models);
        }
    }

    /** Sends every file of the run's model folder in checked chunks (before the result, so they arrive first). */
    private void sendArtifacts(TrialEntry t, Path dir) {
        if (dir == null || !Files.isDirectory(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : s.filter(Files::isRegularFile).sorted(Comparator.naturalOrder()).toList()) {
                String rel = dir.relativize(f).toString().replace('\\', '/');
                String sha = ClusterTrialExecutor.sha256(f);
                long size = Files.size(f);
                int count = (int) Math.max(1, (size + ARTIFACT_CHUNK - 1) / ARTIFACT_CHUNK);
                try (InputStream in = Files.newInputStream(f)) {
                    for (int i = 0; i < count; i++) {
                        byte[] bytes = in.readNBytes(ARTIFACT_CHUNK);
                        ObjectNode b = base(t);
                        b.put("path", rel);
                        b.put("index", i);
                        b.put("count", count);
                        b.put("sha256", sha);
                        b.put("data", Base64.getEncoder().encodeToString(bytes));
                        events.publish(Wire.seal(key, "artifact", settings.name(), b));
                    }
                }
            }
        } catch (IOException e) {
            LOG.log(System.Logger.Level.WARNING, "worker " + settings.name() + ": could not send the model of trial "
                    + t.trialId() + ": " + e.getMessage());
        }
    }

    private ObjectNode base(TrialEntry t) {
        ObjectNode b = Wire.body();
        b.put("trialId", t.trialId());
        b.put("attempt", t.attempt());
        b.put("host", hostName);
        return b;
    }

    /** The lease on one trial: renewed on a timer and at every epoch; lost when the entry is no longer ours. */
    private final class Lease {
        final TrialEntry entry;
        String raw;
        volatile boolean lost;
        volatile RunHandle handle;

        Lease(TrialEntry entry, String raw) {
            this.entry = entry;
            this.raw = raw;
        }

        synchronized void renew() {
            update(false);
        }

        synchronized void report() {
            update(true);
        }

        private void update(boolean reported) {
            if (lost || closed) {
                return;
            }
            try {
                for (int tries = 0; tries < 3; tries++) {
                    String now = trials.get(entry.trialId());
                    TrialEntry e = TrialEntry.open(key, now);
                    if (e == null || e.attempt() != entry.attempt() || !settings.name().equals(e.worker())) {
                        lost = true;
                        LOG.log(System.Logger.Level.WARNING, "worker " + settings.name() + ": lost the lease on trial "
                                + entry.trialId() + " attempt " + entry.attempt() + "; stopping its run");
                        if (handle != null) {
                            handle.cancel();
                        }
                        return;
                    }
                    if (e.cancel() && handle != null) {
                        handle.cancel();
                    }
                    String next = (reported ? e.reported() : e.renewed()).seal(key, settings.name());
                    if (trials.replace(entry.trialId(), now, next)) {
                        raw = next;
                        return;
                    }
                }
            } catch (RuntimeException e) {
                // the connection is down; the client reconnects, and the lease is renewed next time or lapses
            }
        }
    }

    /** Sends the run's events to the coordinator; batches downsampled, power samples grouped per second. */
    private final class Forwarder implements RunListener {
        private final TrialEntry trial;
        private final Lease lease;
        private int stride = 1;
        private final List<PowerSample> power = new ArrayList<>();
        private long lastPowerFlush = System.nanoTime();

        Forwarder(TrialEntry trial, Lease lease) {
            this.trial = trial;
            this.lease = lease;
        }

        private void send(String kind, ObjectNode body) {
            if (!lease.lost) {
                events.publish(Wire.seal(key, kind, settings.name(), body));
            }
        }

        @Override
        public void onStarted(RunEvent.Started e) {
            stride = Math.max(1, (e.batchesPerEpoch() + BATCHES_PER_EPOCH - 1) / BATCHES_PER_EPOCH);
            ObjectNode b = base(trial);
            Wire.put(b, "provenance", e.provenance());
            b.put("params", e.params());
            b.put("flopsPerSample", e.flopsPerSample());
            b.put("batchesPerEpoch", e.batchesPerEpoch());
            send("started", b);
        }

        @Override
        public void onPhase(RunEvent.PhaseChanged e) {
            send("phase", Wire.put(base(trial), "phase", e.phase()));
        }

        @Override
        public void onBatch(RunEvent.BatchEnded e) {
            if (e.batch().batch() % stride == 0) {
                send("batch", Wire.put(base(trial), "batch", e.batch()));
            }
        }

        @Override
        public void onEpoch(RunEvent.EpochEnded e) {
            flushPower();
            ObjectNode b = Wire.put(base(trial), "epoch", e.epoch());
            b.put("total", e.totalEpochs());
            send("epoch", b);
            lease.renew();
        }

        @Override
        public void onStep(RunEvent.StepEnded e) {
            ObjectNode b = Wire.put(base(trial), "report", e.report());
            b.put("total", e.totalSteps());
            send("step", b);
        }

        @Override
        public void onPower(RunEvent.Power e) {
            boolean due;
            synchronized (power) {
                power.add(e.sample());
                due = System.nanoTime() - lastPowerFlush > TimeUnit.SECONDS.toNanos(1);
            }
            if (due) {
                flushPower();
            }
        }

        @Override
        public void onNotice(RunEvent.Notice e) {
            ObjectNode b = base(trial);
            b.put("message", e.message());
            send("notice", b);
        }

        void flushPower() {
            List<PowerSample> batch;
            synchronized (power) {
                batch = List.copyOf(power);
                power.clear();
                lastPowerFlush = System.nanoTime();
            }
            if (!batch.isEmpty()) {
                ObjectNode b = base(trial);
                ArrayNode samples = b.putArray("samples");
                batch.forEach(s -> samples.add(Wire.JSON.valueToTree(s)));
                send("power", b);
            }
        }
    }

    /** Stops taking trials, removes this worker's record and disconnects. A running trial is left to lapse. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        wake.release();
        timer.shutdownNow();
        try {
            workers.remove(settings.name());
        } catch (RuntimeException e) {
            // the coordinator is gone already
        }
        client.shutdown();
        deleteQuietly(scratch);
    }

    private static void requireLocalAddress(String iface) {
        try {
            InetAddress a = InetAddress.getByName(iface);
            if (!a.isLoopbackAddress() && NetworkInterface.getByInetAddress(a) == null) {
                throw new ClusterException("--interface " + iface + " is not an address of this machine; give one "
                        + "of its own (e.g. from 'ip addr')");
            }
        } catch (UnknownHostException | SocketException e) {
            throw new ClusterException("--interface " + iface + " is not an address: " + e.getMessage());
        }
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "unknown-host";
        }
    }

    /** The CPU model from /proc/cpuinfo (Linux); else the architecture. */
    static String cpuName() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).strip())
                    .findFirst().orElse(System.getProperty("os.arch"));
        } catch (IOException | RuntimeException e) {
            return System.getProperty("os.arch");
        }
    }

    /** The first NVIDIA GPU's model from the driver's /proc files; "none" when there is none. */
    static String gpuName() {
        Path gpus = Path.of("/proc/driver/nvidia/gpus");
        if (!Files.isDirectory(gpus)) {
            return "none";
        }
        try (Stream<Path> s = Files.list(gpus)) {
            for (Path g : s.toList()) {
                for (String l : Files.readAllLines(g.resolve("information"))) {
                    if (l.startsWith("Model:")) {
                        return l.substring(6).strip();
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
        return "none";
    }

    private static void sleepQuietly() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // scratch space; the OS cleans temp folders
                }
            });
        } catch (IOException e) {
            // as above
        }
    }
}
