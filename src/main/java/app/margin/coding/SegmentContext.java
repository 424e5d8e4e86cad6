package app.margin.coding;

/**
 * The words around a coded segment, so a reader of a code's segment list sees the quote in its place. Context is cut
 * at a word boundary and never crosses a paragraph break, so it does not run into another speaker's turn.
 */
final class SegmentContext {
    static final int CONTEXT_CHARS = 80;

    private SegmentContext() {
    }

    /** Up to {@link #CONTEXT_CHARS} characters before {@code start}, starting at a word and after the last line break. */
    static String before(String text, int start) {
        int from = Math.max(0, start - CONTEXT_CHARS);
        int lineBreak = text.lastIndexOf('\n', start - 1);
        if (lineBreak >= from) {
            return text.substring(lineBreak + 1, start);
        }
        if (from > 0) {
            int space = text.indexOf(' ', from);
            from = space < 0 || space >= start ? from : space + 1;
        }
        return (from > 0 ? "…" : "") + text.substring(from, start);
    }

    /** Up to {@link #CONTEXT_CHARS} characters after {@code end}, ending at a word and before the next line break. */
    static String after(String text, int end) {
        int to = Math.min(text.length(), end + CONTEXT_CHARS);
        int lineBreak = text.indexOf('\n', end);
        if (lineBreak >= 0 && lineBreak <= to) {
            return text.substring(end, lineBreak);
        }
        if (to < text.length()) {
            int space = text.lastIndexOf(' ', to);
            to = space <= end ? to : space;
        }
        return text.substring(end, to) + (to < text.length() ? "…" : "");
    }
}
