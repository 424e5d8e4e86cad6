package app.margin.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.problem.ProblemException;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The archive: 490 entries of just under 1 MiB each (each under the ratio check's floor, ~490 MiB in all),
 * ~560 KB zipped. Inflated whole it took ~850 MB of heap; now only what project.qde refers to is inflated, and the
 * bytes inflated are counted here through the charge every import reports to {@link InflatedBytes}.
 */
class SafeZipTest {
    static final SafeZip.Limits DEFAULTS = new SafeZip.Limits(10_000, 100L << 20, 128L << 20, 100);
    static final int ENTRY = (1 << 20) - 16;
    Path zip;

    @AfterEach
    void tearDown() throws IOException {
        if (zip != null) {
            Files.deleteIfExists(zip);
        }
    }

    /** A .qdpx of {@code n} entries of ENTRY bytes, with {@code qde} as project.qde or one text source per entry. */
    static Path inflatable(int n, String qde, boolean referenced) throws IOException {
        StringBuilder sources = new StringBuilder();
        for (int i = 0; referenced && i < n; i++) {
            sources.append("<TextSource guid=\"").append(QdpxImportTest.guid(5000 + i)).append("\" name=\"S").append(i)
                    .append("\" plainTextPath=\"internal://f").append(i).append(".txt\"/>");
        }
        String project = referenced ? HostileQdpxTest.project("<Sources>" + sources + "</Sources>") : qde;
        Path file = Files.createTempFile("costs-inflatable-", ".qdpx");
        byte[] text = new byte[ENTRY];
        Arrays.fill(text, (byte) 'a');
        try (OutputStream out = Files.newOutputStream(file); ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("project.qde"));
            z.write(project.getBytes(StandardCharsets.UTF_8));
            for (int i = 0; i < n; i++) {
                z.putNextEntry(new ZipEntry("sources/f" + i + ".txt"));
                z.write(text);
            }
        }
        return file;
    }

    @Test
    void entriesTheProjectDoesNotReferToAreNeverInflated() throws IOException {
        String qde = HostileQdpxTest.project("");
        zip = inflatable(490, qde, false);
        assertTrue(Files.size(zip) < 1_000_000, "the archive is small: " + Files.size(zip));
        AtomicLong inflated = new AtomicLong();
        try (SafeZip archive = SafeZip.open(zip, DEFAULTS, inflated::addAndGet)) {
            assertEquals(491, archive.names().size());
            QdpxReader.Parsed parsed = QdpxReader.read(archive);
            assertEquals(0, parsed.sources().size());
        }
        assertEquals(qde.getBytes(StandardCharsets.UTF_8).length, inflated.get(), "only project.qde was inflated");
    }

    @Test
    void referredToTheyExpandLikeABombAsAWholeAndAreStoppedEarly() throws IOException {
        zip = inflatable(490, null, true);
        AtomicLong inflated = new AtomicLong();
        try (SafeZip archive = SafeZip.open(zip, DEFAULTS, inflated::addAndGet)) {
            ProblemException refused = assertThrows(ProblemException.class, () -> QdpxReader.read(archive));
            assertEquals(400, refused.status());
            assertTrue(refused.getMessage().contains("times the size of the whole archive"), refused.getMessage());
        }
        // refused at the first 64 KiB read beyond 100 times the archive's size
        assertTrue(inflated.get() < 101 * Files.size(zip), "stopped at the archive's ratio: " + inflated.get());
    }

    @Test
    void theBytesOfAllImportsInFlightAreBounded() {
        InflatedBytes budget = new InflatedBytes(10);
        try (InflatedBytes.Share first = budget.share(); InflatedBytes.Share second = budget.share()) {
            first.take(6);
            ProblemException busy = assertThrows(ProblemException.class, () -> second.take(5));
            assertEquals(503, busy.status());
            assertEquals(30, busy.retryAfterSeconds());
            second.take(4);
            assertEquals(10, budget.inFlight());
            second.close();
            first.close();
            assertEquals(0, budget.inFlight());
            // alone and still over: the import is too large, not the server busy
            ProblemException tooLarge = assertThrows(ProblemException.class, () -> second.take(11));
            assertEquals(400, tooLarge.status());
        }
    }
}
