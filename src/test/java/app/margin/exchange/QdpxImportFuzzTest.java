package app.margin.exchange;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import app.margin.problem.ProblemException;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * Fuzz targets for reading a REFI-QDA project (.qdpx): the archive ({@link SafeZip}, inflating only what the
 * project refers to) and the project XML
 * ({@link QdpxReader}). Whatever the bytes, the import reads a project or refuses with a {@link ProblemException}
 * (a 4xx the researcher reads); any other exception, a {@link StackOverflowError} or running out of memory is a
 * finding. Inputs: {@code QdpxImportFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes (README, Tests).
 */
class QdpxImportFuzzTest {
    /** The test profile's limits, so a fuzzed archive cannot ask for more memory than a test may use. */
    private static final SafeZip.Limits LIMITS = new SafeZip.Limits(300, 4L << 20, 12L << 20, 100);
    private static Path archive;

    @FuzzTest(maxDuration = "5m")
    void projectXml(byte[] qde) {
        parse(Map.of("project.qde", qde));
    }

    @FuzzTest(maxDuration = "5m")
    void archive(byte[] qdpx) throws IOException {
        if (archive == null) {
            archive = Files.createTempFile("margin-fuzz-", ".qdpx");
        }
        Files.write(archive, qdpx);
        try (SafeZip zip = SafeZip.open(archive, LIMITS, bytes -> { })) {
            assertNotNull(QdpxReader.read(zip));
        } catch (ProblemException refused) {
            assertRefusalSaysWhy(refused);
        }
    }

    private static void parse(Map<String, byte[]> entries) {
        try {
            assertNotNull(QdpxReader.read(entries));
        } catch (ProblemException refused) {
            assertRefusalSaysWhy(refused);
        }
    }

    private static void assertRefusalSaysWhy(ProblemException refused) {
        assertFalse(refused.getMessage() == null || refused.getMessage().isBlank(), "a refusal says why");
    }

    @AfterAll
    static void removeArchive() {
        try {
            if (archive != null) {
                Files.deleteIfExists(archive);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
