package app.margin.exchange;

import app.margin.support.DatabaseIndependent;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import app.margin.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The archive: 490 entries of just under 1 MiB each (each under the ratio check's floor, ~490 MiB in all),
 * ~560 KB zipped. Inflated whole it took ~850 MB of heap; now only what project.qde refers to is inflated, and the
 * bytes inflated are counted here through the charge every import reports to {@link InflatedBytes}.
 */
@DatabaseIndependent
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
        return inflatable(n, qde, referenced, false);
    }

    /** @param random letters that compress about 1.7:1 rather than one letter repeated */
    static Path inflatable(int n, String qde, boolean referenced, boolean random) throws IOException {
        StringBuilder sources = new StringBuilder();
        for (int i = 0; referenced && i < n; i++) {
            sources.append("<TextSource guid=\"").append(QdpxImportTest.guid(5000 + i)).append("\" name=\"S").append(i)
                    .append("\" plainTextPath=\"internal://f").append(i).append(".txt\"/>");
        }
        String project = referenced ? HostileQdpxTest.project("<Sources>" + sources + "</Sources>") : qde;
        Path file = Files.createTempFile("costs-inflatable-", ".qdpx");
        byte[] text = new byte[ENTRY];
        Arrays.fill(text, (byte) 'a');
        java.util.Random letters = new java.util.Random(3);
        for (int i = 0; random && i < text.length; i++) {
            text[i] = (byte) ('a' + letters.nextInt(26));
        }
        try (OutputStream out = Files.newOutputStream(file); ZipArchiveOutputStream z = new ZipArchiveOutputStream(out)) {
            z.putArchiveEntry(new ZipArchiveEntry("project.qde"));
            z.write(project.getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
            Deflated entry = Deflated.of(text);
            for (int i = 0; i < n; i++) {
                z.addRawArchiveEntry(entry.named("sources/f" + i + ".txt"), new ByteArrayInputStream(entry.bytes()));
            }
        }
        return file;
    }

    /**
     * One text deflated once, copied into the archive as often as needed: deflating the 490 MiB of the issue's
     * archive took 10 to 30 s per archive, copying its compressed bytes 490 times takes milliseconds, and the
     * archive is the same.
     */
    record Deflated(byte[] bytes, long size, long crc) {
        static Deflated of(byte[] text) {
            Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
            deflater.setInput(text);
            deflater.finish();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[64 * 1024];
            while (!deflater.finished()) {
                out.write(buffer, 0, deflater.deflate(buffer));
            }
            deflater.end();
            CRC32 crc = new CRC32();
            crc.update(text);
            return new Deflated(out.toByteArray(), text.length, crc.getValue());
        }

        ZipArchiveEntry named(String name) {
            ZipArchiveEntry entry = new ZipArchiveEntry(name);
            entry.setMethod(ZipEntry.DEFLATED);
            entry.setSize(size);
            entry.setCompressedSize(bytes.length);
            entry.setCrc(crc);
            return entry;
        }
    }

    @Test
    void entriesTheProjectDoesNotReferToAreNeverInflated() throws IOException {
        String qde = HostileQdpxTest.project("");
        zip = inflatable(490, qde, false);
        assertTrue(Files.size(zip) < 1_000_000, "the archive is small: " + Files.size(zip));
        AtomicLong charged = new AtomicLong();
        try (SafeZip archive = SafeZip.open(zip, DEFAULTS, charged::addAndGet)) {
            assertEquals(491, archive.names().size());
            QdpxReader.Parsed parsed = QdpxReader.read(archive);
            assertEquals(0, parsed.sources().size());
            assertEquals(qde.getBytes(StandardCharsets.UTF_8).length, archive.inflated(), "only project.qde was inflated");
        }
        assertEquals(qde.getBytes(StandardCharsets.UTF_8).length, charged.get(), "and only it was held");
    }

    @Test
    void referredToTheyExpandLikeABombAsAWholeAndAreStoppedEarly() throws IOException {
        zip = inflatable(490, null, true);
        try (SafeZip archive = SafeZip.open(zip, DEFAULTS, bytes -> { })) {
            ProblemException refused = assertThrows(ProblemException.class, () -> QdpxReader.read(archive));
            assertEquals(400, refused.status());
            assertTrue(refused.getMessage().contains("times the size of the whole archive"), refused.getMessage());
            // refused within the 64 KiB read that went beyond 100 times the archive's size
            assertTrue(archive.inflated() <= 101 * Files.size(zip) + 64 * 1024,
                    "stopped at the archive's ratio: " + archive.inflated());
        }
    }

    @Test
    void anImportTakesTheMemoryItsTextsNeedBeforeReadingAnySoTwoCannotStarveEachOther() throws IOException {
        zip = inflatable(3, null, true, true);
        InflatedBytes budget = new InflatedBytes(4L << 20);
        try (InflatedBytes.Share first = budget.share(); SafeZip a = SafeZip.open(zip, DEFAULTS, first::take)) {
            QdpxReader.Parsed parsed = QdpxReader.read(a);
            assertEquals(3, parsed.sources().size());
            try (InflatedBytes.Share second = budget.share(); SafeZip b = SafeZip.open(zip, DEFAULTS, second::take)) {
                ProblemException busy = assertThrows(ProblemException.class, () -> QdpxReader.read(b));
                assertEquals(503, busy.status());
                assertTrue(b.inflated() < 64 * 1024, "refused before any text was inflated: " + b.inflated());
            }
        }
        assertEquals(0, budget.inFlight());
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
