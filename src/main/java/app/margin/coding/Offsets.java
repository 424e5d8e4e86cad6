package app.margin.coding;

import app.margin.problem.ProblemException;

/** Checks a range against a document's text: UTF-16 code units, {@code [start, end)}. */
final class Offsets {
    private Offsets() {
    }

    static void requireValid(int start, int end, String text) {
        requireValid(start, end, text.length(), splitsCharacter(text, start) || splitsCharacter(text, end));
    }

    /** The same checks with the text's length and whether a boundary falls inside a surrogate pair. */
    static void requireValid(int start, int end, int length, boolean splitsCharacter) {
        if (start < 0 || end > length) {
            throw ProblemException.badRequest("The range " + start + "–" + end + " lies outside the document, whose "
                    + "text has " + length + " characters (UTF-16 code units, counted from 0).");
        }
        if (start >= end) {
            throw ProblemException.badRequest("The start (" + start + ") must come before the end (" + end + ").");
        }
        if (splitsCharacter) {
            throw ProblemException.badRequest("The range " + start + "–" + end + " cuts a character in half (an "
                    + "emoji or rare character takes two UTF-16 units). Move the boundary by one.");
        }
    }

    private static boolean splitsCharacter(String text, int offset) {
        return offset > 0 && offset < text.length()
                && Character.isHighSurrogate(text.charAt(offset - 1)) && Character.isLowSurrogate(text.charAt(offset));
    }
}
