package app.margin.coding;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SegmentContextTest {
    @Test
    void contextStopsAtTheTurnsLineBreaks() {
        String text = "P07: The broker took my money.\nInterviewer: How much?";
        int start = text.indexOf("broker");
        int end = start + "broker".length();
        assertEquals("P07: The ", SegmentContext.before(text, start));
        assertEquals(" took my money.", SegmentContext.after(text, end));
    }

    @Test
    void longContextIsCutAtAWordAndMarkedWithAnEllipsis() {
        String words = "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen";
        String text = words + " QUOTE " + words;
        int start = text.indexOf("QUOTE");
        String before = SegmentContext.before(text, start);
        String after = SegmentContext.after(text, start + 5);
        assertEquals('…', before.charAt(0));
        assertEquals(true, before.length() <= SegmentContext.CONTEXT_CHARS + 1);
        assertEquals(true, words.contains(before.substring(1).strip()), "starts at a whole word: " + before);
        assertEquals('…', after.charAt(after.length() - 1));
        assertEquals(true, words.startsWith(after.substring(0, after.length() - 1).strip()), "ends at a whole word: " + after);
    }

    @Test
    void aSegmentAtTheEdgesHasEmptyContext() {
        assertEquals("", SegmentContext.before("abc", 0));
        assertEquals("", SegmentContext.after("abc", 3));
    }
}
