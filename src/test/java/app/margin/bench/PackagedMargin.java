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
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Margin ({@code target/quarkus-app/quarkus-run.jar}) started as a user starts it, on a fresh temporary
 * data directory, with a random admin password and no demo project, its output in a log file; stopped (and its data
 * directory deleted) on {@link #close}. Deliberately minimal, so a shared process harness can replace it.
 */
final class PackagedMargin implements AutoCloseable {
    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");

    final URI url;
    final String adminPassword;
    final Path log;
    private final Process process;
    private final Path dataDir;
    private final Thread stopOnExit;

    private PackagedMargin(URI url, String adminPassword, Path log, Process process, Path dataDir) {
        this.url = url;
        this.adminPassword = adminPassword;
        this.log = log;
        this.process = process;
        this.dataDir = dataDir;
        this.stopOnExit = new Thread(this::stop, "stop-margin");
        Runtime.getRuntime().addShutdownHook(stopOnExit);
    }

    /**
     * Starts Margin and waits until it is ready.
     *
     * @param port the port to listen on, 0 for any free one
     * @param jvmArgs extra JVM options for Margin (a flight recording, a heap size)
     */
    static PackagedMargin start(Path jar, int port, List<String> jvmArgs, Path log)
            throws IOException, InterruptedException {
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: package Margin first (./mvnw -DskipTests package), "
                    + "or run the load through its Maven profile, which packages it.");
        }
        int listen = port == 0 ? freePort() : port;
        Path dataDir = Files.createTempDirectory("margin-load-");
        String password = HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmArgs);
        command.addAll(List.of("-jar", jar.toString()));
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().put("MARGIN_DATA_DIR", dataDir.toString());
        builder.environment().put("MARGIN_DEMO", "false");
        builder.environment().put("MARGIN_ADMIN_PASSWORD", password);
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(listen));
        builder.environment().put("QUARKUS_HTTP_HOST", "127.0.0.1");
        PackagedMargin margin = new PackagedMargin(URI.create("http://127.0.0.1:" + listen), password, log,
                builder.start(), dataDir);
        margin.awaitReady(Duration.ofSeconds(120));
        return margin;
    }

    /** The JVM's process id, e.g. for {@code jcmd PID JFR.dump}. */
    long pid() {
        return process.pid();
    }

    /**
     * CPU seconds Margin has used so far (user and system, from /proc; -1 where there is none). On a machine shared
     * with other work, CPU per request is a steadier figure than latency.
     */
    double cpuSeconds() {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(process.pid()), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / 100.0; // utime, stime in clock ticks
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    private void awaitReady(Duration limit) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Margin stopped while starting (exit " + process.exitValue()
                        + "); see " + log.toAbsolutePath());
            }
            try {
                HttpResponse<Void> ready = http.send(HttpRequest.newBuilder(url.resolve("/q/health/ready"))
                        .timeout(Duration.ofSeconds(2)).build(), HttpResponse.BodyHandlers.discarding());
                if (ready.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(250);
        }
        stop();
        throw new IllegalStateException("Margin was not ready within " + limit.toSeconds() + " s; see "
                + log.toAbsolutePath());
    }

    /** Stops Margin as a terminal's Ctrl-C would (so a flight recording is written), then deletes its data. */
    @Override
    public void close() {
        stop();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or has run
        }
    }

    private synchronized void stop() {
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        Folders.delete(dataDir);
    }


    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
