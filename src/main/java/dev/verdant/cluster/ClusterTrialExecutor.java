package dev.verdant.cluster;

import com.hazelcast.client.Client;
import com.hazelcast.client.ClientListener;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastException;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.topic.ITopic;
import dev.verdant.result.BatchRecord;
import dev.verdant.result.CompressionReport;
import dev.verdant.result.EpochRecord;
import dev.verdant.result.Phase;
import dev.verdant.result.PowerSample;
import dev.verdant.result.Provenance;
import dev.verdant.result.RunResult;
import dev.verdant.result.RunStatus;
import dev.verdant.run.RemoteRun;
import dev.verdant.run.RunId;
import dev.verdant.run.RunListener;
import dev.verdant.store.RunStore;
import dev.verdant.sweep.TrialAttempt;
import dev.verdant.sweep.TrialExecutor;
import dev.verdant.sweep.TrialRun;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The coordinator: an embedded Hazelcast member that offers trial attempts to workers as leases in a map, watches
 * the leases (a lapsed lease or a departed worker puts the trial back as the next attempt), and turns the workers'
 * signed events into the same run events a local run publishes ({@link RemoteRun}), so the one store records each
 * epoch as it arrives and every listener hears remote runs like local ones. A trial's result is committed once per
 * (trial id, attempt): a late result of an attempt already given up is logged as a duplicate and not stored.
 * One class because the lease book, the event handler and the reaper share one lock per trial; split, each would
 * need the others' state.
 */
public final class ClusterTrialExecutor implements TrialExecutor {

    /** The name the coordinator signs with. */
    static final String COORDINATOR = "coordinator";
    private static final System.Logger LOG = System.getLogger("dev.verdant.cluster");
    private static final int REJECTIONS_KEPT = 200;

    /**
     * Where the coordinator listens and how long a silent lease lasts.
     *
     * @param bindInterface the one address to bind ({@code 127.0.0.1} by default; {@code 0.0.0.0} means all)
     * @param port          the member port (5701 by default)
     * @param leaseMillis   a lease not renewed for this long is given up (workers renew every second or so)
     */
    public record Settings(String bindInterface, int port, long leaseMillis) {
        public static Settings defaults() {
            return new Settings("127.0.0.1", ClosedDoor.DEFAULT_PORT, 8_000);
        }

        public Settings withPort(int newPort) {
            return new Settings(bindInterface, newPort, leaseMillis);
        }

        public Settings withInterface(String iface) {
            return new Settings(iface, port, leaseMillis);
        }

        public Settings withLeaseMillis(long millis) {
            return new Settings(bindInterface, port, millis);
        }
    }

    /** A worker as the Cluster pane lists it. */
    public record WorkerView(String name, String host, String cpu, int cores, String gpu, String devices,
                             boolean connected) {
    }

    /** A trial the coordinator has handed out and not yet committed. */
    public record TrialView(String trialId, int attempt, String state, String worker, String run, int epoch,
                            int totalEpochs) {
    }

    /**
     * Figures for the benchmark and the pane.
     *
     * @param committed          results stored
     * @param duplicates         late results of attempts already given up (not stored)
     * @param rejected           messages or entries that did not verify
     * @param retried            attempts given up (lapsed lease, departed worker)
     * @param overheadMillis     per committed trial: coordinator wall time minus the worker's own run time
     * @param epochDelayMillis   per epoch: the worker's send time to this listener's call (same clock when on one host)
     * @param claimMillis        per committed trial: offered until a worker leased it (worker's clock at the lease)
     */
    public record Stats(int committed, int duplicates, int rejected, int retried, List<Long> overheadMillis,
                        List<Long> epochDelayMillis, List<Long> claimMillis) {
    }

