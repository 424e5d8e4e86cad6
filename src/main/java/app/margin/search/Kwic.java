package app.margin.search;

import app.margin.search.TextLayout.Span;
import java.util.ArrayList;
import java.util.List;

/** Keyword-in-context lines: a window of a passage around its first match, with every match inside it marked. */
final class Kwic {
    /** Characters of context on each side of the first match. */
    static final int CONTEXT = 70;

    private Kwic() {
    }

    /** A line of text and where the matches are in it (offsets into {@code text}). */
    record Line(String text, List<Span> highlights) {
    }

    /**
     * The line for an extent {@code [from, to)} of {@code text} and the matches in it (offsets into {@code text}).
     * Without matches the line is the start of the extent.
     */
    static Line of(String text, int from, int to, List<Span> matches) {
        List<Span> inside = matches.stream().filter(m -> m.start() >= from && m.end() <= to).toList();
        int anchor = inside.isEmpty() ? from : inside.getFirst().start();
        int anchorEnd = inside.isEmpty() ? from : inside.getFirst().end();
        int start = Math.max(from, anchor - CONTEXT);
        if (start > from) {
            int space = text.indexOf(' ', start);
            start = space >= 0 && space < anchor ? space + 1 : start;
        }
        int end = Math.min(to, anchorEnd + CONTEXT + (inside.isEmpty() ? CONTEXT : 0));
        if (end < to) {
            int space = text.lastIndexOf(' ', end);
            end = space > anchorEnd ? space : end;
        }
        String prefix = start > from ? "…" : "";
        String suffix = end < to ? "…" : "";
        List<Span> highlights = new ArrayList<>();
        for (Span m : inside) {
            if (m.start() >= start && m.end() <= end) {
                int shift = prefix.length() - start;
                highlights.add(new Span(m.start() + shift, m.end() + shift));
            }
        }
        return new Line(prefix + text.substring(start, end) + suffix, highlights);
    }
}
