package app.margin.search;

import app.margin.text.Segment;
import app.margin.text.TextUnits;
import java.util.List;

/**
 * Sentences, paragraphs and words of a document's text as offset ranges for the index. Sentences and paragraphs are
 * split by {@link TextUnits}, the splitter agreement rounds use.
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

    /** Lines of text, trimmed, blank ones skipped: the same paragraphs agreement rounds use. */
    public static List<Span> paragraphs(String text) {
        return spans(TextUnits.paragraphs(text));
    }

    /** Sentences as agreement rounds split them ({@link TextUnits}), so "same sentence" means one thing everywhere. */
    public static List<Span> sentences(String text) {
        return spans(TextUnits.sentences(text));
    }

    private static List<Span> spans(List<Segment> segments) {
        return segments.stream().map(s -> new Span((int) s.start(), (int) s.end())).toList();
    }

    /**
     * The UTF-16 offsets where words start (words are runs of non-space characters), ascending: a fifth of the
     * memory of a number per offset, so the indexer can keep the layouts of many documents.
     */
    static int[] wordStarts(String text) {
        int[] starts = new int[Math.max(16, text.length() / 5)];
        int words = 0;
        for (int i = 0; i < text.length(); i++) {
            if (!Character.isWhitespace(text.charAt(i)) && (i == 0 || Character.isWhitespace(text.charAt(i - 1)))) {
                if (words == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, starts.length * 2);
                }
                starts[words++] = i;
            }
        }
        return java.util.Arrays.copyOf(starts, words);
    }

    /** The number of words that start before {@code offset}, from {@link #wordStarts}. */
    static int wordsBefore(int[] wordStarts, int offset) {
        int found = java.util.Arrays.binarySearch(wordStarts, offset);
        return found >= 0 ? found : -found - 1;
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
}
