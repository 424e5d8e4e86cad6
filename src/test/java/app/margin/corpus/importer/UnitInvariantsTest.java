package app.margin.corpus.importer;

import static org.junit.jupiter.api.Assertions.*;

import app.margin.corpus.DocumentKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Property test on random transcript-like texts (many seeds): whatever the text, units are ordered, do not
 * overlap, lie inside the text, are non-empty and carry no surrounding whitespace; a speaker opens two lines or more.
 */
class UnitInvariantsTest {
    static final List<String> SPEAKERS = List.of("Interviewer", "P07", "면담자", "Interpreter", "P12 wife");
    static final List<String> WORDS = List.of("broker", "debt", "브로커", "차별", "😀", "𠀀", "school", "Note:", "10:30",
            "http://x.org", "[laughs]", "—", "\t", "jeong", "London", "joseonjok");

    final DocumentReader reader = new DocumentReader();

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 5, 8, 13, 21, 34, 55, 89, 144, 233, 377, 610, 987, 1597, 2584, 4181, 6765, 10946})
    void unitsAreOrderedDisjointTrimmedAndInside(long seed) throws Exception {
        Random random = new Random(seed);
        for (int round = 0; round < 25; round++) {
            String text = randomTranscript(random);
            for (DocumentKind kind : new DocumentKind[] {null, DocumentKind.TRANSCRIPT, DocumentKind.FIELD_NOTE}) {
                ImportedText read;
                try {
                    read = reader.read("r.txt", text.getBytes(StandardCharsets.UTF_8), kind);
                } catch (ImportRefusedException empty) {
                    assertTrue(text.isBlank(), "only blank texts are refused");
                    continue;
                }
                check(read, "seed " + seed + " round " + round);
            }
        }
    }

    private static void check(ImportedText read, String where) {
        String text = read.text();
        int previousEnd = 0;
        for (TextUnit unit : read.units()) {
            assertTrue(unit.start() >= previousEnd, where + ": ordered and disjoint " + unit);
            assertTrue(unit.start() < unit.end() && unit.end() <= text.length(), where + ": inside " + unit);
            String span = text.substring(unit.start(), unit.end());
            assertEquals(span.strip(), span, where + ": trimmed " + unit);
            assertFalse(Character.isLowSurrogate(text.charAt(unit.start())), where + ": starts on a character");
            if (unit.speaker() != null) {
                long openings = text.lines().filter(l -> l.replaceFirst("^[ \\t]*([\\[(]?[0-9:.,]+[\\])]?[ \\t]+)?", "")
                        .startsWith(unit.speaker() + ":")).count();
                assertTrue(openings >= 2, where + ": a speaker opens at least two lines: " + unit.speaker());
            }
            previousEnd = unit.end();
        }
    }

    private static String randomTranscript(Random random) {
        StringBuilder text = new StringBuilder();
        int lines = random.nextInt(30);
        for (int i = 0; i < lines; i++) {
            if (random.nextInt(4) == 0) {
                text.append(random.nextBoolean() ? "\n" : "  \n");
                continue;
            }
            if (random.nextInt(3) > 0) {
                if (random.nextBoolean()) {
                    text.append(String.format("[%02d:%02d:%02d] ", random.nextInt(3), random.nextInt(60), random.nextInt(60)));
                }
                text.append(SPEAKERS.get(random.nextInt(SPEAKERS.size()))).append(": ");
            }
            int words = random.nextInt(12);
            for (int w = 0; w < words; w++) {
                text.append(WORDS.get(random.nextInt(WORDS.size()))).append(random.nextInt(5) == 0 ? "" : " ");
            }
            text.append(random.nextInt(6) == 0 ? "\r\n" : "\n");
        }
        return text.toString();
    }
}
