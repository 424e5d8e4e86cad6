package app.margin.exchange;

/**
 * REFI-QDA counts {@code PlainTextSelection} positions in Unicode code points from 0 (spec §10.2); Margin counts
 * UTF-16 code units. A Hangul syllable is one of each; a character outside the BMP (an emoji) is one code point but
 * two UTF-16 units.
 */
final class Positions {
    private Positions() {
    }

    /** UTF-16 offset → code point position. */
    static int toCodePoints(String text, int utf16Offset) {
        return text.codePointCount(0, utf16Offset);
    }

    /**
     * Text as written by another tool, normalised the way Margin stores text (no byte-order mark, every line break
     * one "\n"), with a table from the tool's code point positions to UTF-16 offsets in the normalised text.
     */
    record Normalised(String text, int[] offsetOfCodePoint) {
        /** The UTF-16 offset of a code point position, or -1 when it lies outside the text. */
        int offset(long codePoint) {
            return codePoint < 0 || codePoint >= offsetOfCodePoint.length ? -1 : offsetOfCodePoint[(int) codePoint];
        }
    }

    static Normalised normalise(String raw) {
        int count = raw.codePointCount(0, raw.length());
        int[] map = new int[count + 1];
        StringBuilder out = new StringBuilder(raw.length());
        int cp = 0;
        for (int i = 0; i < raw.length(); ) {
            int c = raw.codePointAt(i);
            int width = Character.charCount(c);
            map[cp++] = out.length();
            if (c == '\uFEFF' && i == 0) {
                // a byte-order mark: dropped, the position maps to the start
            } else if (c == '\r') {
                boolean crlf = i + 1 < raw.length() && raw.charAt(i + 1) == '\n';
                if (!crlf) {
                    out.append('\n');
                }
                // the \r of \r\n maps to where its \n goes
            } else {
                out.appendCodePoint(c);
            }
            i += width;
        }
        map[cp] = out.length();
        return new Normalised(out.toString(), map);
    }
}