    private final Settings settings;
    private final ClusterKey key;
    private final RunStore store;
    private final HazelcastInstance hz;
    private final IMap<String, String> trials;
    private final IMap<String, String> workers;
    private final IMap<String, String> data;
    private final ITopic<String> events;
    private final Map<String, Tracked> tracked = new ConcurrentHashMap<>();
    private final ScheduledExecutorService reaper;
    private final List<String> rejections = new CopyOnWriteArrayList<>();
    private final List<RunListener> observers = new CopyOnWriteArrayList<>();
    private final AtomicInteger committed = new AtomicInteger();
    private final AtomicInteger duplicates = new AtomicInteger();
    private final AtomicInteger retried = new AtomicInteger();
    private final List<Long> overheads = new CopyOnWriteArrayList<>();
    private final List<Long> epochDelays = new CopyOnWriteArrayList<>();
    private final List<Long> claims = new CopyOnWriteArrayList<>();
    /** The stored run of each given-up attempt, {@code trialId#attempt}, to note a late result on it. */
    private final Map<String, Long> givenUp = new ConcurrentHashMap<>();
    private final DataShipping shipping;
    private volatile boolean closed;

    private ClusterTrialExecutor(Settings settings, ClusterKey key, RunStore store, HazelcastInstance hz) {
        this.settings = settings;
        this.key = key;
        this.store = store;
        this.hz = hz;
        this.trials = hz.getMap(ClosedDoor.TRIALS);
        this.workers = hz.getMap(ClosedDoor.WORKERS);
        this.data = hz.getMap(ClosedDoor.DATA);
        this.events = hz.getReliableTopic(ClosedDoor.EVENTS);
        this.shipping = new DataShipping(data);
        this.reaper = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "verdant-cluster-leases");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Starts the coordinator's member on {@code settings}' interface and port; its runs are stored in {@code store}.
     *
     * @throws ClusterException when the port is taken or the interface is not this machine's
     */
    public static ClusterTrialExecutor start(Settings settings, ClusterKey key, RunStore store) {
        HazelcastInstance hz;
        try {
            hz = Hazelcast.newHazelcastInstance(ClosedDoor.member(settings.bindInterface(), settings.port()));
        } catch (HazelcastException | IllegalStateException e) {
            throw new ClusterException("could not start the cluster coordinator on " + settings.bindInterface() + ":"
                    + settings.port() + " (" + rootMessage(e) + "). Check that the address is one of this machine's "
                    + "and that no other program uses the port (choose another with --port).", e);
        }
        ClusterTrialExecutor c = new ClusterTrialExecutor(settings, key, store, hz);
        c.begin();
        return c;
    }

    private void begin() {
        trials.clear(); // a member that survived from an earlier coordinator would have none; be sure
        events.addMessageListener(m -> onMessage(m.getMessageObject()));
        hz.getClientService().addClientListener(new ClientListener() {
            @Override
            public void clientConnected(Client client) {
            }

            @Override
            public void clientDisconnected(Client client) {
                if (!closed) {
                    reaper.execute(() -> workerLeft(client.getUuid().toString()));
                }
            }
        });
        reaper.scheduleWithFixedDelay(this::checkLeases, 250, 250, TimeUnit.MILLISECONDS);
    }

    /** The address workers join, {@code host:port}. */
    public String address() {
        return settings.bindInterface() + ":" + settings.port();
    }

    public Settings settings() {
        return settings;
    }

    /** Adds a listener that hears every remote run (the window's live charts and queue). */
    public void addObserver(RunListener listener) {
        observers.add(listener);
    }

    @Override
    public TrialRun start(TrialAttempt attempt, RunListener listener) {
        if (closed) {
            throw new ClusterException("the cluster coordinator was stopped; start it again to run trials");
        }
        DataRef ref = shipping.offer(attempt.spec());
        Tracked t = new Tracked(attempt, listener, ref);
        Tracked earlier = tracked.putIfAbsent(attempt.trialId(), t);
        if (earlier != null && !earlier.done) {
            throw new IllegalStateException("trial " + attempt.trialId() + " is already running in the cluster");
        }
        tracked.put(attempt.trialId(), t);
        synchronized (t) {
            t.lastGood = TrialEntry.pending(attempt.trialId(), t.attempt, attempt.spec(), ref).seal(key, COORDINATOR);
            trials.put(attempt.trialId(), t.lastGood);
        }
        return t;
    }

