package app.margin.bench;

import app.margin.support.MarginClient;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The side-by-side workload of issue 14 against the packaged Margin over HTTP: the synthetic project Taguette
 * 1.5.2's web client was measured on (100 documents of 5,000 words, 1,000 codings, one code with 334 segments), each
 * everyday step timed as the browser makes it, printed next to Taguette's figures from the same machine with the
 * speed-up (Taguette's time / Margin's; the target is 5×). Then the process's resident memory, right after the work
 * and after it has sat idle.
 *
 * <p>A command, not a test: {@code ./mvnw -B -q verify -Pworkload-bench}. Options: {@code -Dbench.auth=session}
 * (default; the browser's cookie) or {@code token} (an API token); {@code -Dbench.repeats=100} reads per read step;
 * {@code -Dbench.idleSeconds=30}; {@code -Dbench.jvmArgs="-Xmx512m …"} for Margin's JVM (e.g. a flight recording:
 * {@code -XX:StartFlightRecording=filename=target/workload-bench/margin.jfr,settings=profile}). Margin's log is in
 * target/workload-bench/margin.log. {@code -Dbench.steps=import} runs only the import (no idle wait);
 * {@code -Dbench.jar=…/quarkus-run.jar} runs another build, e.g. a copy of the one before a change, to alternate
 * the two under the same load.
 */
class WorkloadBenchmark {
    static final int DOCUMENTS = 100;
    static final int WORDS = 5_000;
    static final int CODINGS = 1_000;
    /** 1,000 codings dealt over three codes in turn: the first gets 334. */
    static final int CODES = 3;
    static final int REPEATS = Integer.getInteger("bench.repeats", 100);
    static final int WARM_UP = 10;
    static final long IDLE_SECONDS = Long.getLong("bench.idleSeconds", 30);
    static final String AUTH = System.getProperty("bench.auth", "session");
    /** The steps to run, e.g. {@code import} alone while working on it; every step when unset. */
    static final List<String> STEPS = Arrays.stream(System.getProperty("bench.steps", "").split(","))
            .map(String::strip).filter(s -> !s.isEmpty()).toList();
    /** The packaged Margin to run, e.g. a copy of an older build to compare with under the same load. */
    static final Path JAR = Path.of(System.getProperty("bench.jar", PackagedMargin.JAR.toString()));

    /** Taguette 1.5.2 on this machine, from issue 14: the step, the percentile reported there, milliseconds. */
    record Reference(String step, double percentile, double millis) {
    }

    static final Map<String, Reference> TAGUETTE = Map.of(
            "import", new Reference("import", 0.5, 39),
            "open", new Reference("open", 0.5, 6.4),
            "open, revalidated", new Reference("open", 0.5, 6.4),
            "open, before (2 requests)", new Reference("open", 0.5, 6.4),
            "add coding", new Reference("add coding", 0.99, 36),
            "list segments", new Reference("list segments", 0.5, 240),
            "export CSV", new Reference("export CSV", 0.5, 111));
    static final double TAGUETTE_RSS_MB = 94;

    @Test
    void sideBySideWorkload() throws Exception {
        List<String> jvmArgs = Arrays.stream(System.getProperty("bench.jvmArgs", "").split("\\s+"))
                .filter(a -> !a.isBlank()).toList();
        long startedAt = System.nanoTime();
        try (PackagedMargin margin = PackagedMargin.start(JAR, 0, jvmArgs,
                Path.of("target", "workload-bench", "margin.log"))) {
            double readySeconds = (System.nanoTime() - startedAt) / 1e9;
            Map<String, Latencies> steps = run(margin);
            double busyRss = rssMegabytes(margin.pid());
            if (!STEPS.isEmpty()) {
                print(steps, readySeconds, busyRss, busyRss, jvmArgs);
                return; // a partial run is for working on a step: no idle wait
            }
            Thread.sleep(IDLE_SECONDS * 1000);
            double idleRss = rssMegabytes(margin.pid());
            print(steps, readySeconds, busyRss, idleRss, jvmArgs);
        }
    }

