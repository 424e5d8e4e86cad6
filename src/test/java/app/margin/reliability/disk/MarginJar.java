package app.margin.reliability.disk;

import static io.restassured.RestAssured.given;

import io.restassured.specification.RequestSpecification;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** The packaged Margin (target/quarkus-app) run as a user runs it, on a data directory of the test's choosing. */
final class MarginJar implements AutoCloseable {
    static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar").toAbsolutePath();
    static final String PASSWORD = "disk-test-admin-password";

    private final Process process;
    private final Path log;
    final int port;

    private MarginJar(Process process, Path log, int port) {
        this.process = process;
        this.log = log;
        this.port = port;
    }

    /** Why the packaged jar cannot be run here, or empty when it can. */
    static Optional<String> why() {
        return Files.isRegularFile(JAR) ? Optional.empty()
                : Optional.of("no packaged jar at " + JAR + " (run ./mvnw package first; .ci/run does)");
    }

    /** Starts Margin and waits until it answers HTTP, or has exited (a refused start). */
    static MarginJar start(Path dataDir, int port, Path log) throws IOException, InterruptedException {
        try (ServerSocket free = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            // nobody else answers there: the wait below would otherwise talk to another server
        } catch (IOException taken) {
            throw new IllegalStateException("port " + port + " is in use by another process", taken);
        }
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder builder = new ProcessBuilder(List.of(java, "-jar", JAR.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("MARGIN_DATA_DIR", dataDir.toString());
        builder.environment().put("MARGIN_ADMIN_PASSWORD", PASSWORD);
        builder.environment().put("MARGIN_DEMO", "false");
        builder.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        MarginJar margin = new MarginJar(builder.start(), log, port);
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(180);
            while (margin.process.isAlive() && System.nanoTime() < deadline) {
                try (Socket listening = new Socket("127.0.0.1", port)) {
                    return margin; // Quarkus listens once it has started
                } catch (IOException notYet) {
                    Thread.sleep(250);
                }
            }
            return margin;
        } catch (InterruptedException | RuntimeException e) {
            margin.close(); // never leave a server behind
            throw e;
        }
    }

    RequestSpecification admin() {
        return given().baseUri("http://127.0.0.1").port(port).auth().preemptive().basic("admin", PASSWORD);
    }

    RequestSpecification anonymous() {
        return given().baseUri("http://127.0.0.1").port(port);
    }

    /** Waits for a refused start to end; the exit code, or -1 if it is still running. */
    int exitCode(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : -1;
    }

    List<String> logLines() throws IOException {
        return Files.readAllLines(log, StandardCharsets.UTF_8);
    }

    /** Stops Margin the way a user does (SIGTERM) and waits for it. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
        }
    }
}
