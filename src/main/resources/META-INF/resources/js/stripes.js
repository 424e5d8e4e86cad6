// Coding stripes that say what they are: the code's name on its colour, the coder's initials and border pattern
// when several coders' layers are shown (with a legend), and a density bar of where a long document is coded.
import { h } from './dom.js';
import { inkOn, markColor } from './colors.js';

/** How many edge patterns tell coders apart without colour (the code's colour already means the code): app.css. */
const PATTERNS = 4;

/** "Demo coder 1" → "DC1"; a name of one word gives its first two letters. */
function initialsOf(name) {
  const words = name.split(/[\s._-]+/).filter(Boolean);
  if (words.length === 1) return words[0].slice(0, 2).toUpperCase();
  return words.map(w => (/^\d+$/.test(w) ? w : w[0].toUpperCase())).join('').slice(0, 4);
}

/** Each coder of the shown codings: initials (unique among them) and a pattern, in a stable order. */
export function coderKeys(codings, members) {
  const names = new Map(members.map(m => [m.username, m.displayName || m.username]));
  const coders = [...new Set(codings.map(c => c.coder))].sort();
  const taken = new Set();
  return new Map(coders.map((coder, i) => {
    let initials = initialsOf(names.get(coder) ?? coder);
    for (let n = 2; taken.has(initials); n++) initials = `${initialsOf(names.get(coder) ?? coder)}${n}`;
    taken.add(initials);
    return [coder, { initials, pattern: i % PATTERNS, name: names.get(coder) ?? coder }];
  }));
}

/** The legend of coders for a layer with more than one of them. */
export function coderLegend(keys) {
  if (keys.size < 2) return null;
  return h('ul', { class: 'coder-legend', 'aria-label': 'Coders' }, [...keys].map(([coder, key]) => h('li', {},
    h('span', { class: 'legend-sample', 'data-pattern': key.pattern, 'aria-hidden': 'true' }),
    h('span', { class: 'coder-tag' }, key.initials), ` ${key.name} (${coder})`)));
}

/** One stripe: a button in the code's colour with its name; the coder's initials and edge pattern when several coders are shown. */
export function stripe(coding, code, key, { onclick, onhover }) {
  const color = markColor(code?.color);
  const name = code?.name ?? 'code';
  return h('button', {
    class: 'stripe', type: 'button', 'data-coding-id': coding.id, 'data-pattern': key?.pattern ?? 0,
    style: { background: color, color: inkOn(color) },
    'aria-label': `${name} by ${coding.coder}`, title: `${code?.path ?? name} — ${coding.coder}`,
    onclick, onmouseenter: () => onhover(coding, true), onmouseleave: () => onhover(coding, false),
    onfocus: () => onhover(coding, true), onblur: () => onhover(coding, false),
  }, key ? h('span', { class: 'coder-tag', 'aria-hidden': 'true' }, key.initials) : null,
  h('span', { class: 'stripe-name', 'aria-hidden': 'true' }, name));
}

/** How many cells the density bar has: fine enough to point at a turn of a 600-turn transcript, cheap to draw. */
const CELLS = 120;

/**
 * A bar across the top of the document: each cell is a slice of the text, darker where more codings lie; a click
 * opens that place. {@code goTo(offset)} scrolls there.
 */
export function densityBar(length, codings, goTo) {
  const counts = new Array(CELLS + 1).fill(0);
  const cellOf = offset => Math.min(CELLS - 1, Math.floor(offset / Math.max(length, 1) * CELLS));
  for (const c of codings) { // difference array: one pass over codings, one over cells
    counts[cellOf(c.start)]++;
    counts[cellOf(Math.max(c.start, c.end - 1)) + 1]--;
  }
  for (let i = 1; i < CELLS; i++) counts[i] += counts[i - 1];
  const most = Math.max(1, ...counts.slice(0, CELLS));
  const coded = counts.slice(0, CELLS).filter(n => n > 0).length;
  const bar = h('div', {
    class: 'density', role: 'img',
    'aria-label': `Coding density: codings in ${coded} of ${CELLS} parts of the document`,
    title: 'Where this document is coded: click to go there',
  }, counts.slice(0, CELLS).map(n => h('span', {
    class: n ? 'cell coded' : 'cell', style: n ? { opacity: String(0.25 + 0.75 * n / most) } : null,
  })));
  bar.addEventListener('click', event => {
    const left = bar.firstElementChild.getBoundingClientRect().left;
    const right = bar.lastElementChild.getBoundingClientRect().right;
    const share = Math.min(1, Math.max(0, (event.clientX - left) / (right - left)));
    goTo(Math.min(length - 1, Math.floor(share * length)));
  });
  return bar;
}
