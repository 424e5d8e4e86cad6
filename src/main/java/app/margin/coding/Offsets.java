package app.margin.coding;

import app.margin.problem.ProblemException;

/** Checks a range against a document's text: UTF-16 code units, {@code [start, end)}. */
final class Offsets {
    private Offsets() {
    }

    static void requireValid(int start, int end, String text) {
        if (start < 0 || end > text.length()) {
            throw ProblemException.badRequest("The range " + start + "–" + end + " lies outside the document, whose "
                    + "text has " + text.length() + " characters (UTF-16 code units, counted from 0).");
        }
        if (start >= end) {
            throw ProblemException.badRequest("The start (" + start + ") must come before the end (" + end + ").");
        }
        if (splitsCharacter(text, start) || splitsCharacter(text, end)) {
            throw ProblemException.badRequest("The range " + start + "–" + end + " cuts a character in half (an "
                    + "emoji or rare character takes two UTF-16 units). Move the boundary by one.");
        }
    }

    private static boolean splitsCharacter(String text, int offset) {
        return offset > 0 && offset < text.length()
                && Character.isHighSurrogate(text.charAt(offset - 1)) && Character.isLowSurrogate(text.charAt(offset));
    }
}
