package app.margin.identity.oidc;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Keycloak from its Maven Central distribution (unpacked by the Maven profile keycloak) as a process on 127.0.0.1, in
 * development mode with its own H2 database, importing one realm file at start. Its output goes to a log file.
 */
final class KeycloakProcess implements AutoCloseable {
    private final Path home;
    private final int port;
    private final Process process;
    private final Path log;

    private KeycloakProcess(Path home, int port, Process process, Path log) {
        this.home = home;
        this.port = port;
        this.process = process;
        this.log = log;
    }

    /** Starts Keycloak with a fresh database and {@code realm} imported; returns once the realm answers. */
    static KeycloakProcess start(Path home, Path realm, int port, int managementPort, Path log)
            throws IOException, InterruptedException {
        Path data = home.resolve("data");
        deleteRecursively(data.resolve("h2")); // a fresh database: the realm file is imported as it is now
        Files.createDirectories(data.resolve("import"));
        Files.copy(realm, data.resolve("import").resolve(realm.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Files.createDirectories(log.getParent());
        ProcessBuilder builder = new ProcessBuilder(List.of("bash", home.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port", Integer.toString(port), "--http-management-port", Integer.toString(managementPort),
                "--http-host", "127.0.0.1", "--import-realm"))
                .directory(home.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin");
        builder.environment().put("JAVA_OPTS_KC_HEAP", "-Xms64m -Xmx512m");
        KeycloakProcess keycloak = new KeycloakProcess(home, port, builder.start(), log);
        try {
            // its first start builds Keycloak (~50 s) and imports the realm: 2 min were too few on a loaded machine
            keycloak.awaitRealm("margin", Duration.ofMinutes(5));
        } catch (RuntimeException | IOException | InterruptedException e) {
            keycloak.close();
            throw e;
        }
        return keycloak;
    }

    /** The issuer address of a realm, e.g. {@code http://127.0.0.1:18080/realms/margin}. */
    String issuer(String realm) {
        return "http://127.0.0.1:" + port + "/realms/" + realm;
    }

    private void awaitRealm(String realm, Duration timeout) throws IOException, InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        URI discovery = URI.create(issuer(realm) + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Keycloak exited during start; see " + log);
            }
            try {
                if (http.send(HttpRequest.newBuilder(discovery).timeout(Duration.ofSeconds(5)).build(),
                        HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("Keycloak did not serve realm " + realm + " within " + timeout + "; see " + log);
    }

    @Override
    public void close() throws InterruptedException {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
        }
    }

    private static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) {
            return;
        }
        try (var paths = Files.walk(path)) {
            for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
