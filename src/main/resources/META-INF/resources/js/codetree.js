// The code tree beside the document: every code at every level, in its colour, with how often it is used in the
// layer on screen. With text selected, a click on a code (or dropping the dragged selection on it) applies it.
import { h, fill } from './dom.js';
import { markColor } from './colors.js';

/** Codes by parent id (null for the top level), in the codebook's order. */
function childrenByParent(codes) {
  const children = new Map();
  for (const code of codes) {
    const key = code.parentId ?? null;
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(code);
  }
  return children;
}

/**
 * The panel. {@code onApply(code)} codes the selection; {@code onInVivo()} (only for members who may edit the
 * codebook) makes a new code from the selected words. {@code update(counts, hasSelection)} redraws the counts.
 */
export function codeTreePanel({ codes, mayEditCodebook, onApply, onInVivo, layerLabel }) {
  const filter = h('input', { id: 'code-tree-filter', type: 'search', autocomplete: 'off', placeholder: 'Filter codes' });
  const tree = h('ul', { class: 'code-tree-list', role: 'list' });
  const note = h('p', { class: 'muted code-tree-note' });
  const inVivo = mayEditCodebook ? h('button', {
    type: 'button', class: 'secondary in-vivo', disabled: true,
    title: 'The selected words become the name of a new top-level code, applied to the selection',
    onmousedown: event => event.preventDefault(), // keep the text selected
    onclick: () => onInVivo(),
  }, 'New code from selection') : null;
  let counts = new Map();

  const row = code => {
    const count = counts.get(code.id) ?? 0;
    const button = h('button', {
      type: 'button', class: 'code-apply', 'data-code-id': code.id,
      title: `${code.path ?? code.name}: select text, then click (or drag the selection here) to apply`,
      // the selection stays in the text while the mouse presses a code
      onmousedown: event => event.preventDefault(),
      onclick: () => onApply(code),
      ondragover: event => { event.preventDefault(); event.dataTransfer.dropEffect = 'copy'; button.classList.add('drop-here'); },
      ondragleave: () => button.classList.remove('drop-here'),
      ondrop: event => { event.preventDefault(); button.classList.remove('drop-here'); onApply(code); },
    },
    h('span', { class: 'swatch', style: { background: markColor(code.color) }, 'aria-hidden': 'true' }),
    h('span', { class: 'code-name' }, code.name),
    h('span', { class: count ? 'count' : 'count none' }, String(count), h('span', { class: 'visually-hidden' }, count === 1 ? ' coding' : ' codings')));
    return button;
  };

  function render() {
    const wanted = filter.value.trim().toLowerCase();
    const children = childrenByParent(codes);
    // a code matches by its own name; its ancestors stay shown so it keeps its place in the tree
    const shown = new Set();
    for (const code of codes) {
      if (wanted && !code.name.toLowerCase().includes(wanted)) continue;
      for (let c = code; c && !shown.has(c.id); c = codes.find(p => p.id === c.parentId)) shown.add(c.id);
    }
    const branch = parentId => (children.get(parentId) ?? []).filter(c => shown.has(c.id))
      .map(code => h('li', {}, row(code), children.has(code.id) ? h('ul', { role: 'list' }, branch(code.id)) : null));
    const items = branch(null);
    fill(tree, ...(items.length ? items : [h('li', { class: 'muted' }, `No code matches “${filter.value}”.`)]));
  }

  filter.addEventListener('input', render);
  render();
  return {
    element: h('aside', { class: 'card code-tree', 'aria-label': 'Code tree' },
      h('h2', {}, 'Codes'),
      h('label', { for: 'code-tree-filter', class: 'visually-hidden' }, 'Filter codes'), filter,
      inVivo, note, tree),
    update(newCounts, hasSelection) {
      counts = newCounts;
      note.textContent = hasSelection ? 'Click a code, or drag the selection onto it, to apply it.'
        : `Select text to apply a code. Numbers: codings in this document, layer ${layerLabel()}.`;
      if (inVivo) inVivo.disabled = !hasSelection;
      render();
    },
  };
}
