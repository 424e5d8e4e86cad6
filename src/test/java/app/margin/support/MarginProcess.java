package app.margin.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The packaged Margin ({@code target/quarkus-app/quarkus-run.jar}) as a process of its own, for tests that must
 * treat it as a user does: kill it, restart it on the same data directory, back it up.
 *
 * <pre>{@code
 * try (MarginProcess margin = MarginProcess.on(dataDir).port(MarginProcess.freePort())
 *         .env("MARGIN_ADMIN_PASSWORD", "secret").log(Path.of("target/my-test/margin.log")).start()) {
 *     MarginClient admin = MarginClient.basic(margin.baseUri(), "admin", "secret");
 *     ...
 *     margin.kill();       // SIGKILL: no shutdown hook runs, nothing is flushed
 *     margin.start();      // same data directory, same port, same settings
 * }                        // close(): kills what is still running
 * }</pre>
 *
 * <p>The process runs with the JDK that runs the test, {@code MARGIN_DATA_DIR} set to the data directory and
 * {@code QUARKUS_HTTP_PORT} to the port, in the data directory's parent as working directory (so nothing lands in the
 * source tree). Its output is appended to the log file, never to the test's output: a failure message names the
 * file. {@link #start()} returns once {@code GET /q/health/ready} answers 200.
 *
 * <p>The jar is {@code target/quarkus-app/quarkus-run.jar} unless the system property {@code margin.jar} or
 * {@link #jar(Path)} names another one (e.g. a build with {@code -Dquarkus.profile=team}).
 */
public final class MarginProcess implements AutoCloseable {
    /** Exit status of a process ended by SIGKILL (128 + 9): what {@link #kill()} checks it got. */
    public static final int SIGKILL_EXIT = 137;

    private Path jar = Path.of(System.getProperty("margin.jar", "target/quarkus-app/quarkus-run.jar"));
    private final Path dataDir;
    private int port = -1;
    private Path log;
    private final Map<String, String> env = new LinkedHashMap<>();
    private final List<String> jvmArgs = new ArrayList<>(List.of("-Xmx512m"));
    private Duration readyTimeout = Duration.ofMinutes(3);
    private Process process;
    private Thread cleanup;
    private int starts;

    private MarginProcess(Path dataDir) {
        this.dataDir = dataDir.toAbsolutePath();
    }

    /** A Margin that will keep its data (H2 database, search index) in {@code dataDir}; created when missing. */
    public static MarginProcess on(Path dataDir) {
        return new MarginProcess(dataDir);
    }

    /** The HTTP port; default: a free port chosen by {@link #freePort()} at the first start. */
    public MarginProcess port(int port) {
        this.port = port;
        return this;
    }

    /** Where the process's output is appended; default {@code <dataDir>/../margin.log}. */
    public MarginProcess log(Path log) {
        this.log = log.toAbsolutePath();
        return this;
    }

    public MarginProcess jar(Path jar) {
        this.jar = jar;
        return this;
    }

    /** An environment variable for the process, e.g. {@code MARGIN_ADMIN_PASSWORD} or {@code MARGIN_DEMO}. */
    public MarginProcess env(String name, String value) {
        env.put(name, value);
        return this;
    }

    /** A system property for the process ({@code -Dname=value}), e.g. {@code quarkus.profile}. */
    public MarginProcess systemProperty(String name, String value) {
        jvmArgs.add("-D" + name + "=" + value);
        return this;
    }

    /** A JVM option such as {@code -Xmx2g} (the default heap is 512 MB: the machine is shared with the test). */
    public MarginProcess jvmArg(String option) {
        if (option.startsWith("-Xmx")) {
            jvmArgs.removeIf(a -> a.startsWith("-Xmx"));
        }
        jvmArgs.add(option);
        return this;
    }

    public MarginProcess readyTimeout(Duration timeout) {
        this.readyTimeout = timeout;
        return this;
    }

    /**
     * Starts Margin and waits until it is ready. Called again after {@link #kill()} or {@link #stop()}, it starts
     * on the same data directory and port with the same settings (that is a restart).
     *
     * @throws IllegalStateException when it is already running, exits during start, or is not ready in time
     */
    public MarginProcess start() {
        if (isAlive()) {
            throw new IllegalStateException("Margin is already running (pid " + process.pid() + ")");
        }
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("There is no packaged Margin at " + jar.toAbsolutePath()
                    + ": run ./mvnw package (or verify) first");
        }
        if (port < 0) {
            port = freePort();
        }
        if (log == null) {
            log = dataDir.resolveSibling("margin.log");
        }
        try {
            Files.createDirectories(dataDir);
            Files.createDirectories(log.getParent());
            starts++;
            Files.writeString(log, (starts == 1 ? "" : "\n") + "==== MarginProcess start " + starts + " at "
                    + Instant.now() + " on port " + port + " ====\n", StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.addAll(jvmArgs);
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
            ProcessBuilder builder = new ProcessBuilder(command).directory(dataDir.getParent().toFile())
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectInput(ProcessBuilder.Redirect.from(nullDevice()));
            builder.environment().put("MARGIN_DATA_DIR", dataDir.toString());
            builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
            builder.environment().putAll(env);
            process = builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start Margin (log: " + log + ")", e);
        }
        if (cleanup == null) {
            // A test JVM that exits without close() (Ctrl-C, a crash of the test) must not leave Margin running.
            cleanup = new Thread(this::destroyQuietly, "margin-process-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
        }
        awaitReady();
        return this;
    }

    /** Ends the process with SIGKILL, as {@code kill -9} does, and waits until it is gone. */
    public void kill() {
        requireRunning();
        process.destroyForcibly();
        int exit = awaitExit(Duration.ofSeconds(30));
        // destroyForcibly() is SIGKILL on Linux and macOS; the exit status proves it (128 + signal number).
        if (exit != SIGKILL_EXIT && isUnixLike()) {
            throw new IllegalStateException("Margin ended with status " + exit + ", not by SIGKILL (" + SIGKILL_EXIT + ")");
        }
    }

    /** Asks the process to shut down (SIGTERM, as Ctrl-C or a service manager does) and waits up to a minute. */
    public int stop() {
        requireRunning();
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                awaitExit(Duration.ofSeconds(30));
                throw new IllegalStateException("Margin did not stop within a minute of SIGTERM; killed it (log: " + log + ")");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    /** {@link #stop()} then {@link #start()}. */
    public MarginProcess restart() {
        stop();
        return start();
    }

    public boolean isAlive() {
        return process != null && process.isAlive();
    }

    public long pid() {
        requireRunning();
        return process.pid();
    }

    public int port() {
        return port;
    }

    /** {@code http://127.0.0.1:<port>} */
    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public Path dataDir() {
        return dataDir;
    }

    public Path log() {
        return log;
    }

    /** Kills the process if it still runs. */
    @Override
    public void close() {
        destroyQuietly();
        if (cleanup != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(cleanup);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: nothing to remove.
            }
            cleanup = null;
        }
    }

    /** A port nothing listens on now, chosen by the operating system (or in {@code margin.process.ports=from-to}). */
    public static int freePort() {
        String range = System.getProperty("margin.process.ports");
        if (range == null || range.isBlank()) {
            return bindable(0);
        }
        String[] bounds = range.split("-");
        int from = Integer.parseInt(bounds[0].strip());
        int to = Integer.parseInt(bounds[bounds.length - 1].strip());
        for (int candidate = from; candidate <= to; candidate++) {
            if (bindable(candidate) > 0) {
                return candidate;
            }
        }
        throw new IllegalStateException("No free port in margin.process.ports=" + range);
    }

    private static int bindable(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException inUse) {
            return -1;
        }
    }

    private void awaitReady() {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(baseUri().resolve("/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).GET().build();
        long deadline = System.nanoTime() + readyTimeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Margin exited with status " + process.exitValue()
                        + signalled(process.exitValue()) + " while starting; see " + log + ":\n" + tail(40));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            sleep(150);
        }
        destroyQuietly();
        throw new IllegalStateException("Margin was not ready within " + readyTimeout + "; killed it. See " + log
                + ":\n" + tail(40));
    }

    /** The last lines of the log, for a failure message. */
    public String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException | UncheckedIOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    /** Exit statuses above 128 on Unix are signals; the two that happen say who ended it. */
    private static String signalled(int status) {
        return switch (status) {
            case 137 -> " (SIGKILL: the kernel's out-of-memory killer, or another process)";
            case 143 -> " (SIGTERM from another process)";
            default -> "";
        };
    }

    private int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException("Margin (pid " + process.pid() + ") did not exit within " + timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return process.exitValue();
    }

    private void requireRunning() {
        if (!isAlive()) {
            throw new IllegalStateException("Margin is not running");
        }
    }

    private void destroyQuietly() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            try {
                process.waitFor(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** The java launcher of the JVM running this test, so Margin runs on the same JDK. */
    private static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    private static java.io.File nullDevice() {
        return new java.io.File(isUnixLike() ? "/dev/null" : "NUL");
    }

    private static boolean isUnixLike() {
        return !System.getProperty("os.name", "").toLowerCase().startsWith("windows");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
