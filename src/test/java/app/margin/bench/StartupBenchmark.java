package app.margin.bench;

import app.margin.support.Folders;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * How long the packaged Margin takes from launch until {@code /q/health/ready} answers 200 on a fresh data directory
 * (with the demo project, as a first start gives it), and its resident memory then and after it has sat idle. Issue
 * 14's targets: ready in under 4 s with the demo, idle memory under 250 MB.
 *
 * <p>A command, not a test: {@code ./mvnw -B -q verify -Pstartup-bench}. Options: {@code -Dbench.starts=5} starts
 * per variant; {@code -Dbench.idleSeconds=30}; {@code -Dbench.demo=true}; {@code -Dbench.variants="A;B"}: JVM
 * options per variant, separated by {@code ;} ({@code default} for none; a token {@code jar=PATH} starts another
 * jar, e.g. a copy of the previous build), started in turn A, B, A, B… so that both see the same load. It prints
 * every start with the load average, then the medians per variant. Logs in target/startup-bench/.
 */
class StartupBenchmark {
    static final int STARTS = Integer.getInteger("bench.starts", 5);
    static final long IDLE_SECONDS = Long.getLong("bench.idleSeconds", 30);
    static final boolean DEMO = Boolean.parseBoolean(System.getProperty("bench.demo", "true"));
    static final Path LOGS = Path.of("target", "startup-bench");
    private static final Pattern DEMO_LINE = Pattern.compile("Loaded the demo project .* in (\\d+) ms");

    /** One way of starting Margin: a jar and JVM options. */
    record Variant(String label, Path jar, List<String> jvmArgs) {
        static Variant parse(String spec) {
            Path jar = PackagedMargin.JAR;
            List<String> options = new ArrayList<>();
            for (String token : spec.strip().split("\\s+")) {
                if (token.startsWith("jar=")) {
                    jar = Path.of(token.substring(4));
                } else if (!token.isBlank() && !token.equals("default")) {
                    options.add(token);
                }
            }
            return new Variant(spec.strip().isEmpty() ? "default" : spec.strip(), jar, options);
        }
    }

    /** What one start measured. */
    record Start(double readySeconds, double cpuSeconds, double readyRss, double idleRss, long demoMillis) {
    }

    @Test
    void startUntilReady() throws Exception {
        List<Variant> variants = Arrays.stream(System.getProperty("bench.variants", "default").split(";"))
                .map(Variant::parse).toList();
        Map<Variant, List<Start>> results = new LinkedHashMap<>();
        variants.forEach(v -> results.put(v, new ArrayList<>()));
        System.out.printf("Start until ready, %s, %d starts per variant, %d s idle, %s%n",
                DEMO ? "demo on" : "demo off", STARTS, IDLE_SECONDS, Runtime.version());
        for (int round = 1; round <= STARTS; round++) {
            for (Variant variant : variants) {
                String load = loadAverage();
                Start start = startOnce(variant, round);
                results.get(variant).add(start);
                System.out.printf("  %d  %-60s ready %5.2f s  CPU %5.1f s  demo %5d ms  RSS %4.0f MB, %4.0f MB idle"
                        + "  (load %s)%n", round, variant.label(), start.readySeconds(), start.cpuSeconds(),
                        start.demoMillis(), start.readyRss(), start.idleRss(), load);
            }
        }
        System.out.println("Medians:");
        results.forEach((variant, starts) -> System.out.printf(
                "  %-60s ready %5.2f s  CPU %5.1f s  RSS %4.0f MB, %4.0f MB after %d s idle%n", variant.label(),
                median(starts.stream().mapToDouble(Start::readySeconds).toArray()),
                median(starts.stream().mapToDouble(Start::cpuSeconds).toArray()),
                median(starts.stream().mapToDouble(Start::readyRss).toArray()),
                median(starts.stream().mapToDouble(Start::idleRss).toArray()), IDLE_SECONDS));
    }

    private static Start startOnce(Variant variant, int round) throws IOException, InterruptedException {
        Path dataDir = Files.createTempDirectory("margin-startup-");
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve("margin-" + Integer.toHexString(variant.label().hashCode()) + "-" + round + ".log");
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(variant.jvmArgs());
        command.addAll(List.of("-jar", variant.jar().toAbsolutePath().toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                .directory(dataDir.toFile());
        builder.environment().put("MARGIN_DATA_DIR", dataDir.resolve("data").toString());
        builder.environment().put("MARGIN_DEMO", Boolean.toString(DEMO));
        builder.environment().put("MARGIN_ADMIN_PASSWORD", "startup-bench-admin");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        long launched = System.nanoTime();
        Process process = builder.start();
        try {
            awaitReady(process, URI.create("http://127.0.0.1:" + port + "/q/health/ready"), log);
            double ready = (System.nanoTime() - launched) / 1e9;
            double cpu = cpuSeconds(process.pid());
            double readyRss = WorkloadBenchmark.rssMegabytes(process.pid());
            Thread.sleep(TimeUnit.SECONDS.toMillis(IDLE_SECONDS));
            double idleRss = WorkloadBenchmark.rssMegabytes(process.pid());
            return new Start(ready, cpu, readyRss, idleRss, demoMillis(log));
        } finally {
            process.destroy();
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            Folders.delete(dataDir);
        }
    }

    /** Polls every 20 ms: the figure is a start time of a few seconds, so a coarser poll would blur it. */
    private static void awaitReady(Process process, URI ready, Path log) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest request = HttpRequest.newBuilder(ready).timeout(Duration.ofSeconds(5)).build();
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Margin stopped while starting (exit " + process.exitValue()
                        + "); see " + log.toAbsolutePath());
            }
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(20);
        }
        throw new IllegalStateException("Margin was not ready within 5 minutes; see " + log.toAbsolutePath());
    }

    /** The demo loader's own figure from the log, -1 when it did not run. */
    private static long demoMillis(Path log) throws IOException {
        Matcher matcher = DEMO_LINE.matcher(Files.readString(log));
        return matcher.find() ? Long.parseLong(matcher.group(1)) : -1;
    }

    /** User and system CPU seconds of a process (Linux /proc), -1 elsewhere. */
    static double cpuSeconds(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip().split(" ")[0];
        } catch (IOException e) {
            return "?";
        }
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n == 0 ? Double.NaN : n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
