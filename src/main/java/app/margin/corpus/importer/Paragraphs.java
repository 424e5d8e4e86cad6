package app.margin.corpus.importer;

import java.util.ArrayList;
import java.util.List;

/** Paragraphs: runs of non-blank lines, each span without its surrounding whitespace. */
final class Paragraphs {
    private Paragraphs() {
    }

    static List<TextUnit> find(String text) {
        return find(text, 0, text.length());
    }

    static List<TextUnit> find(String text, int from, int to) {
        List<TextUnit> units = new ArrayList<>();
        int start = -1;
        int lastNonBlankEnd = -1;
        int lineStart = from;
        while (lineStart < to) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0 || lineEnd > to) {
                lineEnd = to;
            }
            String line = text.substring(lineStart, lineEnd);
            if (line.isBlank()) {
                if (start >= 0) {
                    units.add(new TextUnit(start, lastNonBlankEnd, null, null));
                    start = -1;
                }
            } else {
                if (start < 0) {
                    start = lineStart + (line.length() - line.stripLeading().length());
                }
                lastNonBlankEnd = lineStart + line.stripTrailing().length();
            }
            lineStart = lineEnd + 1;
        }
        if (start >= 0) {
            units.add(new TextUnit(start, lastNonBlankEnd, null, null));
        }
        return units;
    }
}
