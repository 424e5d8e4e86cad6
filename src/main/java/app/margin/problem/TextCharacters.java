package app.margin.problem;

import java.util.Locale;

/**
 * The characters Margin stores: those XML 1.0 can carry, so that every export (.qdc, .qdpx) stays well-formed. Refused
 * are NUL and the other C0 control characters except tab, line feed and carriage return, unpaired UTF-16 surrogates
 * (half a character, from a broken "\ud800" escape) and the non-characters U+FFFE and U+FFFF. A text file with such
 * a character is almost always not text at all (a binary file renamed .txt, a broken conversion), so it is refused
 * with its name rather than imported with the character silently dropped.
 */
public final class TextCharacters {
    private TextCharacters() {
    }

    /** The index (UTF-16) of the first character Margin does not store, or -1 when there is none. */
    public static int firstForbidden(CharSequence text) {
        if (text == null) {
            return -1;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20) {
                if (c != '\t' && c != '\n' && c != '\r') {
                    return i;
                }
            } else if (Character.isHighSurrogate(c)) {
                if (i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return i;
                }
            } else if (Character.isLowSurrogate(c) || c == '\uFFFE' || c == '\uFFFF') {
                return i;
            }
        }
        return -1;
    }

    /** "a NUL character (U+0000) at character 13": says which and where, never the text around it. */
    public static String describe(CharSequence text, int index) {
        return name(text.charAt(index)) + " at character " + (index + 1);
    }

    /** The text without the characters Margin does not store (for notes from elsewhere, whose offsets matter to none). */
    public static String withoutForbidden(String text) {
        if (firstForbidden(text) < 0) {
            return text;
        }
        StringBuilder kept = new StringBuilder(text.length());
        text.codePoints().filter(TextCharacters::storable).forEach(kept::appendCodePoint);
        return kept.toString();
    }

    /** A code point as {@link String#codePoints} gives it: an unpaired surrogate comes as itself. */
    private static boolean storable(int c) {
        return c >= 0x20 ? !(Character.isSurrogate((char) c) && c <= 0xFFFF) && c != 0xFFFE && c != 0xFFFF
                : c == '\t' || c == '\n' || c == '\r';
    }

    /** "a NUL character (U+0000)". */
    public static String name(char c) {
        String what = c == 0 ? "a NUL character" : c < 0x20 ? "a control character"
                : Character.isSurrogate(c) ? "half a character (an unpaired surrogate" : "a non-character";
        String code = "U+" + String.format(Locale.ROOT, "%04X", (int) c);
        return what.endsWith("surrogate") ? what + ", " + code + ")" : what + " (" + code + ")";
    }

    /** Refuses (400) a value with a character Margin does not store; {@code field} is the name the caller used. */
    public static void require(String field, String value) {
        int at = firstForbidden(value);
        if (at >= 0) {
            throw ProblemException.badRequest("'" + field + "' contains " + describe(value, at) + ", which Margin does "
                    + "not store. " + REMEDY).with("field", field);
        }
    }

    /** What to do, for every message about such a character. */
    public static final String REMEDY = "Remove control characters and broken characters (text is letters, digits, "
            + "punctuation, spaces, tabs and line breaks), then send it again.";
}
