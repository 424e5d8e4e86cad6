package app.margin.bench;

import app.margin.support.Folders;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/**
 * Runs a benchmark against Margin as shipped: the embedded H2 database in files under a data directory, not the test
 * suite's in-memory H2 (which holds the whole corpus in the heap and lengthens every garbage collection).
 */
public class ShippedDatabaseProfile implements QuarkusTestProfile {
    static final Path DATA = Path.of("target", "bench-data");

    @Override
    public Map<String, String> getConfigOverrides() {
        Folders.delete(DATA); // each run starts from an empty database and no index
        return Map.of("margin.demo.enabled", "false", "margin.data-dir", DATA.toString(),
                "quarkus.datasource.jdbc.url", "jdbc:h2:file:./" + DATA + "/margin;AUTO_SERVER=FALSE;WRITE_DELAY=0");
    }

}
