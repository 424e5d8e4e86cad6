package app.margin.corpus.importer;

/** A first guess at a document's language from its script; the researcher can correct it. */
final class Languages {
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
                if (Character.UnicodeScript.of(c) == Character.UnicodeScript.HANGUL) {
                    hangul++;
                }
            }
            i += Character.charCount(c);
        }
        return letters > 0 && hangul * 2 > letters ? "ko" : "en";
    }
}
