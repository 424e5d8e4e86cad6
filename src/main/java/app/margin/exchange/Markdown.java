package app.margin.exchange;

/**
 * Escaping for text placed in Markdown, so a quote cannot turn into emphasis, code, links, HTML, or (at the start
 * of a line) a heading, a nested quote or a list.
 */
final class Markdown {
    private Markdown() {
    }

    static String inline(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if ("\\`*_[]<".indexOf(c) >= 0 || (i == 0 && "#>+-".indexOf(c) >= 0)) {
                out.append('\\');
            }
            out.append(c);
        }
        String escaped = out.toString();
        // "1. " at the start would become a numbered list
        return escaped.replaceFirst("^(\\d+)([.)])", "$1\\\\$2");
    }
}
