package app.margin.deploy;

import app.margin.support.DatabaseIndependent;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.hasItem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * docker/Dockerfile and docker/compose.yaml, checked without a container engine (these machines cannot pull
 * images): both parse, what they name exists (files, services, volumes, ports, configuration keys), they agree with
 * each other, and no password is written into them. The health check's path is asked of the running Margin.
 */
@DatabaseIndependent
@QuarkusTest
class ContainerFilesTest {
    static final Path DOCKER = Path.of("docker");
    /** Written on the OIDC branch; checked once it is there. */
    static final Path REALM = DOCKER.resolve("keycloak/margin-realm.json");

    Dockerfile dockerfile;
    Dockerfile.Stage runtime;
    JsonNode compose;
    JsonNode margin;

    @BeforeEach
    void read() throws IOException {
        dockerfile = Dockerfile.read(DOCKER.resolve("Dockerfile"));
        runtime = dockerfile.last();
        compose = new ObjectMapper(new YAMLFactory()).readTree(DOCKER.resolve("compose.yaml").toFile());
        margin = compose.path("services").path("margin");
    }

    @Test
    void dockerfileBuildsTheTeamJarWithTheWrapperOnAJdkAndRunsItOnAJreAsAnotherUser() {
        assertEquals(2, dockerfile.stages().size(), "a build stage and a runtime stage");
        Dockerfile.Stage build = dockerfile.stages().getFirst();
        assertTrue(build.image().matches("eclipse-temurin:21-jdk.*"), build.image());
        assertTrue(runtime.image().matches("eclipse-temurin:21-jre.*"), runtime.image());
        assertTrue(build.all("RUN").stream().anyMatch(run -> run.contains("./mvnw") && run.contains("package")
                && run.contains("-Dquarkus.profile=team")), "the team jar is built with the Maven wrapper");
        for (String copy : build.all("COPY")) {
            List<String> parts = List.of(copy.split("\\s+"));
            parts.subList(0, parts.size() - 1).stream().filter(p -> !p.startsWith("--"))
                    .forEach(source -> assertTrue(Files.exists(Path.of(source)), "COPY " + source + " exists"));
        }
        assertTrue(runtime.all("COPY").stream().anyMatch(c -> c.startsWith("--from=" + build.name())
                && c.contains("/target/quarkus-app/")), "the runtime stage takes the build's quarkus-app");
        assertEquals("team", runtime.env().get("QUARKUS_PROFILE"), "runs with the profile it was built with");
        List<String> users = runtime.all("USER");
        assertFalse(users.isEmpty(), "a USER instruction");
        assertFalse(Set.of("root", "0").contains(users.getLast().split(":")[0]), "not root: " + users.getLast());
        assertTrue(runtime.all("RUN").stream().anyMatch(r -> r.contains("useradd") && r.contains(users.getLast())),
                "the user is created in the image");
    }

    @Test
    void dataVolumeExposedPortAndHealthCheckAgreeWithMarginsConfiguration() {
        Map<String, String> env = runtime.env();
        String dataDir = env.get("MARGIN_DATA_DIR");
        assertEquals("[\"" + dataDir + "\"]", runtime.all("VOLUME").getLast().replace(" ", ""));
        String port = env.get("QUARKUS_HTTP_PORT");
        assertEquals(List.of(port), runtime.all("EXPOSE"));
        Matcher health = Pattern.compile("http://127\\.0\\.0\\.1:(\\d+)(/\\S*)").matcher(runtime.all("HEALTHCHECK").getLast());
        assertTrue(health.find(), "HEALTHCHECK asks Margin over HTTP");
        assertEquals(port, health.group(1));
        assertEquals("/q/health/ready", health.group(2));
        // The path answers, and readiness covers the database (app.margin.storage.DatabaseReadiness).
        given().get(health.group(2)).then().statusCode(200).body("checks.name", hasItem("Margin database"));
        assertTrue(runtime.all("ENTRYPOINT").getLast().contains("quarkus-run.jar"));
    }

