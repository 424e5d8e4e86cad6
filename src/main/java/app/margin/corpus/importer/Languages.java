package app.margin.corpus.importer;

/** A first guess at a document's language from its script; the researcher can correct it. */
final class Languages {
    /** The first Hangul code point (the Jamo block). */
    private static final int HANGUL_JAMO = 0x1100;

    private Languages() {
    }

    /** "ko" when more than half of the letters are Hangul, else "en". */
    static String guess(String text) {
        long letters = 0;
        long hangul = 0;
        for (int i = 0; i < text.length(); ) {
            int c = text.codePointAt(i);
            if (Character.isLetter(c)) {
                letters++;
                // No Hangul below U+1100: Latin letters skip the script table's binary search, which was a third of
                // reading a 5,000-word English transcript (flight recording of the workload benchmark, 2026-12-01).
                if (c >= HANGUL_JAMO && Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL) {
                    hangul++;
                }
            }
            i += Character.charCount(c);
        }
        return letters > 0 && hangul * 2 > letters ? "ko" : "en";
    }
}
