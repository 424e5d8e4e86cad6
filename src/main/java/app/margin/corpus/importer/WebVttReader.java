package app.margin.corpus.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** WebVTT captions: cue times, and speakers from voice tags ({@code <v Speaker>}). */
final class WebVttReader implements FormatReader {
    private static final Pattern TIMING = Pattern.compile("^\\s*((?:\\d+:)?\\d{2}:\\d{2}\\.\\d{3})\\s+-->\\s+\\S+");
    private static final Pattern VOICE = Pattern.compile("<v(?:\\.[^\\s>]+)*\\s+([^>]+)>");
    /** WebVTT allows any number of hour digits; more than this is no recording's time (and overflows a long). */
    private static final int MAX_HOUR_DIGITS = 6;

    @Override
    public Extracted read(String fileName, byte[] content) throws ImportRefusedException {
        String text = Utf8Text.decode(fileName, content);
        if (!text.startsWith("WEBVTT")) {
            throw new ImportRefusedException("‘" + fileName + "’ is not a WebVTT file: it must begin with the line "
                    + "WEBVTT.");
        }
        List<Cue> cues = new ArrayList<>();
        for (String block : text.split("\\n\\s*\\n")) {
            List<String> lines = new ArrayList<>(block.strip().lines().toList());
            while (!lines.isEmpty() && !lines.getFirst().contains("-->")) {
                lines.removeFirst();
            }
            if (lines.isEmpty()) {
                continue;
            }
            Matcher timing = TIMING.matcher(lines.removeFirst());
            if (!timing.find()) {
                continue;
            }
            String payload = String.join(" ", lines);
            Matcher voice = VOICE.matcher(payload);
            String speaker = voice.find() ? voice.group(1).strip() : null;
            cues.add(new Cue(SpeakerTurns.parseTime(readableTime(fileName, timing.group(1))), speaker,
                    Cue.plain(lines)));
        }
        if (cues.isEmpty()) {
            throw new ImportRefusedException("‘" + fileName + "’ contains no captions (no line with a time such as "
                    + "00:00:01.000 --> 00:00:04.000).");
        }
        return Cue.transcript(cues);
    }

    /** Found by fuzzing: a cue at hour 5555…5 made the import fail with a NumberFormatException. */
    private static String readableTime(String fileName, String time) throws ImportRefusedException {
        int firstColon = time.indexOf(':');
        if (firstColon != time.lastIndexOf(':') && firstColon > MAX_HOUR_DIGITS) {
            String shown = time.length() > 24 ? time.substring(0, 12) + "…" + time.substring(time.length() - 9) : time;
            throw new ImportRefusedException("‘" + fileName + "’ has a cue at a time no recording reaches (" + shown
                    + "). WebVTT times look like 01:02:03.000.");
        }
        return time;
    }
}
