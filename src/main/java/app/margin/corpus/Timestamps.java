package app.margin.corpus;

/** Recording times as researchers write them. */
public final class Timestamps {
    private Timestamps() {
    }

    /** "hh:mm:ss" for a time in milliseconds, or null. */
    public static String format(Long timeMs) {
        if (timeMs == null) {
            return null;
        }
        long seconds = timeMs / 1000;
        return String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60);
    }
}
