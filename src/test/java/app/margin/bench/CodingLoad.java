package app.margin.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import app.margin.bench.CodingLedger.Content;
import app.margin.bench.CodingLedger.Discrepancies;
import app.margin.bench.CodingLedger.Held;
import app.margin.bench.VirtualCoder.Kind;
import app.margin.bench.VirtualCoder.Unexpected;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The load command: fifty coders at once (a command, not a test of the suite; run as the README says, with
 * {@code ./mvnw -B -q verify -Pload}). Starts the packaged Margin on a fresh data directory (or loads a running one
 * on this machine), sets up a project through the API, signs coders in through the browser's sign-in and lets them
 * add, move and remove codings on the same documents and search, for at most 60 s. Prints throughput and latency
 * per kind of request, then checks against the server that no acknowledged coding was lost, duplicated or
 * resurrected and that search finds every coding. Fails on any error or discrepancy; asserts nothing about time.
 */
class CodingLoad {
    private static final int WINDOW_SECONDS = 10;
    /** Searches timed one at a time after the load, for the idle p99. */
    private static final int IDLE_SEARCHES = 300;

    @Test
    void fiftyCoders() throws Exception {
        Map<String, String> properties = new HashMap<>();
        System.getProperties().stringPropertyNames().forEach(k -> properties.put(k, System.getProperty(k)));
        if (System.getenv("MARGIN_ADMIN_PASSWORD") != null) {
            properties.put("env.MARGIN_ADMIN_PASSWORD", System.getenv("MARGIN_ADMIN_PASSWORD"));
        }
        LoadOptions options = LoadOptions.from(properties);
        if (LoadOptions.capped(properties)) {
            say("load.seconds is capped at %d s: running %d s", LoadOptions.MAX_SECONDS, options.seconds());
        }
        Path log = Path.of("target", "load", "margin.log");
        List<String> jvmArgs = new ArrayList<>(options.serverArgs());
        if (options.jfr() != null) {
            jvmArgs.add("-XX:FlightRecorderOptions:stackdepth=256"); // Quarkus' request stacks are deeper than 64
        }
        try (PackagedMargin margin = options.url() == null ? PackagedMargin.start(options.jar(), options.port(), jvmArgs, log) : null) {
            URI url = margin == null ? options.url() : margin.url;
            String password = margin == null ? options.adminPassword() : margin.adminPassword;
            say("Margin: %s (%s)", url, margin == null ? "already running" : "packaged jar started on a fresh data "
                    + "directory, pid " + margin.pid() + ", log " + log);
            run(options, url, password, margin);
        }
    }