    @Test
    void everyEnvironmentVariableGivenToMarginIsOneOfItsConfigurationKeys() throws IOException {
        ConfigurationNames names = ConfigurationNames.load(Path.of("src/main/resources/application.properties"));
        Map<String, String> given = new LinkedHashMap<>(runtime.env());
        margin.path("environment").properties().forEach(e -> given.put(e.getKey(), e.getValue().asText()));
        String entrypoint = runtime.all("ENTRYPOINT").getLast();
        // Until quarkus-oidc is a dependency its keys cannot be checked one by one; from then on they are.
        boolean oidcKnown = names.hasExtension("QUARKUS_OIDC_");
        List<String> unknown = new ArrayList<>();
        for (String variable : given.keySet()) {
            boolean forTheLauncher = variable.equals("JAVA_OPTS") && entrypoint.contains("$JAVA_OPTS");
            boolean oidcByPrefix = !oidcKnown && variable.startsWith("QUARKUS_OIDC_");
            if (!names.known(variable) && !forTheLauncher && !oidcByPrefix) {
                unknown.add(variable);
            }
        }
        assertEquals(List.of(), unknown, "variables that no configuration key of Margin reads");
        assertFalse(names.known("MARGIN_NO_SUCH_SETTING"), "the check can fail");
        assertTrue(names.known("MARGIN_INDEX_FOLLOW_INTERVAL") && names.known("MARGIN_DB_PASSWORD")
                && names.known("QUARKUS_HTTP_HOST"), "it knows Margin's, the properties' and Quarkus' keys");
        assertEquals(runtime.env().get("MARGIN_DATA_DIR"), given.get("MARGIN_DATA_DIR"));
    }

    @Test
    void servicesPortsAndVolumesAreConsistent() {
        JsonNode services = compose.path("services");
        assertEquals(Set.of("margin", "postgres", "keycloak"), fieldNames(services));
        Set<String> hostPorts = new HashSet<>();
        Set<String> namedVolumesUsed = new TreeSet<>();
        services.properties().forEach(service -> {
            JsonNode s = service.getValue();
            assertTrue(s.hasNonNull("image"), service.getKey() + " names its image");
            s.path("depends_on").fieldNames().forEachRemaining(d ->
                    assertTrue(services.has(d), service.getKey() + " depends on an existing service: " + d));
            for (JsonNode port : s.path("ports")) {
                String[] hostAndContainer = port.asText().split(":");
                assertEquals(2, hostAndContainer.length, port.asText());
                assertTrue(hostPorts.add(hostAndContainer[0]), "host port used twice: " + hostAndContainer[0]);
            }
            for (JsonNode volume : s.path("volumes")) {
                String source = volume.asText().split(":")[0];
                if (source.startsWith(".") || source.startsWith("/")) {
                    if (!DOCKER.resolve(source).normalize().equals(REALM.normalize())) {
                        assertTrue(Files.exists(DOCKER.resolve(source)), "bind mount exists: " + source);
                    }
                } else {
                    namedVolumesUsed.add(source);
                }
            }
        });
        assertEquals(fieldNames(compose.path("volumes")), namedVolumesUsed, "named volumes declared and used");

        JsonNode build = margin.path("build");
        Path context = DOCKER.resolve(build.path("context").asText()).normalize();
        assertEquals(DOCKER.resolve("Dockerfile").normalize(), context.resolve(build.path("dockerfile").asText()).normalize());
        assertEquals(List.of("8080:" + runtime.all("EXPOSE").getLast()),
                texts(margin.path("ports")), "Margin's container port is the one the image exposes");
        String dataDir = runtime.env().get("MARGIN_DATA_DIR");
        assertTrue(texts(margin.path("volumes")).stream().anyMatch(v -> v.endsWith(":" + dataDir)),
                "a volume holds Margin's data directory " + dataDir);
    }

