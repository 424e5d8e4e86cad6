package app.margin.text;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a text into units of analysis, as {@link Segment}s of UTF-16 offsets, each trimmed of surrounding white
 * space; empty stretches are skipped. Deliberately simple and predictable, so that a supervisor can tell where a unit
 * ends: a sentence ends after a run of . ? ! … (or the full-width 。？！ used in Korean, Japanese and Chinese text),
 * together with any closing quotes or brackets that follow, when white space or the end of the text comes next; a
 * line break always ends a sentence. Korean sentences end with the same . ? ! as English ones. Abbreviations such as
 * "Dr." do end a sentence here; that costs a few extra units, never a lost one.
 */
public final class TextUnits {
    private TextUnits() {
    }

    public static List<Segment> sentences(String text) {
        List<Segment> units = new ArrayList<>();
        int start = 0;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                add(units, text, start, i);
                start = i + 1;
                i++;
            } else if (isTerminal(c)) {
                int end = i + 1;
                while (end < n && (isTerminal(text.charAt(end)) || isCloser(text.charAt(end)))) {
                    end++;
                }
                if (end == n || Character.isWhitespace(text.charAt(end)) || isFullWidthTerminal(c)) {
                    add(units, text, start, end);
                    start = end;
                }
                i = end;
            } else {
                i++;
            }
        }
        add(units, text, start, n);
        return units;
    }

    /** Stretches between line breaks: a paragraph per line of text, blank lines skipped. */
    public static List<Segment> paragraphs(String text) {
        List<Segment> units = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                add(units, text, start, i);
                start = i + 1;
            }
        }
        add(units, text, start, text.length());
        return units;
    }

    private static boolean isTerminal(char c) {
        return c == '.' || c == '?' || c == '!' || c == '…' || isFullWidthTerminal(c);
    }

    private static boolean isFullWidthTerminal(char c) {
        return c == '。' || c == '？' || c == '！';
    }

    private static boolean isCloser(char c) {
        return c == '"' || c == '\'' || c == ')' || c == ']' || c == '’' || c == '”' || c == '」' || c == '』';
    }

    private static void add(List<Segment> units, String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            units.add(new Segment(start, end));
        }
    }
}
