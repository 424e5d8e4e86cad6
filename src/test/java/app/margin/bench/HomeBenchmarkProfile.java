package app.margin.bench;

import app.margin.support.Folders;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@link ShippedDatabaseProfile}'s database, optionally started from a copy of the data directory another run left
 * ({@code -Dbench.reuse=…/target/bench-data}): the same project measured on two builds, without generating it again
 * (the second build's migrations run on it first).
 */
public class HomeBenchmarkProfile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
        String reuse = System.getProperty("bench.reuse");
        if (reuse == null) {
            return new ShippedDatabaseProfile().getConfigOverrides(); // empties the directory
        }
        // called more than once per run: the copy is made once, and never emptied again
        if (!Files.exists(ShippedDatabaseProfile.DATA.resolve("margin.mv.db"))) {
            Folders.delete(ShippedDatabaseProfile.DATA);
            copy(Path.of(reuse), ShippedDatabaseProfile.DATA);
        }
        // and the test profile's clean schema at start is turned off, or the copy would be emptied
        return Map.of("quarkus.flyway.clean-at-start", "false", "margin.demo.enabled", "false",
                "margin.data-dir", ShippedDatabaseProfile.DATA.toString(),
                "quarkus.datasource.jdbc.url", "jdbc:h2:file:./" + ShippedDatabaseProfile.DATA
                        + "/margin;AUTO_SERVER=FALSE;WRITE_DELAY=0");
    }

    private static void copy(Path from, Path to) {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
