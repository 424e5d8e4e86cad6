package app.margin.corpus.importer;

/** Markdown is kept as its source text (what researchers wrote); its first level-one heading is the title. */
final class MarkdownReader implements FormatReader {
    @Override
    public Extracted read(String fileName, byte[] content) throws ImportRefusedException {
        String text = Utf8Text.decode(fileName, content);
        String title = text.lines().filter(l -> l.startsWith("# ")).map(l -> l.substring(2).strip())
                .filter(t -> !t.isEmpty()).findFirst().orElse(null);
        return Extracted.text(text, title);
    }
}