    /** Workers connected now (at least one, so a sweep plans its rungs for one at worst). */
    @Override
    public int parallelism() {
        return Math.max(1, hz.getClientService().getConnectedClients().size());
    }

    /** The workers that have announced themselves, with whether they are connected now. */
    public List<WorkerView> workers() {
        java.util.Set<String> connected = new java.util.HashSet<>();
        hz.getClientService().getConnectedClients().forEach(c -> connected.add(c.getUuid().toString()));
        List<WorkerView> views = new ArrayList<>();
        for (Map.Entry<String, String> e : workers.entrySet()) {
            Optional<Wire.Message> m = Wire.open(key, e.getValue()).filter(x -> x.kind().equals("worker"));
            if (m.isEmpty()) {
                reject("worker record '" + e.getKey() + "' is unsigned or forged; ignored");
                continue;
            }
            Wire.Message w = m.get();
            views.add(new WorkerView(w.text("name"), w.text("host"), w.text("cpu"), w.integer("cores"),
                    w.text("gpu"), w.text("devices"), connected.contains(w.text("uuid"))));
        }
        views.sort(java.util.Comparator.comparing(WorkerView::name));
        return views;
    }

    /** Trials handed out and not yet committed, by trial id. */
    public List<TrialView> running() {
        List<TrialView> views = new ArrayList<>();
        for (Tracked t : tracked.values()) {
            synchronized (t) {
                if (!t.done) {
                    views.add(new TrialView(t.first.trialId(), t.attempt, t.worker == null ? "pending" : "running",
                            t.worker, t.run == null ? null : t.run.id().map(RunId::label).orElse(null), t.epoch,
                            t.first.spec().training().epochs()));
                }
            }
        }
        views.sort(java.util.Comparator.comparing(TrialView::trialId));
        return views;
    }

    /** The latest rejections (newest last), each a sentence. */
    public List<String> rejections() {
        return List.copyOf(rejections);
    }

    public Stats stats() {
        return new Stats(committed.get(), duplicates.get(), rejections.size(), retried.get(), List.copyOf(overheads),
                List.copyOf(epochDelays), List.copyOf(claims));
    }

    // ---- leases ----

