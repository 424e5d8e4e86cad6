package app.margin.search;

import java.util.ArrayList;
import java.util.List;

/**
 * Sentences, paragraphs and words of a document's text as offset ranges. A paragraph ends at a line break; a sentence
 * ends after . ? ! … (or their full-width forms, as in Korean text) followed by a space or quote, or at a line break.
 */
public final class TextLayout {
    private TextLayout() {
    }

    /** A half-open range {@code [start, end)} of the text. */
    public record Span(int start, int end) {
        public boolean contains(int offset) {
            return start <= offset && offset < end;
        }
    }

    public static List<Span> paragraphs(String text) {
        List<Span> spans = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == '\n') {
                addTrimmed(spans, text, start, i);
                start = i + 1;
            }
        }
        return spans;
    }

    public static List<Span> sentences(String text) {
        List<Span> spans = new ArrayList<>();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                addTrimmed(spans, text, start, i);
                start = i + 1;
            } else if (isSentenceEnd(c) && endsHere(text, i + 1)) {
                int end = i + 1;
                while (end < text.length() && (isSentenceEnd(text.charAt(end)) || isClosingQuote(text.charAt(end)))) {
                    end++;
                }
                addTrimmed(spans, text, start, end);
                start = end;
                i = end - 1;
            }
        }
        addTrimmed(spans, text, start, text.length());
        return spans;
    }

    /** For each UTF-16 offset, the number of words that start before it (words are runs of non-space characters). */
    static int[] wordIndex(String text) {
        int[] index = new int[text.length() + 1];
        int words = 0;
        for (int i = 0; i < text.length(); i++) {
            index[i] = words;
            boolean startsWord = !Character.isWhitespace(text.charAt(i))
                    && (i == 0 || Character.isWhitespace(text.charAt(i - 1)));
            if (startsWord) {
                words++;
                index[i] = words - 1;
            }
        }
        index[text.length()] = words;
        return index;
    }

    /** The index of the span containing offset, or of the nearest span before it (for offsets between spans). */
    static int spanAt(List<Span> spans, int offset) {
        int low = 0;
        int high = spans.size() - 1;
        int found = 0;
        while (low <= high) {
            int mid = (low + high) >>> 1;
            if (spans.get(mid).start() <= offset) {
                found = mid;
                low = mid + 1;
            } else {
                high = mid - 1;
            }
        }
        return found;
    }

    private static boolean isSentenceEnd(char c) {
        return c == '.' || c == '?' || c == '!' || c == '…' || c == '。' || c == '？' || c == '！';
    }

    private static boolean isClosingQuote(char c) {
        return c == '"' || c == '\'' || c == '”' || c == '’' || c == ')' || c == '」' || c == '』';
    }

    private static boolean endsHere(String text, int next) {
        while (next < text.length() && (isSentenceEnd(text.charAt(next)) || isClosingQuote(text.charAt(next)))) {
            next++;
        }
        return next >= text.length() || Character.isWhitespace(text.charAt(next));
    }

    private static void addTrimmed(List<Span> spans, String text, int start, int end) {
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            spans.add(new Span(start, end));
        }
    }
}
