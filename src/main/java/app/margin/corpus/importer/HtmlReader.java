package app.margin.corpus.importer;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.nodes.Node;
import org.jsoup.nodes.TextNode;
import org.jsoup.select.NodeTraversor;
import org.jsoup.select.NodeVisitor;

/** The visible text of an HTML page: one paragraph per block element, scripts and styles dropped. */
final class HtmlReader implements FormatReader {
    private static final java.util.Set<String> BLOCKS = java.util.Set.of("p", "div", "h1", "h2", "h3", "h4", "h5",
            "h6", "li", "tr", "blockquote", "pre", "section", "article", "header", "footer", "dt", "dd", "table");

    @Override
    public Extracted read(String fileName, byte[] content) throws ImportRefusedException {
        Document html = Jsoup.parse(Utf8Text.decode(fileName, content));
        html.select("script, style, noscript, template, head > *:not(title)").remove();
        StringBuilder out = new StringBuilder();
        NodeTraversor.traverse(new NodeVisitor() {
            @Override
            public void head(Node node, int depth) {
                if (node instanceof TextNode text) {
                    out.append(text.text());
                } else if (node instanceof Element e && e.normalName().equals("br")) {
                    out.append('\n');
                } else if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    paragraphBreak(out);
                }
            }

            @Override
            public void tail(Node node, int depth) {
                if (node instanceof Element e && BLOCKS.contains(e.normalName())) {
                    paragraphBreak(out);
                }
            }
        }, html.body());
        String text = out.toString().replaceAll("[ \\t\\u00A0]+\\n", "\n").replaceAll("\\n[ \\t\\u00A0]+", "\n")
                .replaceAll("\\n{3,}", "\n\n").strip();
        String title = html.title().isBlank() ? firstHeading(html) : html.title().strip();
        return Extracted.text(text, title);
    }

    private static void paragraphBreak(StringBuilder out) {
        int n = out.length();
        if (n == 0) {
            return;
        }
        if (out.charAt(n - 1) != '\n') {
            out.append("\n\n");
        } else if (n < 2 || out.charAt(n - 2) != '\n') {
            out.append('\n');
        }
    }

    private static String firstHeading(Document html) {
        Element h1 = html.selectFirst("h1");
        return h1 == null || h1.text().isBlank() ? null : h1.text().strip();
    }
}
