package app.margin.text;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

class TextUnitsTest {
    private static List<String> sentences(String text) {
        return TextUnits.sentences(text).stream().map(s -> text.substring((int) s.start(), (int) s.end())).toList();
    }

    @Test
    void englishSentencesEndAtTerminalPunctuationFollowedBySpace() {
        assertEquals(List.of("The broker took my money.", "Did he?", "Yes!", "3.5 million won, \"all of it.\"",
                "Then…", "nothing"), sentences("The broker took my money. Did he?  Yes! 3.5 million won, \"all of it.\" "
                + "Then… nothing"));
    }

    @Test
    void koreanSentencesEndWithTheSamePunctuation() {
        assertEquals(List.of("브로커가 돈을 가져갔어요.", "정말요?", "네!"), sentences("브로커가 돈을 가져갔어요. 정말요? 네!"));
        assertEquals(List.of("これは本です。", "はい！"), sentences("これは本です。はい！"));
    }

    @Test
    void lineBreaksEndSentencesAndBlankStretchesAreSkipped() {
        assertEquals(List.of("I: Where did you go", "R: To Seoul", "first."), sentences("I: Where did you go\n\nR: To Seoul\r\nfirst.  \n"));
        assertEquals(List.of(), sentences("  \n "));
    }

    @Test
    void offsetsAreUtf16AcrossAstralCharacters() {
        String text = "😀 Good. Next";
        assertEquals(List.of(new Segment(0, 8), new Segment(9, 13)), TextUnits.sentences(text));
    }

    @Test
    void paragraphsAreLines() {
        String text = "First line. Still first.\n\n  Second line\nThird";
        assertEquals(List.of(new Segment(0, 24), new Segment(28, 39), new Segment(40, 45)), TextUnits.paragraphs(text));
    }
}