    private static Map<String, Latencies> run(PackagedMargin margin) throws Exception {
        MarginClient admin = MarginClient.basic(margin.url, "admin", margin.adminPassword);
        MarginClient client = AUTH.equals("token")
                ? MarginClient.bearer(margin.url, admin.post("/api/v1/me/tokens", Map.of("name", "workload bench"))
                        .expect(201).json().get("token").asText())
                : MarginClient.signIn(margin.url, "admin", margin.adminPassword);
        long project = client.post("/api/v1/projects", Map.of("name", "Workload", "description", "bench"))
                .expect(201).json().get("id").asLong();
        String path = "/api/v1/projects/" + project;
        Map<String, Latencies> steps = new LinkedHashMap<>();
        for (String step : List.of("import", "open", "open, revalidated", "open, before (2 requests)", "add coding",
                "list segments", "export CSV", "export XLSX")) {
            steps.put(step, new Latencies());
        }
        // The import always runs (the other steps need its documents); the others only when asked for.
        boolean beyondImport = STEPS.isEmpty() || STEPS.stream().anyMatch(s -> !s.equals("import"));

        // Import: one document per request, as a researcher adds transcripts one by one.
        CorpusGenerator generator = new CorpusGenerator(42, 0);
        List<Long> documents = new ArrayList<>();
        List<Integer> lengths = new ArrayList<>();
        double importCpuBefore = margin.cpuSeconds();
        for (int i = 1; i <= DOCUMENTS; i++) {
            byte[] text = generator.transcript(String.format("W%03d", i), WORDS).getBytes(StandardCharsets.UTF_8);
            long t = System.nanoTime();
            MarginClient.Answer answer = client.upload(path + "/documents",
                    Map.of(String.format("W%03d.txt", i), text), Map.of()).expect(201);
            steps.get("import").record(System.nanoTime() - t, answer.status());
            JsonNode imported = answer.json().get("imported").get(0);
            documents.add(imported.get("id").asLong());
            lengths.add(imported.get("length").asInt());
        }
        // On a machine shared with other work the latency is mostly waiting for a core; the CPU Margin spent is steadier
        // (the whole process: the index's follow-up of each import is in it too).
        System.out.printf("%nImport: Margin used %.1f ms of CPU per document (whole process, %d documents)%n",
                (margin.cpuSeconds() - importCpuBefore) * 1000 / DOCUMENTS, DOCUMENTS);
        if (!beyondImport) {
            steps.keySet().retainAll(List.of("import"));
            return steps;
        }
        List<Long> codes = new ArrayList<>();
        for (int i = 1; i <= CODES; i++) {
            codes.add(client.post(path + "/codes", Map.of("name", "Theme " + i)).expect(201).json().get("id").asLong());
        }

        // Add a coding: 1,000 in turn over the codes, a sentence-sized range somewhere in a document.
        Random random = generator.random();
        Map<String, Double> cpuBefore = threadCpuSeconds(margin.pid());
        for (int n = 0; n < CODINGS; n++) {
            int doc = n % DOCUMENTS;
            int start = random.nextInt(lengths.get(doc) - 500);
            Map<String, Object> coding = Map.of("documentId", documents.get(doc), "codeId", codes.get(n % CODES),
                    "start", start, "end", start + 30 + random.nextInt(400));
            long t = System.nanoTime();
            int status = client.post(path + "/codings", coding).expect(201).status();
            steps.get("add coding").record(System.nanoTime() - t, status);
        }
        printCpu("add coding", cpuBefore, threadCpuSeconds(margin.pid()));

        long busiest = codes.getFirst();
        Map<String, String> reads = new LinkedHashMap<>();
        reads.put("list segments", path + "/codes/" + busiest + "/segments");
        reads.put("export CSV", path + "/export/segments?format=csv&codeId=" + busiest);
        reads.put("export XLSX", path + "/export/segments?format=xlsx&codeId=" + busiest);
        for (int i = 0; i < WARM_UP + REPEATS; i++) {
            // Open a document as the viewer does: one request for its text, units and the codings shown on it (the
            // viewer's first layer, the caller's own). First as a browser that has not seen it (cold), then again
            // with the ETag it was given, as a browser that opened it before (a 304 while nothing changed).
            long did = documents.get(random.nextInt(DOCUMENTS));
            String open = path + "/documents/" + did + "/view?layer=CODER&coder=admin";
            long t = System.nanoTime();
            MarginClient.Tagged cold = client.getTagged(open, null);
            cold.answer().expect(200);
            record(steps.get("open"), i, System.nanoTime() - t, cold.answer().status());
            t = System.nanoTime();
            int status = client.getTagged(open, cold.etag()).answer().expect(304).status();
            record(steps.get("open, revalidated"), i, System.nanoTime() - t, status);
            // and as the viewer did before: the document, then its codings (two requests, no ETag)
            t = System.nanoTime();
            client.get(path + "/documents/" + did).expect(200);
            status = client.get(path + "/codings?documentId=" + did + "&layer=CODER&coder=admin").expect(200).status();
            record(steps.get("open, before (2 requests)"), i, System.nanoTime() - t, status);
            for (Map.Entry<String, String> read : reads.entrySet()) {
                t = System.nanoTime();
                status = client.get(read.getValue()).expect(200).status();
                record(steps.get(read.getKey()), i, System.nanoTime() - t, status);
            }
        }
        int segments = client.get(reads.get("list segments")).expect(200).json().size();
        System.out.printf("%nWorkload project: %d documents × %d words, %d codings, busiest code %d segments%n",
                DOCUMENTS, WORDS, CODINGS, segments);
        return steps;
    }