    private void checkLeases() {
        try {
            for (Tracked t : tracked.values()) {
                synchronized (t) {
                    if (!t.done) {
                        checkLease(t);
                    }
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.log(System.Logger.Level.WARNING, "cluster lease check failed: " + e);
            }
        }
    }

    /** Under t's lock: reads the trial's entry, repairs it if lost or forged, and gives up a lapsed lease. */
    private TrialEntry checkLease(Tracked t) {
        String id = t.first.trialId();
        String raw = trials.get(id);
        if (raw == null) {
            trials.put(id, t.lastGood); // a lost entry is offered again as it was
            return null;
        }
        TrialEntry e = TrialEntry.open(key, raw);
        if (e == null || e.attempt() != t.attempt || !e.trialId().equals(id)) {
            reject("trial " + id + ": its entry was replaced by " + (e == null ? "an unsigned or forged value"
                    : "attempt " + e.attempt() + " (only the coordinator changes attempts)") + "; restored");
            trials.put(id, t.lastGood);
            return null;
        }
        t.lastGood = raw;
        if (e.isPending()) {
            return e;
        }
        long now = System.nanoTime();
        if (t.worker == null || !t.worker.equals(e.worker()) || e.renewals() != t.renewals) {
            t.worker = e.worker();
            t.workerUuid = e.workerUuid();
            t.renewals = e.renewals();
            t.seenNanos = now;
        } else if (now - t.seenNanos > TimeUnit.MILLISECONDS.toNanos(settings.leaseMillis())) {
            giveUp(t, raw, "worker " + t.worker + " did not renew its lease for "
                    + settings.leaseMillis() / 1000.0 + " s");
            return null;
        }
        if (t.cancelRequested && !e.cancel()) {
            String next = e.cancelled().seal(key, COORDINATOR);
            if (trials.replace(id, raw, next)) {
                t.lastGood = next;
            }
        }
        return e;
    }

    private void workerLeft(String uuid) {
        for (Tracked t : tracked.values()) {
            synchronized (t) {
                if (t.done || !uuid.equals(t.workerUuid)) {
                    continue;
                }
                String raw = trials.get(t.first.trialId());
                TrialEntry e = TrialEntry.open(key, raw);
                // a worker that has reported may have left on purpose; its result is on the way
                if (e != null && e.isLeased() && e.attempt() == t.attempt && uuid.equals(e.workerUuid())) {
                    giveUp(t, raw, "worker " + t.worker + " left the cluster");
                }
            }
        }
    }

    /** Under t's lock: the attempt is lost; the run ends as interrupted and the next attempt is offered. */
    private void giveUp(Tracked t, String expectedRaw, String why) {
        String id = t.first.trialId();
        if (t.cancelRequested) {
            if (trials.remove(id, expectedRaw)) {
                RunResult r = t.run == null ? null : t.run.interrupted(why + " while the trial was being cancelled");
                finishTracked(t, r != null ? r : notRun(t, RunStatus.CANCELLED, "cancelled before it started"));
            }
            return;
        }
        int next = t.attempt + 1;
        String pending = TrialEntry.pending(id, next, t.first.spec(), t.data).seal(key, COORDINATOR);
        if (!trials.replace(id, expectedRaw, pending)) {
            return; // changed meanwhile; the next check sees the new value
        }
        retried.incrementAndGet();
        LOG.log(System.Logger.Level.WARNING, "trial " + id + " attempt " + t.attempt + ": " + why
                + "; it runs again as attempt " + next);
        if (t.run != null) {
            t.run.interrupted(why + " during epoch " + (t.epoch + 1) + "; the trial runs again as attempt " + next);
            t.run.id().filter(RunId::stored).ifPresent(rid -> givenUp.put(id + "#" + t.attempt, rid.value()));
        }
        t.attempt = next;
        t.run = null;
        t.worker = null;
        t.workerUuid = null;
        t.renewals = 0;
        t.epoch = 0;
        t.lastGood = pending;
        t.files.clear();
    }

    // ---- events from workers ----

    private void onMessage(String raw) {
        if (closed) {
            return;
        }
        Optional<Wire.Message> opened = Wire.open(key, raw);
        if (opened.isEmpty()) {
            reject("rejected " + Wire.claimedSender(raw) + ": unsigned, or signed with another key");
            return;
        }
        Wire.Message m = opened.get();
        String trialId = m.text("trialId");
        Tracked t = trialId == null ? null : tracked.get(trialId);
        if (t == null) {
            if (m.kind().equals("finished")) {
                duplicate(m, "the coordinator has no such trial running");
            }
            return;
        }
        synchronized (t) {
            try {
                handle(t, m);
            } catch (RuntimeException e) {
                reject("trial " + trialId + ": a " + m.kind() + " message from " + m.from()
                        + " could not be read (" + rootMessage(e) + "); ignored");
            }
        }
    }

    /** Under t's lock. Messages of an attempt other than the current one, or from another worker, are stale. */
    private void handle(Tracked t, Wire.Message m) {
        int attempt = m.integer("attempt");
        if (t.worker == null && !t.done && attempt == t.attempt) {
            checkLease(t); // the lease may be newer than the last check
        }
        boolean current = !t.done && attempt == t.attempt && m.from().equals(t.worker);
        if (!current) {
            if (m.kind().equals("finished")) {
                duplicate(m, t.done ? "trial " + t.first.trialId() + " was committed already"
                        : attempt < t.attempt ? "the attempt was given up and the trial runs again as attempt "
                        + t.attempt : "attempt " + attempt + " was not handed to " + m.from());
            }
            return;
        }
        if (!m.kind().equals("started") && t.run == null && !m.kind().equals("finished")) {
            return; // nothing to attach to (the started message was not accepted)
        }
        switch (m.kind()) {
            case "started" -> {
                t.run = new RemoteRun(store, listenersOf(t));
                Provenance p = m.value("provenance", Provenance.class);
                t.provenance = p == null ? null : p.withWorker(workerLabel(m));
                t.run.started(t.first.spec(), t.provenance, m.number("params"), m.number("flopsPerSample"),
                        Math.max(1, m.integer("batchesPerEpoch")));
                // the window names the worker beside the run (its notices line), as the pane's trial table does
                t.run.notice(t.run.id().map(RunId::label).orElse("the run") + " runs on worker "
                        + workerLabel(m) + " (trial " + t.first.trialId() + ", attempt " + t.attempt + ")");
            }
            case "phase" -> t.run.phase(m.value("phase", Phase.class));
            case "batch" -> t.run.batch(m.value("batch", BatchRecord.class));
            case "epoch" -> {
                EpochRecord epoch = m.value("epoch", EpochRecord.class);
                t.epoch = epoch.epoch();
                t.run.epoch(epoch, m.integer("total"));
                epochDelays.add(Math.max(0, System.currentTimeMillis() - m.at()));
            }
            case "step" -> t.run.step(m.value("report", CompressionReport.class), m.integer("total"));
            case "power" -> {
                for (com.fasterxml.jackson.databind.JsonNode n : m.body().path("samples")) {
                    t.run.power(Wire.JSON.convertValue(n, PowerSample.class));
                }
            }
            case "notice" -> t.run.notice(m.text("message"));
            case "artifact" -> artifact(t, m);
            case "finished" -> commit(t, m);
            default -> reject("unknown message kind '" + m.kind() + "' from " + m.from() + "; ignored");
        }
    }

    private void commit(Tracked t, Wire.Message m) {
        RunResult r = m.value("result", RunResult.class);
        Provenance p = r.provenance() == null ? t.provenance : r.provenance().withWorker(workerLabel(m));
        r = new RunResult(null, r.name(), r.status(), r.message(), t.first.spec(), p, r.finalMetrics(), r.epochs(),
                r.power(), r.startedAt(), r.endedAt(), r.compression());
        if (t.run == null) {
            t.run = new RemoteRun(store, listenersOf(t));
        }
        RunResult stored = t.run.finished(r);
        committed.incrementAndGet();
        long wall = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t.submittedNanos);
        overheads.add(Math.max(0, wall - m.number("jobMillis")));
        claims.add(Math.max(0, m.number("claimedAt") - t.submittedAtMillis));
        trials.remove(t.first.trialId());
        finishTracked(t, stored);
    }

