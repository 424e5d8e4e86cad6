package app.margin.corpus.importer;

import java.util.ArrayList;
import java.util.List;

/**
 * A subtitle cue (WebVTT or SRT) with its start time and speaker. Cues become a readable transcript: consecutive
 * cues of one speaker merge into one turn, rendered as a paragraph {@code [hh:mm:ss] Speaker: text}.
 */
record Cue(long startMs, String speaker, String text) {

    static Extracted transcript(List<Cue> cues) {
        List<Cue> turns = new ArrayList<>();
        for (Cue cue : cues) {
            if (cue.text().isBlank()) {
                continue;
            }
            Cue last = turns.isEmpty() ? null : turns.getLast();
            if (last != null && last.speaker() != null && last.speaker().equals(cue.speaker())) {
                turns.set(turns.size() - 1, new Cue(last.startMs(), last.speaker(), last.text() + " " + cue.text()));
            } else {
                turns.add(cue);
            }
        }
        StringBuilder text = new StringBuilder();
        List<TextUnit> units = new ArrayList<>();
        for (Cue turn : turns) {
            if (!text.isEmpty()) {
                text.append("\n\n");
            }
            text.append('[').append(clock(turn.startMs())).append("] ");
            if (turn.speaker() != null) {
                text.append(turn.speaker()).append(": ");
            }
            int start = text.length();
            text.append(turn.text());
            units.add(new TextUnit(start, text.length(), turn.speaker(), turn.startMs()));
        }
        return new Extracted(text.toString(), null, units);
    }

    static String clock(long ms) {
        long s = ms / 1000;
        return String.format("%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    /** Removes markup tags and decodes entities, joining a cue's lines with spaces. */
    static String plain(List<String> lines) {
        String joined = String.join(" ", lines).replaceAll("<[^>]*>", "").replaceAll("\\{\\\\[^}]*}", "");
        return org.jsoup.parser.Parser.unescapeEntities(joined, false).replace('\u00A0', ' ')
                .replaceAll("[\\u200E\\u200F]", "").replaceAll("\\s+", " ").strip();
    }
}