    private void run(LoadOptions options, URI url, String adminPassword, PackagedMargin margin) throws Exception {
        HttpClient http = BrowserSession.client();
        long setupStart = System.nanoTime();
        BrowserSession admin = BrowserSession.signIn(http, url, options.adminUser(), adminPassword);
        LoadProject project = LoadProject.create(admin, options);
        List<BrowserSession> sessions = new ArrayList<>();
        for (Map.Entry<String, String> coder : project.coderPasswords().entrySet()) {
            sessions.add(BrowserSession.signIn(http, url, coder.getKey(), coder.getValue()));
        }
        say("setup: %d coder accounts signed in through /j_security_check, project %d with %d transcripts of ~%d words "
                        + "(%d characters in all) and %d codes, in %.1f s", sessions.size(), project.id(),
                project.documentIds().size(), options.words(), project.lengths().stream().mapToInt(i -> i).sum(),
                project.codeIds().size(), (System.nanoTime() - setupStart) / 1e9);
        say("pacing: closed loop, each coder waits for an answer, then thinks %d-%d ms (mean %d ms) before the next "
                        + "action; mix %s", options.thinkMillis() / 2, options.thinkMillis() / 2 + options.thinkMillis(),
                options.thinkMillis(), VirtualCoder.MIX.entrySet().stream()
                        .map(e -> e.getKey().name().toLowerCase() + " " + e.getValue() + "%").collect(Collectors.joining(", ")));

        Map<Kind, Latencies> latencies = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            latencies.put(kind, new Latencies());
        }
        Latencies[] windows = new Latencies[(options.seconds() + WINDOW_SECONDS - 1) / WINDOW_SECONDS];
        for (int i = 0; i < windows.length; i++) {
            windows[i] = new Latencies();
        }
        ConcurrentLinkedQueue<Unexpected> unexpected = new ConcurrentLinkedQueue<>();
        String loadBefore = loadAverage();
        double cpuBefore = margin == null ? -1 : margin.cpuSeconds();
        Flight flight = margin != null && options.jfr() != null ? Flight.start(margin.pid(), options.jfr()) : null;
        long start = System.nanoTime();
        long measureFrom = start + TimeUnit.SECONDS.toNanos(options.warmupSeconds());
        long deadline = start + TimeUnit.SECONDS.toNanos(options.seconds());
        List<VirtualCoder> coders = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        double[] cpuAtMeasureStart = {-1};
        for (int i = 0; i < sessions.size(); i++) {
            VirtualCoder coder = new VirtualCoder(sessions.get(i), project, options.seed() * 1000 + i,
                    options.thinkMillis(), start, measureFrom, deadline, latencies, windows, unexpected);
            coders.add(coder);
            threads.add(Thread.ofVirtual().name("coder-" + i).start(coder));
        }
        if (margin != null) {
            Thread.sleep(Math.max(0, (measureFrom - System.nanoTime()) / 1_000_000));
            cpuAtMeasureStart[0] = margin.cpuSeconds();
        }
        double clientCpuAtMeasureStart = clientCpuSeconds();
        for (Thread thread : threads) {
            // An action started just before the deadline may take up to the request timeout (twice: a double click).
            long left = deadline + 2 * BrowserSession.TIMEOUT.toNanos() + 1_000_000_000L - System.nanoTime();
            if (!thread.join(java.time.Duration.ofNanos(Math.max(1, left)))) {
                thread.interrupt();
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        double measured = (System.nanoTime() - measureFrom) / 1e9;
        double cpuNow = margin == null ? -1 : margin.cpuSeconds();
        double cpu = cpuBefore < 0 || cpuNow < 0 ? -1 : cpuNow - cpuBefore;
        double cpuWarm = cpuAtMeasureStart[0] < 0 || cpuNow < 0 ? -1 : cpuNow - cpuAtMeasureStart[0];
        if (flight != null) {
            flight.stop();
        }
        say("the first %d s warmed Margin up (its JIT compiler at work); figures below are of the %.1f s after them, "
                + "the check afterwards covers the whole run of %.1f s", options.warmupSeconds(), measured, seconds);
        report(latencies, windows, measured, sessions.size(), loadBefore, cpu, cpuWarm);
        say("this load command's own CPU after the warm-up: %.1f s (it shares the machine with Margin)",
                clientCpuSeconds() - clientCpuAtMeasureStart);

        List<Unexpected> errors = List.copyOf(unexpected);
        say("errors (answers that were not 2xx and not an intended 409, or no answer): %d", errors.size());
        errors.stream().collect(Collectors.groupingBy(u -> u.kind().label + " answered " + u.status() + " " + u.detail(),
                        LinkedHashMap::new, Collectors.counting()))
                .entrySet().stream().limit(10).forEach(e -> say("  %d× %s", e.getValue(), e.getKey()));

        compareWithIdleSearch(sessions.getFirst(), project, options.seed(), latencies.get(Kind.SEARCH).snapshot());

        int discrepancies = check(admin, project, coders);
        int indexMisses = checkIndex(admin, project);
        assertEquals(0, errors.size(), "requests answered with an error (listed above)");
        assertEquals(0, discrepancies, "codings lost, duplicated, resurrected or changed (listed above)");
        assertEquals(0, indexMisses, "codes whose coded segments search does not find exactly (listed above)");
    }

    /**
     * The coders' searches once more with nobody coding, one at a time, after the load (so the JIT compiler is as
     * warm): the engine issue's target is a search p99 under load below twice this idle p99.
     */
    private static void compareWithIdleSearch(BrowserSession session, LoadProject project, long seed,
            Latencies.Snapshot underLoad) throws InterruptedException {
        List<String> queries = VirtualCoder.queries(project, new java.util.Random(seed));
        Latencies idle = new Latencies();
        for (int i = 0; i < IDLE_SEARCHES; i++) {
            String q = queries.get(i % queries.size());
            long t = System.nanoTime();
            BrowserSession.Answer answer = session.get(VirtualCoder.searchPath(project, q));
            idle.record(System.nanoTime() - t, answer.status());
        }
        Latencies.Snapshot alone = idle.snapshot();
        say("search with nobody coding (%d searches, one at a time): p50 %.1f ms, p99 %.1f ms; under load p99 %.1f ms "
                        + "= %.2f× the idle p99 (target < 2×)", alone.count(), alone.percentileMillis(0.5),
                alone.percentileMillis(0.99), underLoad.percentileMillis(0.99),
                underLoad.percentileMillis(0.99) / Math.max(0.001, alone.percentileMillis(0.99)));
    }

    private static void report(Map<Kind, Latencies> latencies, Latencies[] windows, double seconds, int coders,
            String loadBefore, double cpuWholeRun, double cpuSeconds) {
        say("%-40s %6s  %-28s %8s %8s %8s %8s", "kind of request", "n", "answers", "p50 ms", "p90 ms", "p99 ms",
                "max ms");
        Latencies coding = new Latencies();
        Latencies all = new Latencies();
        for (Kind kind : Kind.values()) {
            line(kind.label, latencies.get(kind).snapshot());
            if (kind.isCoding()) {
                coding.addAll(latencies.get(kind));
            }
            all.addAll(latencies.get(kind));
        }
        line("coding (add, move, remove)", coding.snapshot());
        line("all requests", all.snapshot());
        Latencies.Snapshot total = all.snapshot();
        Latencies.Snapshot writes = coding.snapshot();
        say("throughput: %d requests in %.1f s = %.1f requests/s (%.1f coding changes/s, %.1f searches/s) from %d coders",
                total.count(), seconds, total.count() / seconds, writes.count() / seconds,
                latencies.get(Kind.SEARCH).snapshot().count() / seconds, coders);
        StringBuilder perWindow = new StringBuilder();
        for (int i = 0; i < windows.length; i++) {
            Latencies.Snapshot w = windows[i].snapshot();
            perWindow.append(String.format("  %d-%d s: p50 %.1f p99 %.1f", i * WINDOW_SECONDS, (i + 1) * WINDOW_SECONDS,
                    w.percentileMillis(0.5), w.percentileMillis(0.99)));
        }
        say("coding latency over the whole run, warm-up included (ms):%s", perWindow);
        if (cpuSeconds >= 0) {
            say("Margin's CPU after the warm-up: %.1f s in %.1f s (%.2f of %d cores), %.1f ms per request "
                            + "(whole run with warm-up: %.1f s)", cpuSeconds, seconds, cpuSeconds / seconds,
                    Runtime.getRuntime().availableProcessors(), cpuSeconds * 1000 / total.count(), cpuWholeRun);
        }
        say("load average of this machine (1, 5, 15 min) before: %s, after: %s", loadBefore, loadAverage());
    }

    private static void line(String label, Latencies.Snapshot s) {
        say("%-40s %6d  %-28s %8.1f %8.1f %8.1f %8.1f", label, s.count(), s.statusLine(), s.percentileMillis(0.5),
                s.percentileMillis(0.9), s.percentileMillis(0.99), s.maxMillis());
    }

    /** Every coder's codings on the server against what their acknowledged actions should have left. */
    private static int check(BrowserSession admin, LoadProject project, List<VirtualCoder> coders) throws Exception {
        JsonNode all = LoadProject.JSON.readTree(LoadProject.expect(admin.get(project.path() + "/codings?layer=CODER"),
                200, "read every coding"));
        Map<String, List<Held>> byCoder = new HashMap<>();
        all.forEach(c -> byCoder.computeIfAbsent(c.get("coder").asText(), k -> new ArrayList<>())
                .add(new Held(c.get("id").asLong(), VirtualCoder.content(c))));
        int lost = 0;
        int unexpected = 0;
        int changed = 0;
        int duplicated = 0;
        int inDoubt = 0;
        List<String> examples = new ArrayList<>();
        List<String> names = new ArrayList<>(project.coderPasswords().keySet());
        for (int i = 0; i < coders.size(); i++) {
            CodingLedger ledger = coders.get(i).ledger;
            Discrepancies found = CodingLedger.compare(ledger.expected(), byCoder.getOrDefault(names.get(i), List.of()));
            if (ledger.operationsInDoubt() > 0) {
                inDoubt += ledger.operationsInDoubt();
                continue; // an action without an answer may or may not have happened: already an error
            }
            lost += found.lost().size();
            unexpected += found.unexpected().size();
            changed += found.changed().size();
            duplicated += found.duplicated().size();
            if (found.total() > 0 && examples.size() < 10) {
                examples.add(names.get(i) + ": lost " + found.lost() + ", resurrected/unacknowledged "
                        + found.unexpected() + ", changed " + found.changed() + ", duplicate copies " + found.duplicated());
            }
        }
        say("check: %d codings on the server in %d coders' layers; %d lost, %d duplicated, %d resurrected or never "
                        + "acknowledged, %d not at their last acknowledged range or code%s", all.size(), coders.size(), lost,
                duplicated, unexpected, changed, inDoubt == 0 ? ""
                        : " (coders with " + inDoubt + " unanswered actions not checked)");
        examples.forEach(e -> say("  %s", e));
        return lost + unexpected + changed + duplicated;
    }

    /** Search's count of each code's segments (all layers, as the owner sees them) against the database. */
    private static int checkIndex(BrowserSession admin, LoadProject project) throws Exception {
        JsonNode all = LoadProject.JSON.readTree(LoadProject.expect(admin.get(project.path() + "/codings"), 200,
                "read every coding"));
        Map<Long, Integer> perCode = new HashMap<>();
        all.forEach(c -> perCode.merge(c.get("codeId").asLong(), 1, Integer::sum));
        int misses = 0;
        for (int i = 0; i < project.codeIds().size(); i++) {
            String q = "code:\"" + project.codeNames().get(i) + "\"";
            JsonNode found = LoadProject.JSON.readTree(LoadProject.expect(admin.get(project.path()
                    + "/search?scope=coded&pageSize=1&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)
                    .replace("+", "%20")), 200, "search a code"));
            int want = perCode.getOrDefault(project.codeIds().get(i), 0);
            if (found.get("total").asInt() != want) {
                misses++;
                say("  index: code %d has %d codings, search finds %d", project.codeIds().get(i), want,
                        found.get("total").asInt());
            }
        }
        say("index: search finds exactly the database's codings for %d of %d codes", project.codeIds().size() - misses,
                project.codeIds().size());
        return misses;
    }

    private static double clientCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    private static String loadAverage() {
        try {
            String[] parts = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return parts[0] + " " + parts[1] + " " + parts[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    static void say(String format, Object... args) {
        System.out.println("LOAD " + String.format(format, args));
    }

    /** A flight recording of Margin during the timed run only (not the setup), through the JDK's jcmd. */
    private record Flight(long pid, Path file) {
        static Flight start(long pid, Path file) throws Exception {
            Files.createDirectories(file.toAbsolutePath().getParent());
            jcmd(pid, "JFR.start", "name=load", "settings=profile");
            return new Flight(pid, file);
        }

        void stop() throws Exception {
            jcmd(pid, "JFR.stop", "name=load", "filename=" + file.toAbsolutePath());
            say("flight recording of the run: %s (jfr print --events jdk.ExecutionSample %s)", file, file);
        }

        private static void jcmd(long pid, String... args) throws Exception {
            List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                    .toString(), Long.toString(pid)));
            command.addAll(List.of(args));
            Process p = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("jcmd " + String.join(" ", args) + " failed");
            }
        }
    }
}
