// Colours that read (WCAG 2.2): a code's colour is drawn as a stripe or chip at 3:1 against the white page at least,
// its name on it at 4.5:1, and passages are highlighted with a light tint of it under dark text. Colours chosen by
// hand or imported from other tools can be near-white (#f3faf3 stands at 1.05:1 against white), so the viewer
// never draws a code's colour as it is without checking.

function channels(hex) {
  const value = /^#[0-9a-f]{6}$/i.test(hex ?? '') ? parseInt(hex.slice(1), 16) : 0x888888;
  return [value >> 16 & 255, value >> 8 & 255, value & 255];
}

const hexOf = rgb => `#${rgb.map(c => Math.round(c).toString(16).padStart(2, '0')).join('')}`;
const mix = (rgb, to, share) => rgb.map(c => c + (to - c) * share);

/** WCAG relative luminance, 0 (black) to 1 (white). */
export function luminance(hex) {
  const [r, g, b] = channels(hex).map(c => {
    const s = c / 255;
    return s <= 0.04045 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio, 1 to 21. */
export function contrast(a, b) {
  const [high, low] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (high + 0.05) / (low + 0.05);
}

/** The code's colour, darkened just enough to stand out 3:1 against white (stripes, chips, swatches). */
export function markColor(hex) {
  const rgb = channels(hex);
  if (contrast(hexOf(rgb), '#ffffff') >= 3) return hexOf(rgb);
  let [low, high] = [0, 1]; // share of black mixed in: bisected, 12 steps are finer than one colour step
  for (let i = 0; i < 12; i++) {
    const middle = (low + high) / 2;
    if (contrast(hexOf(mix(rgb, 0, middle)), '#ffffff') >= 3.05) high = middle; else low = middle;
  }
  return hexOf(mix(rgb, 0, high));
}

/** Black or white, whichever reads better on the colour (one of them always reaches 4.5:1). */
export function inkOn(hex) {
  return contrast(hex, '#000000') >= contrast(hex, '#ffffff') ? '#000000' : '#ffffff';
}

/** A light tint of the code's colour for highlighted text: dark ink (#1d2430) on it stays above 10:1. */
export function tintOf(hex) {
  return hexOf(mix(channels(markColor(hex)), 255, 0.72));
}
