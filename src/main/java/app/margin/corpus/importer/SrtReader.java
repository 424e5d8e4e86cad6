package app.margin.corpus.importer;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SubRip subtitles: cue times, and speakers written as "Speaker: …", "[Speaker] …" or "(Speaker) …". */
final class SrtReader implements FormatReader {
    private static final Pattern TIMING = Pattern.compile("^\\s*(\\d{1,2}:\\d{2}:\\d{2}[,.]\\d{1,3})\\s+-->\\s+\\S+");
    private static final Pattern SPEAKER = Pattern.compile(
            "^(?:([\\p{L}\\p{N}][\\p{L}\\p{M}\\p{N} .'’_\\-]{0,39}?):\\s+|[\\[(]([\\p{L}\\p{N}][^\\])]{0,39})[\\])]\\s*)(.*)$");

    @Override
    public Extracted read(String fileName, byte[] content) throws ImportRefusedException {
        String text = Utf8Text.decode(fileName, content);
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
            String plain = Cue.plain(lines);
            Matcher speaker = SPEAKER.matcher(plain);
            if (speaker.matches() && words(label(speaker)) <= 4) {
                cues.add(new Cue(SpeakerTurns.parseTime(timing.group(1)), label(speaker), speaker.group(3).strip()));
            } else {
                cues.add(new Cue(SpeakerTurns.parseTime(timing.group(1)), null, plain));
            }
        }
        if (cues.isEmpty()) {
            throw new ImportRefusedException("‘" + fileName + "’ is not a SubRip (.srt) file: it has no cue with a "
                    + "time such as 00:00:01,000 --> 00:00:04,000.");
        }
        return Cue.transcript(cues);
    }

    private static String label(Matcher m) {
        return (m.group(1) != null ? m.group(1) : m.group(2)).strip();
    }

    private static int words(String label) {
        return label.split("\\s+").length;
    }
}
