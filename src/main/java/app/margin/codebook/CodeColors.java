package app.margin.codebook;

import java.util.List;

/** Default colours: light enough for highlights behind black text, distinct enough for stripes side by side. */
final class CodeColors {
    static final List<String> PALETTE = List.of("#f4a259", "#8cc5e3", "#a5d6a7", "#f28b82", "#cdb4db", "#ffd166",
            "#80cbc4", "#f6bd60", "#b0bec5", "#e6a0c4", "#c5e1a5", "#90a4e0");

    private CodeColors() {
    }

    static String forNewCode(String requested, Code parent, long siblingCount) {
        if (requested != null && !requested.isBlank()) {
            return requested.toLowerCase();
        }
        if (parent != null) {
            return parent.color;
        }
        return PALETTE.get((int) (siblingCount % PALETTE.size()));
    }
}
