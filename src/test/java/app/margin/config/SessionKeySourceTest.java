package app.margin.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.runtime.ExecutionModeManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionKeySourceTest {
    static final String KEY = SessionKeySourceFactory.KEY;

    @TempDir
    Path dataDir;

    @BeforeEach
    void running() {
        ExecutionModeManager.running();
    }

    @AfterEach
    void unset() {
        ExecutionModeManager.unset();
    }

    @Test
    void aKeyIsMadeOnceReadableByItsOwnerOnlyAndReusedOnTheNextStart() throws Exception {
        Path file = dataDir.resolve("fresh").resolve(SessionKeySource.FILE_NAME);
        String first = new SessionKeySource(file).getValue(KEY);
        assertTrue(first.length() >= 32, "a long random key");
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(first, new SessionKeySource(file).getValue(KEY), "the next start reads the same key");
        assertNotEquals(first, new SessionKeySource(dataDir.resolve("other").resolve(SessionKeySource.FILE_NAME))
                .getValue(KEY), "another installation has its own key");
    }

    @Test
    void theKeyIsNeverListedAndOtherPropertiesAreNotAnswered() {
        SessionKeySource source = new SessionKeySource(dataDir.resolve(SessionKeySource.FILE_NAME));
        assertTrue(source.getProperties().isEmpty());
        assertNull(source.getValue("margin.data-dir"));
    }

    @Test
    void whileMarginIsBeingBuiltNoKeyIsMadeOrAnswered() {
        ExecutionModeManager.unset();
        Path file = dataDir.resolve(SessionKeySource.FILE_NAME);
        assertNull(new SessionKeySource(file).getValue(KEY), "a key read at build time would be baked into the jar");
        assertTrue(Files.notExists(file));
    }

    @Test
    void aDamagedKeyFileIsRefusedWithWhatToDo() throws Exception {
        Path file = dataDir.resolve(SessionKeySource.FILE_NAME);
        Files.writeString(file, "short");
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new SessionKeySource(file).getValue(KEY));
        assertTrue(refused.getMessage().contains("Delete it"));
    }
}
