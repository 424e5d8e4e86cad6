package app.margin.corpus.importer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzz targets for every importer: whatever the bytes, reading a file either gives a text with sound units or
 * refuses it with {@link ImportRefusedException} (shown to the researcher). Any other exception, a
 * {@link StackOverflowError} or running out of memory is a finding. Under {@code ./mvnw verify} each target replays
 * its inputs in {@code DocumentReaderFuzzTestInputs/<method>/}; {@code JAZZER_FUZZ=1} fuzzes (README, Tests).
 */
class DocumentReaderFuzzTest {
    private final DocumentReader reader = new DocumentReader();

    @FuzzTest(maxDuration = "5m")
    void txt(byte[] content) {
        read("fuzz.txt", content);
    }

    @FuzzTest(maxDuration = "5m")
    void markdown(byte[] content) {
        read("fuzz.md", content);
    }

    @FuzzTest(maxDuration = "5m")
    void html(byte[] content) {
        read("fuzz.html", content);
    }

    @FuzzTest(maxDuration = "5m")
    void docx(byte[] content) {
        read("fuzz.docx", content);
    }

    @FuzzTest(maxDuration = "5m")
    void pdf(byte[] content) {
        read("fuzz.pdf", content);
    }

    @FuzzTest(maxDuration = "5m")
    void vtt(byte[] content) {
        read("fuzz.vtt", content);
    }

    @FuzzTest(maxDuration = "5m")
    void srt(byte[] content) {
        read("fuzz.srt", content);
    }

    private void read(String fileName, byte[] content) {
        ImportedText read;
        try {
            read = reader.read(fileName, content, null);
        } catch (ImportRefusedException refused) {
            assertNotNull(refused.getMessage(), "a refusal says why");
            return;
        }
        String text = read.text();
        assertFalse(text.isBlank(), "a blank text is refused, not imported");
        int previousEnd = 0;
        for (TextUnit unit : read.units()) {
            assertTrue(unit.start() >= previousEnd, "units are ordered and disjoint: " + unit);
            assertTrue(unit.start() < unit.end() && unit.end() <= text.length(), "a unit lies inside the text: " + unit);
            assertFalse(Character.isLowSurrogate(text.charAt(unit.start())), "a unit starts on a character: " + unit);
            previousEnd = unit.end();
        }
    }
}
