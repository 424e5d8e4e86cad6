package app.margin.reliability.disk;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** Puts the test server's search indexes on a 256 KiB filesystem, made before the server starts. */
public class IndexOnSmallDisk implements QuarkusTestResourceLifecycleManager {
    static final long SMALL = 256L << 10;
    static volatile SmallDisk disk;

    @Override
    public Map<String, String> start() {
        if (SmallDisk.why().isPresent()) {
            return Map.of("margin.index-retry-delay", "1s", "margin.demo.enabled", "false");
        }
        Path dataDir = Path.of("target", "disk-index-" + ProcessHandle.current().pid()).toAbsolutePath();
        try {
            disk = SmallDisk.mount(dataDir.resolve("index"), SMALL);
        } catch (IOException e) {
            throw new IllegalStateException("mounting worked a moment ago: " + e.getMessage(), e);
        }
        // no demo project: its index alone would fill the small disk
        return Map.of("margin.data-dir", dataDir.toString(), "margin.index-retry-delay", "1s",
                "margin.demo.enabled", "false");
    }

    @Override
    public void stop() {
        if (disk != null) {
            try {
                disk.close();
            } catch (IOException e) {
                System.err.println("Could not unmount " + disk.path() + ": " + e.getMessage());
            }
        }
    }
}
