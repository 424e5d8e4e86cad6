package app.margin.bench;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Runs a benchmark against Margin as shipped: the embedded H2 database in files under a data directory, not the test
 * suite's in-memory H2 (which holds the whole corpus in the heap and lengthens every garbage collection).
 */
public class ShippedDatabaseProfile implements QuarkusTestProfile {
    static final Path DATA = Path.of("target", "bench-data");

    @Override
    public Map<String, String> getConfigOverrides() {
        deleteEarlierRun();
        return Map.of("margin.demo.enabled", "false", "margin.data-dir", DATA.toString(),
                "quarkus.datasource.jdbc.url", "jdbc:h2:file:./" + DATA + "/margin;AUTO_SERVER=FALSE;WRITE_DELAY=0");
    }

    /** Each run starts from an empty database and no index. */
    private static void deleteEarlierRun() {
        if (!Files.exists(DATA)) {
            return;
        }
        try (Stream<Path> files = Files.walk(DATA)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
