package app.margin.codebook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every default colour reads: 3:1 against the white page (stripes, chips) and 4.5:1 under black text (highlights). */
class CodeColorsTest {
    static void assertReadable(String color) {
        assertTrue(CodeColors.contrast(color, "#ffffff") >= 3.0, color + " against white: " + CodeColors.contrast(color, "#ffffff"));
        assertTrue(CodeColors.contrast(color, "#000000") >= 4.5, "black text on " + color + ": " + CodeColors.contrast(color, "#000000"));
    }

    @Test
    void thePaletteIsReadableAndHasNoRepeats() {
        CodeColors.PALETTE.forEach(CodeColorsTest::assertReadable);
        assertEquals(CodeColors.PALETTE.size(), new HashSet<>(CodeColors.PALETTE).size());
    }

    @Test
    void subCodesGetReadableShadesThatDifferFromTheirParentAndSiblings() {
        for (String parent : CodeColors.PALETTE) {
            Set<String> siblings = new HashSet<>();
            for (int i = 0; i < 8; i++) {
                String shade = CodeColors.shade(parent, i);
                assertReadable(shade);
                assertTrue(!shade.equals(parent) && siblings.add(shade), parent + " child " + i + ": " + shade);
            }
        }
        // a near-white parent chosen by hand (the old demo's #f3faf3) still gives readable sub-codes
        assertReadable(CodeColors.shade("#f3faf3", 0));
        assertReadable(CodeColors.shade("#000000", 1));
    }

    @Test
    void aColourChosenByHandIsKeptAndTheWcagFiguresMatchThePublishedOnes() {
        assertEquals("#f3faf3", CodeColors.forNewCode("#F3FAF3", null, 0));
        assertEquals(CodeColors.PALETTE.get(1), CodeColors.forNewCode(null, null, 13));
        assertEquals(21.0, CodeColors.contrast("#000000", "#ffffff"), 1e-9);
        assertEquals(4.54, CodeColors.contrast("#767676", "#ffffff"), 0.01); // the well-known AA grey
    }
}