    @Test
    void marginReachesPostgresAndKeycloakByTheirServiceNamesAndPorts() {
        JsonNode env = margin.path("environment");
        URI database = URI.create(env.path("MARGIN_DB_URL").asText().substring("jdbc:".length()));
        JsonNode postgres = compose.path("services").path("postgres");
        assertEquals("postgres", database.getHost());
        assertEquals(5432, database.getPort());
        assertEquals("/" + postgres.path("environment").path("POSTGRES_DB").asText(), database.getPath());
        assertEquals(postgres.path("environment").path("POSTGRES_USER").asText(), env.path("MARGIN_DB_USER").asText());
        assertEquals(variableOf(postgres.path("environment").path("POSTGRES_PASSWORD").asText()),
                variableOf(env.path("MARGIN_DB_PASSWORD").asText()), "one password for both sides");

        JsonNode keycloak = compose.path("services").path("keycloak");
        URI issuer = URI.create(env.path("QUARKUS_OIDC_AUTH_SERVER_URL").asText());
        assertEquals("keycloak", issuer.getHost());
        assertTrue(texts(keycloak.path("ports")).stream().anyMatch(p -> p.endsWith(":" + issuer.getPort())),
                "Keycloak listens where Margin looks for it");
        assertEquals("/realms/margin", issuer.getPath());
        assertEquals("margin-web", env.path("QUARKUS_OIDC_CLIENT_ID").asText());
        assertTrue(keycloak.path("image").asText().startsWith("quay.io/keycloak/keycloak:26."));
        assertEquals(List.of("start-dev", "--import-realm"), texts(keycloak.path("command")));
        assertTrue(texts(keycloak.path("volumes")).contains("./keycloak/margin-realm.json:/opt/keycloak/data/import/margin-realm.json:ro"));
    }

    @Test
    void noSecretIsWrittenIntoTheFilesAndEachComesFromTheDocumentedEnvFile() throws IOException {
        Set<String> fromEnvFile = new TreeSet<>();
        compose.path("services").properties().forEach(service -> service.getValue().path("environment").properties()
                .forEach(e -> {
                    if (e.getKey().matches(".*(PASSWORD|SECRET|KEY).*")) {
                        String variable = variableOf(e.getValue().asText());
                        assertNotEquals(null, variable, service.getKey() + " " + e.getKey() + " is written into the file");
                        fromEnvFile.add(variable);
                    }
                }));
        Set<String> example = new TreeSet<>();
        for (String line : Files.readAllLines(DOCKER.resolve(".env.example"))) {
            if (!line.isBlank() && !line.startsWith("#")) {
                example.add(line.split("=", 2)[0]);
            }
        }
        assertEquals(fromEnvFile, example, "docker/.env.example lists every secret compose.yaml reads");
        assertTrue(Files.readAllLines(Path.of(".dockerignore")).contains("docker/.env"), "the image never holds it");
        assertTrue(Files.readAllLines(Path.of(".gitignore")).contains("docker/.env"), "git never holds it");
    }

    @Test
    void theRealmFileNamesTheRealmAndClientMarginUses() throws IOException {
        assumeTrue(Files.exists(REALM), REALM + " comes with the OIDC work");
        JsonNode realm = new ObjectMapper().readTree(REALM.toFile());
        assertEquals("margin", realm.path("realm").asText());
        assertTrue(texts(realm.path("clients").findValues("clientId")).contains("margin-web"));
    }

    /** {@code ${NAME:?message}} or {@code ${NAME:-default}} → NAME; a literal value → null. */
    private static String variableOf(String value) {
        Matcher m = Pattern.compile("^\\$\\{([A-Z][A-Z0-9_]*)(:[-?].*)?}$").matcher(value);
        return m.matches() ? m.group(1) : null;
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new TreeSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> texts(Iterable<JsonNode> nodes) {
        List<String> texts = new ArrayList<>();
        nodes.forEach(n -> texts.add(n.asText()));
        return texts;
    }

    private static List<String> texts(JsonNode node) {
        return texts((Iterable<JsonNode>) node);
    }
}
