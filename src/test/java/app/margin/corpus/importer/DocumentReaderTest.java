package app.margin.corpus.importer;

import static org.junit.jupiter.api.Assertions.*;

import app.margin.corpus.DocumentKind;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class DocumentReaderTest {
    final DocumentReader reader = new DocumentReader();

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    static String span(ImportedText t, int unit) {
        TextUnit u = t.units().get(unit);
        return t.text().substring(u.start(), u.end());
    }

    @Test
    void plainTextTranscriptKeepsTheTextAndFindsTurns() throws Exception {
        String text = """
                Fictional test interview, not real data.

                Interviewer: When did you leave?

                P07: In 2000, in winter.

                We walked at night.

                Interviewer: And then?
                P07: China, for four years.
                """;
        ImportedText t = reader.read("P07.txt", utf8(text), null);
        assertEquals(text, t.text());
        assertEquals(DocumentKind.TRANSCRIPT, t.kind());
        assertEquals("en", t.language());
        assertEquals(List.of("Fictional test interview, not real data.", "When did you leave?",
                "In 2000, in winter.\n\nWe walked at night.", "And then?", "China, for four years."),
                t.units().stream().map(u -> text.substring(u.start(), u.end())).toList());
        assertEquals(java.util.Arrays.asList(null, "Interviewer", "P07", "Interviewer", "P07"),
                t.units().stream().map(TextUnit::speaker).toList());
    }

    @Test
    void timestampsBeforeInsideOrAfterTheLabel() throws Exception {
        String text = "[00:12:31] Interviewer: First.\n(00:13:02) P02: Second.\nInterviewer [01:02:03.500]: Third.\n"
                + "P02: [14:05] Fourth.\n";
        ImportedText t = reader.read("t.txt", utf8(text), null);
        assertEquals(List.of(751_000L, 782_000L, 3_723_500L, 845_000L), t.units().stream().map(TextUnit::timeMs).toList());
        assertEquals("First.", span(t, 0));
        assertEquals("Fourth.", span(t, 3));
    }

    @Test
    void offsetsCountUtf16UnitsAcrossHangulAndAstralCharacters() throws Exception {
        String text = "面 😀 차별 𠀀\n\n면담자: 브로커를 만났어요?\n\nP09: 네, 😀 만났어요.\n\n면담자: 언제요?\n\nP09: 2001년에.\n";
        ImportedText t = reader.read("p09.txt", utf8(text), null);
        assertEquals("ko", t.language());
        assertEquals("면담자", t.units().get(1).speaker());
        assertEquals("브로커를 만났어요?", span(t, 1));
        assertEquals("네, 😀 만났어요.", span(t, 2));
        int expectedStart = text.indexOf("네, 😀");
        assertEquals(expectedStart, t.units().get(2).start());
        assertEquals(expectedStart + "네, 😀 만났어요.".length(), t.units().get(2).end());
        assertEquals(2, "😀".length(), "an astral character takes two UTF-16 units");
    }

    @Test
    void colonsThatAreNotSpeakerLabelsStayText() throws Exception {
        String text = "Interviewer: Hello.\nP01: Hi. Note: see http://example.org\nat 10:30 we met\n"
                + "This is a very long sentence before a colon: it is prose.\nInterviewer: Go on.\nP01: Yes.\n";
        ImportedText t = reader.read("t.txt", utf8(text), null);
        assertEquals(List.of("Interviewer", "P01", "Interviewer", "P01"), t.units().stream().map(TextUnit::speaker).toList());
        assertTrue(span(t, 1).contains("at 10:30 we met\nThis is a very long sentence"));
    }

    @Test
    void aSingleNoteLabelIsNotASpeaker() throws Exception {
        String text = "Interviewer: Hello.\n\nNote: the recorder stopped.\n\nP01: Hi.\n\nInterviewer: Bye.\n\nP01: Bye.\n";
        ImportedText t = reader.read("t.txt", utf8(text), null);
        assertEquals(4, t.units().size());
        assertEquals("Hello.\n\nNote: the recorder stopped.", span(t, 0));
    }

    @Test
    void fieldNotesAndOtherTextsAreSplitIntoParagraphs() throws Exception {
        String text = "  First paragraph,\nsecond line.  \n\n\nInterviewer: quoted in a note.\n";
        ImportedText note = reader.read("fn.txt", utf8(text), DocumentKind.FIELD_NOTE);
        assertEquals(DocumentKind.FIELD_NOTE, note.kind());
        assertEquals("First paragraph,\nsecond line.", span(note, 0));
        assertEquals("Interviewer: quoted in a note.", span(note, 1));
        assertNull(note.units().get(1).speaker());
        assertEquals(DocumentKind.OTHER, reader.read("x.txt", utf8("Just prose.\n\nMore prose."), null).kind());
    }

    @Test
    void markdownKeepsItsSourceAndTakesTheFirstHeadingAsTitle() throws Exception {
        String text = "# Interview with P03\n\n**Interviewer:** Welcome.\n\n**P03**: Thank you.\n\n**Interviewer:** Ready?\n\n**P03:** Yes.\n";
        ImportedText t = reader.read("p03.md", utf8(text), null);
        assertEquals("Interview with P03", t.title());
        assertEquals(text, t.text());
        assertEquals(DocumentKind.TRANSCRIPT, t.kind());
        assertEquals("Thank you.", span(t, 2));
        assertEquals("P03", t.units().get(2).speaker());
    }

    @Test
    void htmlGivesVisibleTextWithParagraphs() throws Exception {
        String html = "<html><head><title>Field note 3</title><style>p{}</style></head><body>"
                + "<h1>Lunar New Year</h1><p>We arrived &amp; sat down.<br>It was loud.</p>"
                + "<script>alert(1)</script><p>Later, <b>music</b>.</p></body></html>";
        ImportedText t = reader.read("fn3.html", utf8(html), DocumentKind.FIELD_NOTE);
        assertEquals("Field note 3", t.title());
        assertEquals("Lunar New Year\n\nWe arrived & sat down.\nIt was loud.\n\nLater, music.", t.text());
        assertEquals(3, t.units().size());
    }

    @Test
    void bomIsDroppedAndLineEndingsNormalised() throws Exception {
        ImportedText t = reader.read("w.txt", utf8("\uFEFFline one\r\nline two\rline three"), null);
        assertEquals("line one\nline two\nline three", t.text());
    }

    @Test
    void refusalsExplainThemselves() {
        assertTrue(refusal("a.txt", new byte[] {'a', (byte) 0xC3, (byte) 0x28}).contains("not valid UTF-8"));
        assertTrue(refusal("a.txt", new byte[0]).contains("is empty"));
        assertTrue(refusal("a.txt", utf8("  \n\t\n")).contains("is empty"));
        String unsupported = refusal("photo.jpeg", new byte[] {1, 2, 3});
        assertTrue(unsupported.contains(".jpeg files are not supported"), unsupported);
        assertTrue(unsupported.contains(".txt, .md, .html, .docx, .pdf, .vtt, .srt"));
        assertTrue(refusal("README", utf8("x")).contains("without an extension"));
    }

    String refusal(String name, byte[] content) {
        return assertThrows(ImportRefusedException.class, () -> reader.read(name, content, null)).getMessage();
    }
}