    private void finishTracked(Tracked t, RunResult r) {
        t.done = true;
        tracked.remove(t.first.trialId(), t);
        t.result.complete(r);
    }

    /**
     * A result that is not committed: logged, counted, and noted on the stored run of the attempt it belongs to when
     * that attempt was given up (so History shows that the presumed-dead worker did finish).
     */
    private void duplicate(Wire.Message m, String why) {
        duplicates.incrementAndGet();
        String sentence = "late result of trial " + m.text("trialId") + " attempt " + m.integer("attempt") + " from "
                + m.from() + " recorded as a duplicate, not stored: " + why;
        LOG.log(System.Logger.Level.WARNING, sentence);
        Long runId = givenUp.get(m.text("trialId") + "#" + m.integer("attempt"));
        if (runId != null && store != null) {
            try {
                store.note(runId, sentence);
            } catch (RuntimeException e) {
                // the note is a courtesy; the duplicate is logged either way
            }
        }
    }

    /** A chunk of a trained model or compressed artifact, written under the run's model folder once checked. */
    private void artifact(Tracked t, Wire.Message m) {
        Path dir = t.run.modelDir();
        if (dir == null) {
            return; // not stored: nowhere to keep it
        }
        String rel = m.text("path");
        Path target = dir.resolve(rel).normalize();
        if (rel == null || Path.of(rel).isAbsolute() || !target.startsWith(dir)) {
            reject("artifact path '" + rel + "' from " + m.from() + " leaves the run's folder; ignored");
            return;
        }
        int index = m.integer("index");
        int count = m.integer("count");
        Path part = target.resolveSibling(target.getFileName() + ".part");
        try {
            Files.createDirectories(target.getParent());
            byte[] bytes = Base64.getDecoder().decode(m.text("data"));
            try (OutputStream out = index == 0 ? Files.newOutputStream(part)
                    : Files.newOutputStream(part, java.nio.file.StandardOpenOption.APPEND)) {
                out.write(bytes);
            }
            if (index == count - 1) {
                if (sha256(part).equals(m.text("sha256"))) {
                    Files.move(part, target, StandardCopyOption.REPLACE_EXISTING);
                } else {
                    Files.deleteIfExists(part);
                    reject("artifact " + rel + " of trial " + t.first.trialId() + " from " + m.from()
                            + " does not match its hash; dropped");
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            reject("artifact " + rel + " of trial " + t.first.trialId() + " could not be written: "
                    + rootMessage(e));
        }
    }

    private List<RunListener> listenersOf(Tracked t) {
        List<RunListener> all = new ArrayList<>();
        all.add(t.listener);
        all.addAll(observers);
        return all;
    }

    private static String workerLabel(Wire.Message m) {
        String host = m.text("host");
        return host == null ? m.from() : m.from() + " (" + host + ")";
    }

    private RunResult notRun(Tracked t, RunStatus status, String message) {
        String now = Instant.now().toString();
        return new RunResult(null, t.first.spec().name(), status, message, t.first.spec(), null, null, List.of(),
                List.of(), now, now, List.of());
    }

    private void reject(String sentence) {
        LOG.log(System.Logger.Level.WARNING, "cluster: " + sentence);
        rejections.add(Instant.now() + " " + sentence);
        while (rejections.size() > REJECTIONS_KEPT) {
            rejections.remove(0);
        }
    }

    static String sha256(Path file) throws IOException {
        try (var in = Files.newInputStream(file)) {
            MessageDigest d = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) > 0; ) {
                d.update(buf, 0, n);
            }
            return HexFormat.of().formatHex(d.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable c = e;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
    }

    /**
     * Stops the coordinator: trials not yet committed end (their futures complete as interrupted runs), and the
     * member stops listening.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        reaper.shutdownNow();
        for (Tracked t : tracked.values()) {
            synchronized (t) {
                if (!t.done) {
                    RunResult r = t.run == null ? null : t.run.interrupted("the coordinator was stopped");
                    finishTracked(t, r != null ? r : notRun(t, RunStatus.INTERRUPTED,
                            "the coordinator was stopped before a worker took the trial"));
                }
            }
        }
        hz.shutdown();
    }

    /** One trial as the sweep holds it; every field is read and written under this object's lock. */
    private final class Tracked implements TrialRun {
        final TrialAttempt first;
        final RunListener listener;
        final DataRef data;
        final CompletableFuture<RunResult> result = new CompletableFuture<>();
        final long submittedNanos = System.nanoTime();
        final long submittedAtMillis = System.currentTimeMillis();
        final Map<String, Boolean> files = new ConcurrentHashMap<>();
        int attempt;
        String lastGood;
        RemoteRun run;
        Provenance provenance;
        String worker;
        String workerUuid;
        long renewals;
        long seenNanos;
        int epoch;
        boolean cancelRequested;
        boolean done;

        Tracked(TrialAttempt first, RunListener listener, DataRef data) {
            this.first = first;
            this.listener = listener == null ? new RunListener() { } : listener;
            this.data = data;
            this.attempt = first.attempt();
        }

        @Override
        public synchronized TrialAttempt attempt() {
            return attempt == first.attempt() ? first : new TrialAttempt(first.trialId(), attempt, first.spec());
        }

        @Override
        public synchronized Optional<RunId> runId() {
            return run == null ? Optional.empty() : run.id();
        }

        @Override
        public synchronized String worker() {
            return worker == null ? "(waiting for a worker)" : worker;
        }

        @Override
        public void cancel() {
            synchronized (this) {
                if (done) {
                    return;
                }
                cancelRequested = true;
                String raw = trials.get(first.trialId());
                TrialEntry e = TrialEntry.open(key, raw);
                if (e != null && e.isPending() && trials.remove(first.trialId(), raw)) {
                    finishTracked(this, notRun(this, RunStatus.CANCELLED, "cancelled before a worker took it"));
                }
            }
        }

        @Override
        public CompletableFuture<RunResult> result() {
            return result;
        }
    }
}
