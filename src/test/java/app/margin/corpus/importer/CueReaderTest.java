package app.margin.corpus.importer;

import static org.junit.jupiter.api.Assertions.*;

import app.margin.corpus.DocumentKind;
import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class CueReaderTest {
    final DocumentReader reader = new DocumentReader();

    static byte[] resource(String name) throws IOException {
        try (InputStream in = CueReaderTest.class.getResourceAsStream("/importer/" + name)) {
            return in.readAllBytes();
        }
    }

    static List<String> spans(ImportedText t) {
        return t.units().stream().map(u -> t.text().substring(u.start(), u.end())).toList();
    }

    @Test
    void webVttVoicesBecomeSpeakerTurnsWithTimes() throws Exception {
        ImportedText t = reader.read("P02.vtt", resource("interview.vtt"), null);
        assertEquals(DocumentKind.TRANSCRIPT, t.kind());
        assertEquals("""
                [00:00:01] Interviewer: Where did you live first?

                [00:00:05] P02: In a small flat & a shared room. Near the 교회, the church.

                [00:01:10] No speaker here.""", t.text());
        assertEquals(Arrays.asList("Interviewer", "P02", null), t.units().stream().map(TextUnit::speaker).toList());
        assertEquals(List.of(1000L, 5500L, 70_000L), t.units().stream().map(TextUnit::timeMs).toList());
        assertEquals(List.of("Where did you live first?", "In a small flat & a shared room. Near the 교회, the church.",
                "No speaker here."), spans(t));
    }

    @Test
    void theRenderedVttTextReadsBackAsTheSameTurns() throws Exception {
        ImportedText vtt = reader.read("P02.vtt", resource("interview.vtt"), null);
        // A label counts once it opens two lines, so the sample gets one more turn of each speaker.
        String text = vtt.text() + "\n\n[00:02:00] Interviewer: Thanks.\n\n[00:02:05] P02: Bye.\n";
        List<TextUnit> reparsed = SpeakerTurns.find(text);
        // The last cue has no speaker, so read back it joins the turn before it; the first two turns must match.
        assertEquals(vtt.units().get(1).start(), reparsed.get(1).start());
        for (int i = 0; i < 1; i++) {
            TextUnit cue = vtt.units().get(i);
            TextUnit turn = reparsed.get(i);
            assertEquals(List.of(cue.start(), cue.end(), cue.speaker()), List.of(turn.start(), turn.end(), turn.speaker()));
            assertEquals(cue.timeMs() / 1000, turn.timeMs() / 1000, "the rendered clock keeps whole seconds");
        }
    }

    @Test
    void srtSpeakersFromPrefixesAndBrackets() throws Exception {
        ImportedText t = reader.read("P05.srt", resource("interview.srt"), null);
        assertEquals(Arrays.asList("Interviewer", "P05", "Interpreter", null),
                t.units().stream().map(TextUnit::speaker).toList());
        assertEquals(List.of("Did the broker ask for money?", "Yes. Two thousand dollars, paid later from my wages.",
                "He means the debt.", "- Really?"), spans(t));
        assertEquals(List.of(2000L, 6000L, 60_000L, 63_000L), t.units().stream().map(TextUnit::timeMs).toList());
    }

    @Test
    void captionFilesWithoutCuesOrHeaderAreRefused() {
        assertTrue(assertThrows(ImportRefusedException.class,
                () -> reader.read("x.vtt", "00:00:01.000 --> 00:00:02.000\nHi".getBytes(), null))
                .getMessage().contains("must begin with the line WEBVTT"));
        assertThrows(ImportRefusedException.class, () -> reader.read("x.vtt", "WEBVTT\n\nno cues".getBytes(), null));
        assertThrows(ImportRefusedException.class, () -> reader.read("x.srt", "just text".getBytes(), null));
    }

    @Test
    void aCueAtAnImpossibleHourIsRefusedNotACrash() throws Exception {
        // found by fuzzing: the hour overflowed a long (NumberFormatException)
        String vtt = "WEBVTT\n\n" + "5".repeat(40) + ":00:04.000 --> 00:00:05.000\n<v P02>Near the station.\n";
        assertTrue(assertThrows(ImportRefusedException.class, () -> reader.read("x.vtt", vtt.getBytes(), null))
                .getMessage().contains("no recording reaches"));
        String longHours = "WEBVTT\n\n123456:00:04.000 --> 123456:00:05.000\n<v P02>Near the station.\n";
        assertEquals(123456L * 3600 * 1000 + 4000, reader.read("x.vtt", longHours.getBytes(), null).units().getFirst().timeMs());
    }
}
