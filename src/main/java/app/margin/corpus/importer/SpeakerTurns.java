package app.margin.corpus.importer;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds speaker turns in plain text. A turn starts at a line such as {@code Interviewer: …}, {@code P07: …},
 * {@code [00:12:31] P02: …}, {@code P02: [00:12:31] …}, {@code 면담자: …} or Markdown's {@code **P07:** …}; the lines
 * after it belong to it until the next turn. A label counts only when it starts at least two lines, so a stray
 * "Note: …" in a turn is not taken for a speaker.
 */
final class SpeakerTurns {
    private static final String TIME = "(?:\\d{1,2}:)?\\d{1,2}:\\d{2}(?:[.,]\\d{1,3})?";
    private static final String LABEL = "[\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N} .'’_\\-()#]{0,39}?";
    private static final Pattern TURN = Pattern.compile("^[ \\t]*"
            + "(?:[\\[(]?(?<before>" + TIME + ")[\\])]?[ \\t]+)?"
            + "(?:\\*\\*)?(?<label>" + LABEL + ")(?:\\*\\*)?[ \\t]*"
            + "(?:[\\[(](?<inside>" + TIME + ")[\\])][ \\t]*)?"
            + ":(?:\\*\\*)?(?=[ \\t]|$)[ \\t]*"
            + "(?:[\\[(](?<after>" + TIME + ")[\\])][ \\t]*)?");
    private static final int MAX_LABEL_WORDS = 4;
    /** Compiled once: a transcript's every line is matched (String.split and String.matches compile per call). */
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern NUMBER = Pattern.compile("[\\d:.,]+");

    private SpeakerTurns() {
    }

    /** A line that opens a turn: where the line starts, the label, where the spoken text starts, the time. */
    record Opening(int lineStart, String speaker, int contentStart, Long timeMs) {
    }

    /** The turns of a text (empty when it has none), each unit spanning what was said. */
    static List<TextUnit> find(String text) {
        List<Opening> openings = openings(text);
        List<TextUnit> units = new ArrayList<>();
        if (openings.isEmpty()) {
            return units;
        }
        units.addAll(Paragraphs.find(text, 0, openings.getFirst().lineStart()));
        for (int i = 0; i < openings.size(); i++) {
            Opening o = openings.get(i);
            int limit = i + 1 < openings.size() ? openings.get(i + 1).lineStart() : text.length();
            int start = skipWhitespace(text, o.contentStart(), limit);
            int end = trimEnd(text, start, limit);
            if (end > start) {
                units.add(new TextUnit(start, end, o.speaker(), o.timeMs()));
            }
        }
        return units;
    }

    /** Lines opening a turn, keeping only labels that open at least two lines. */
    static List<Opening> openings(String text) {
        List<Opening> candidates = new ArrayList<>();
        Matcher m = TURN.matcher(text); // one matcher, moved from line to line
        int lineStart = 0;
        while (lineStart <= text.length()) {
            int lineEnd = text.indexOf('\n', lineStart);
            if (lineEnd < 0) {
                lineEnd = text.length();
            }
            Opening opening = match(m, lineStart, lineEnd);
            if (opening != null) {
                candidates.add(opening);
            }
            lineStart = lineEnd + 1;
        }
        Map<String, Integer> counts = new HashMap<>();
        candidates.forEach(c -> counts.merge(c.speaker(), 1, Integer::sum));
        return candidates.stream().filter(c -> counts.get(c.speaker()) >= 2).toList();
    }

    private static Opening match(Matcher m, int lineStart, int lineEnd) {
        m.region(lineStart, lineEnd);
        if (!m.lookingAt()) {
            return null;
        }
        String label = m.group("label").strip();
        if (label.isEmpty() || WHITESPACE.split(label).length > MAX_LABEL_WORDS || NUMBER.matcher(label).matches()) {
            return null;
        }
        String time = m.group("before") != null ? m.group("before")
                : m.group("inside") != null ? m.group("inside") : m.group("after");
        return new Opening(lineStart, label, m.end(), time == null ? null : parseTime(time));
    }

    /** "01:02:03", "02:03" or "02:03.500" in milliseconds. */
    static long parseTime(String time) {
        String[] parts = time.replace(',', '.').split(":");
        double seconds = Double.parseDouble(parts[parts.length - 1]);
        long minutes = Long.parseLong(parts[parts.length - 2]);
        long hours = parts.length > 2 ? Long.parseLong(parts[0]) : 0;
        return (hours * 3600 + minutes * 60) * 1000 + Math.round(seconds * 1000);
    }

    private static int skipWhitespace(String text, int from, int limit) {
        int i = from;
        while (i < limit && Character.isWhitespace(text.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int trimEnd(String text, int start, int limit) {
        int end = limit;
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        return end;
    }
}
