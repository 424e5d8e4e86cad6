package app.margin.backup;

import app.margin.support.Folders;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.nio.file.Path;
import java.util.Map;

/** Margin on an H2 database in files, as shipped (the suite's in-memory H2 has nothing to back up). */
public class FileDatabaseProfile implements QuarkusTestProfile {
    static final Path DATA = Path.of("target", "backup-test-data").toAbsolutePath();

    @Override
    public Map<String, String> getConfigOverrides() {
        Folders.delete(DATA); // each run starts from an empty database and no index
        // the kind is set too, so the PostgreSQL run of the suite still tests H2's backups here
        return Map.of("quarkus.datasource.db-kind", "h2", "margin.demo.enabled", "false",
                "margin.data-dir", DATA.toString(),
                "quarkus.datasource.jdbc.url", "jdbc:h2:file:" + DATA + "/margin;AUTO_SERVER=FALSE;WRITE_DELAY=0",
                "quarkus.datasource.username", "margin", "quarkus.datasource.password", "margin");
    }

}
