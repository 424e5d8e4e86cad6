package app.margin.codebook;

import java.util.List;

/**
 * Default colours of new codes, all in one band of relative luminance (WCAG 2.2): dark enough that a stripe or a
 * chip stands out 3:1 against the white page (non-text contrast), light enough that black text on the colour reads
 * at 4.5:1. The old palette (#f4a259 …) stood at 1.4–2.4:1 against white, and sub-codes were lightened towards
 * white by the demo codebook (#f3faf3, 1.05:1): the stripes of sub-codes could not be seen.
 */
final class CodeColors {
    /** Black text on a colour at least this luminous reads at 4.6:1. */
    static final double DARKEST = 0.18;
    /** A colour at most this luminous stands out 3.09:1 against white. */
    static final double LIGHTEST = 0.29;

    /** The old palette's hues at luminance 0.235, saturation at least 0.55 (the grey keeps its own). */
    static final List<String> PALETTE = List.of("#cf690e", "#2f8dbf", "#2c9831", "#eb4e41", "#ad68d3", "#b07b00",
            "#2b938a", "#7a8a92", "#d35a98", "#62922b", "#6681d4", "#b9760a");

    /** A sub-code's shade: its parent's hue turned by ±15°, ±30°, … at three luminance levels, so siblings differ. */
    private static final double[] LEVELS = {0.20, 0.27, 0.235};

    private CodeColors() {
    }

    static String forNewCode(String requested, Code parent, long siblingCount) {
        if (requested != null && !requested.isBlank()) {
            return requested.toLowerCase();
        }
        if (parent != null && parent.color != null) {
            return shade(parent.color, siblingCount);
        }
        return PALETTE.get((int) (siblingCount % PALETTE.size()));
    }

    /** The colour of the index-th sub-code of a code coloured {@code parent}, always within the readable band. */
    static String shade(String parent, long index) {
        double[] hsl = hsl(rgb(parent));
        double turn = 15.0 * (index / 2 + 1) * (index % 2 == 0 ? 1 : -1);
        double hue = ((hsl[0] + turn / 360.0) % 1.0 + 1.0) % 1.0;
        double saturation = Math.max(hsl[1], 0.35);
        return hex(withLuminance(hue, saturation, LEVELS[(int) (index % LEVELS.length)]));
    }

    /** WCAG relative luminance of #rrggbb. */
    static double luminance(String hex) {
        int[] rgb = rgb(hex);
        return 0.2126 * linear(rgb[0]) + 0.7152 * linear(rgb[1]) + 0.0722 * linear(rgb[2]);
    }

    /** WCAG contrast ratio of two colours, 1 to 21. */
    static double contrast(String a, String b) {
        double la = luminance(a);
        double lb = luminance(b);
        return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
    }

    /** The HSL colour of this hue and saturation whose luminance is closest to the target (lightness bisected). */
    private static int[] withLuminance(double hue, double saturation, double target) {
        double low = 0;
        double high = 1;
        for (int i = 0; i < 40; i++) {
            double middle = (low + high) / 2;
            if (luminance(hex(fromHsl(hue, saturation, middle))) > target) {
                high = middle;
            } else {
                low = middle;
            }
        }
        return fromHsl(hue, saturation, low);
    }

    private static double linear(int channel) {
        double c = channel / 255.0;
        return c <= 0.04045 ? c / 12.92 : Math.pow((c + 0.055) / 1.055, 2.4);
    }

    private static int[] rgb(String hex) {
        int value = Integer.parseInt(hex.substring(1), 16);
        return new int[] {value >> 16 & 0xff, value >> 8 & 0xff, value & 0xff};
    }

    private static String hex(int[] rgb) {
        return String.format("#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
    }

    private static double[] hsl(int[] rgb) {
        double r = rgb[0] / 255.0;
        double g = rgb[1] / 255.0;
        double b = rgb[2] / 255.0;
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        double lightness = (max + min) / 2;
        if (max == min) {
            return new double[] {0, 0, lightness};
        }
        double d = max - min;
        double saturation = lightness > 0.5 ? d / (2 - max - min) : d / (max + min);
        double hue = max == r ? (g - b) / d + (g < b ? 6 : 0) : max == g ? (b - r) / d + 2 : (r - g) / d + 4;
        return new double[] {hue / 6, saturation, lightness};
    }

    private static int[] fromHsl(double hue, double saturation, double lightness) {
        double q = lightness < 0.5 ? lightness * (1 + saturation) : lightness + saturation - lightness * saturation;
        double p = 2 * lightness - q;
        return new int[] {channel(p, q, hue + 1.0 / 3), channel(p, q, hue), channel(p, q, hue - 1.0 / 3)};
    }

    private static int channel(double p, double q, double t) {
        double x = t < 0 ? t + 1 : t > 1 ? t - 1 : t;
        double v = x < 1.0 / 6 ? p + (q - p) * 6 * x : x < 0.5 ? q : x < 2.0 / 3 ? p + (q - p) * (2.0 / 3 - x) * 6 : p;
        return (int) Math.round(v * 255);
    }
}
