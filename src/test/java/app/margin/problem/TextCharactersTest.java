package app.margin.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextCharactersTest {
    @Test
    void findsTheFirstCharacterXmlCannotCarry() {
        assertEquals(-1, TextCharacters.firstForbidden("Tab\there, lines\r\n, 한국어, emoji \ud83d\ude00"));
        assertEquals(1, TextCharacters.firstForbidden("a\u0000b"));
        assertEquals(1, TextCharacters.firstForbidden("a\u000bb"));
        assertEquals(1, TextCharacters.firstForbidden("a\ud800b"));
        assertEquals(1, TextCharacters.firstForbidden("a\udc00b"));
        assertEquals(2, TextCharacters.firstForbidden("ab\ud800"));
        assertEquals(0, TextCharacters.firstForbidden("\ufffe"));
    }

    @Test
    void describesWhichAndWhereButNotTheText() {
        assertEquals("a NUL character (U+0000) at character 5", TextCharacters.describe("name\u0000", 4));
        assertEquals("half a character (an unpaired surrogate, U+D800) at character 1",
                TextCharacters.describe("\ud800", 0));
    }

    @Test
    void removesOnlyTheForbiddenCharacters() {
        assertEquals("ab\ud83d\ude00c\td", TextCharacters.withoutForbidden("a\u0000b\ud83d\ude00\ud800c\td\u0007"));
    }
}
