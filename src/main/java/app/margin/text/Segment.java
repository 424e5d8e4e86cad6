package app.margin.text;

/**
 * A stretch [start, end) of a continuum, such as the characters of a document a coder attached a code to.
 * Offsets are 0-based; end is exclusive, so the length is end − start.
 */
public record Segment(long start, long end) {

    public Segment {
        if (start < 0 || end <= start) {
            throw new IllegalArgumentException("segment [" + start + ", " + end + ") is empty or starts before 0");
        }
    }

    public long length() {
        return end - start;
    }
}