    private static void record(Latencies step, int round, long nanos, int status) {
        if (round >= WARM_UP) {
            step.record(nanos, status);
        }
    }

    private static void print(Map<String, Latencies> steps, double readySeconds, double busyRss, double idleRss,
            List<String> jvmArgs) {
        System.out.printf("Margin (%s, signed in with a %s%s) ready %.1f s after launch%n", JAR, AUTH,
                jvmArgs.isEmpty() ? "" : ", JVM " + String.join(" ", jvmArgs), readySeconds);
        System.out.printf("%-27s %5s %9s %9s %16s %10s%n", "step", "n", "p50 ms", "p99 ms", "Taguette ms", "speed-up");
        steps.forEach((step, latencies) -> {
            Latencies.Snapshot s = latencies.snapshot();
            Reference taguette = TAGUETTE.get(step);
            String reference = "—";
            String ratio = "—";
            if (taguette != null) {
                double margin = s.percentileMillis(taguette.percentile());
                reference = String.format("%s %.1f", taguette.percentile() == 0.5 ? "p50" : "p99", taguette.millis());
                ratio = String.format("%.1f×%s", taguette.millis() / margin,
                        taguette.millis() / margin >= 5 ? "" : " (<5×)");
            }
            System.out.printf("%-27s %5d %9.2f %9.2f %16s %10s   %s%n", step, s.count(), s.percentileMillis(0.5),
                    s.percentileMillis(0.99), reference, ratio, s.statusLine());
        });
        System.out.printf("RSS: %.0f MB right after the workload, %.0f MB after %d s idle (Taguette %.0f MB)%n",
                busyRss, idleRss, IDLE_SECONDS, TAGUETTE_RSS_MB);
    }

    /** Resident set size of a process from /proc (Linux), in MB; -1 elsewhere. */
    /**
     * Margin's CPU seconds per kind of thread (name without its number) from /proc: what a step cost the server,
     * which on a shared machine is steadier than its latencies. Empty where /proc is not there.
     */
    static Map<String, Double> threadCpuSeconds(long pid) {
        Map<String, Double> cpu = new java.util.TreeMap<>();
        try (var tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    String stat = Files.readString(task.resolve("stat"));
                    String name = stat.substring(stat.indexOf('(') + 1, stat.lastIndexOf(')'))
                            .replaceAll("[-#\\s]*\\d+$", "");
                    String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    double seconds = (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // USER_HZ
                    cpu.merge(name, seconds, Double::sum);
                } catch (java.io.IOException | RuntimeException threadGone) {
                    // a thread that ended meanwhile
                }
            }
        } catch (java.io.IOException noProc) {
            return Map.of();
        }
        return cpu;
    }

    private static void printCpu(String step, Map<String, Double> before, Map<String, Double> after) {
        StringBuilder line = new StringBuilder();
        double total = 0;
        List<Map.Entry<String, Double>> used = new ArrayList<>();
        for (Map.Entry<String, Double> e : after.entrySet()) {
            double spent = e.getValue() - before.getOrDefault(e.getKey(), 0.0);
            total += spent;
            if (spent >= 0.05) {
                used.add(Map.entry(e.getKey(), spent));
            }
        }
        used.sort((a, b) -> Double.compare(b.getValue(), a.getValue()));
        used.forEach(e -> line.append(String.format(" %s %.2f s,", e.getKey(), e.getValue())));
        System.out.printf("%nMargin's CPU during %s: %.2f s in all;%s%n", step, total, line);
    }

    static double rssMegabytes(long pid) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                }
            }
        } catch (java.io.IOException | RuntimeException e) {
            return -1;
        }
        return -1;
    }
}
