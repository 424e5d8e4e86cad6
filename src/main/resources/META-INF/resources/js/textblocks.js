// Virtual rendering of a long document. Laying out a whole 8 MB transcript (tens of thousands of speaker turns, each
// with its spans and stripes) took the browser ~15 s before the first word showed. So only the blocks (turns,
// paragraphs) near the viewport are in the DOM; the blocks above and below are stood in for by empty spacers as tall
// as those blocks: measured once they were rendered, estimated from their length (and stripes) before. Scrolling the
// page renders the blocks coming near the viewport and drops those far from it, so the DOM holds a bounded number of
// blocks whatever the document's length. Chromium's scroll anchoring keeps the text still when a spacer above the
// viewport changes height as estimates are replaced by measurements.
//
// Nothing about offsets depends on what is rendered: each block's spans carry their document offsets (data-start), so
// selections, codings and marks map to the document text as before. A block is never taken away from under the
// reader: the one holding the focus or an end of the selection stays rendered (between spacers of its own), and while
// holding() says a selection is being made nothing is removed. Short documents (ALL_AT_ONCE characters) are rendered
// whole, as before: there is nothing to gain, and every block stays findable in the page.

/** Documents up to this many characters are rendered whole (a 15,000-word interview is ~100,000). */
const ALL_AT_ONCE = 150_000;
/** How far above and below the viewport blocks are rendered, so a fast scroll does not show blank space. */
const MARGIN_PX = 1200;
/** The first estimate of a block's height, before any was measured: px per line, characters per line, px per stripe. */
const LINE_PX = 26;
const CHARS_PER_LINE = 90;
const STRIPE_PX = 23;
const PADDING_PX = 12;

/**
 * A block drawn again keeps the focus where it was (a keyboard coder's passage, a stripe), so a live update or a new
 * coding does not send the focus back to the top of the page.
 */
function refocus(old, fresh) {
  const same = old.classList.contains('said') ? fresh.querySelector('.said')
    : old.dataset.codingId ? fresh.querySelector(`[data-coding-id="${old.dataset.codingId}"]`) : null;
  same?.focus({ preventScroll: true });
}

/**
 * Renders {@code blocks} ([{start, end}] in document order) into {@code container}: {@code render(i)} makes block i's
 * element, {@code stripesOf(i)} says how many stripes it has (for its estimated height), {@code holding()} is true
 * while the reader makes a selection. Call {@code refresh()} once the container is on the page and after anything
 * shown in the blocks changed.
 */
export function textBlocks(container, { blocks, render, stripesOf = () => 0, holding = () => false }) {
  const n = blocks.length;
  const whole = n === 0 || blocks[n - 1].end - blocks[0].start <= ALL_AT_ONCE;
  const shown = new Map(); // block index → its element, in the DOM
  const spacers = new Map(); // index of the block after a gap (n at the end) → the spacer standing in for the gap
  const measured = new Float64Array(n); // 0 until the block was rendered
  let scale = 1; // measured height / first estimate, over the blocks measured so far
  let tops = null; // tops[i]: block i's top in the container, tops[n] the whole height; null when to be recomputed
  let frame = 0;

  const estimate = i => Math.max(LINE_PX * Math.max(1, Math.ceil((blocks[i].end - blocks[i].start) / CHARS_PER_LINE)),
    STRIPE_PX * stripesOf(i)) + PADDING_PX;
  const height = i => measured[i] || estimate(i) * scale;

  function layout() {
    if (tops) return;
    tops = new Float64Array(n + 1);
    for (let i = 0; i < n; i++) tops[i + 1] = tops[i] + height(i);
  }

  /** The block at a height in the container (binary search over the tops). */
  function blockAtY(y) {
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (tops[mid] <= y) low = mid; else high = mid - 1;
    }
    return low;
  }

  /** The blocks that must stay: the focused one and those holding an end of the selection. */
  function pinned() {
    const selection = getSelection();
    const keep = [];
    for (const node of [document.activeElement, selection?.anchorNode, selection?.focusNode]) {
      const element = node?.nodeType === Node.TEXT_NODE ? node.parentElement : node;
      const block = element && container.contains(element) ? element.closest('[data-block]') : null;
      if (block) keep.push(Number(block.dataset.block));
    }
    return keep;
  }

  function wanted() {
    if (whole) return Array.from({ length: n }, (_, i) => i);
    layout();
    const top = -container.getBoundingClientRect().top - MARGIN_PX;
    const first = blockAtY(Math.max(0, top));
    const last = blockAtY(top + innerHeight + 2 * MARGIN_PX);
    const set = new Set(pinned());
    for (let i = first; i <= last; i++) set.add(i);
    if (holding()) for (const i of shown.keys()) set.add(i);
    return [...set].sort((a, b) => a - b);
  }

  function spacer(key, from, to) {
    let element = spacers.get(key);
    if (!element) {
      element = document.createElement('div');
      element.className = 'block-spacer';
      element.setAttribute('aria-hidden', 'true');
      spacers.set(key, element);
    }
    element.dataset.from = from;
    element.dataset.to = to;
    element.style.height = `${tops[to] - tops[from]}px`;
    return element;
  }

  /**
   * Puts the wanted blocks (and spacers for the gaps between them) in the container, touching only what changed:
   * what goes is removed, what comes is inserted, what stays is not moved (moving a node would lose a selection in it).
   */
  function reconcile(indices) {
    const keep = new Set(indices);
    for (const [i, element] of shown) if (!keep.has(i)) { element.remove(); shown.delete(i); }
    const nodes = [];
    const usedSpacers = new Set();
    let next = 0;
    const gap = (key, to) => {
      if (to > next) { nodes.push(spacer(key, next, to)); usedSpacers.add(key); }
    };
    for (const i of indices) {
      gap(i, i);
      let element = shown.get(i);
      if (!element) {
        element = render(i);
        element.dataset.block = i;
        shown.set(i, element);
      }
      nodes.push(element);
      next = i + 1;
    }
    if (!whole) gap(n, n);
    for (const [key, element] of spacers) if (!usedSpacers.has(key)) { element.remove(); spacers.delete(key); }
    let cursor = container.firstChild;
    for (const node of nodes) {
      if (node === cursor) cursor = cursor.nextSibling;
      else container.insertBefore(node, cursor);
    }
  }

  /** Reads the rendered blocks' heights; true when the estimates were off (the spacers then change). */
  function measure() {
    let changed = false;
    let sumMeasured = 0;
    let sumEstimated = 0;
    for (const [i, element] of shown) {
      const h = element.offsetHeight;
      if (!h) continue;
      if (Math.abs(h - height(i)) > 0.5) changed = true;
      measured[i] = h;
      sumMeasured += h;
      sumEstimated += estimate(i);
    }
    if (sumEstimated > 0) {
      const next = (scale + sumMeasured / sumEstimated) / 2; // settles over a few renders, no jumps
      if (Math.abs(next - scale) > 0.01) { scale = next; changed = true; }
    }
    if (changed) {
      tops = null;
      layout();
      for (const element of spacers.values()) {
        element.style.height = `${tops[Number(element.dataset.to)] - tops[Number(element.dataset.from)]}px`;
      }
    }
    return changed;
  }

  function update() {
    if (!container.isConnected) return;
    reconcile(wanted());
    // measured heights can leave the viewport short of blocks: one more pass on the next frame fills it
    if (!whole && measure()) schedule();
  }

  function schedule() {
    if (frame) return;
    frame = requestAnimationFrame(() => { frame = 0; update(); });
  }

  const onScroll = () => {
    if (!container.isConnected) { removeEventListener('scroll', onScroll); removeEventListener('resize', onResize); return; }
    schedule();
  };
  const onResize = () => { measured.fill(0); tops = null; onScroll(); };
  if (!whole) {
    addEventListener('scroll', onScroll, { passive: true });
    addEventListener('resize', onResize, { passive: true });
  }

  /** The block holding a document offset (the last one for the document's end). */
  function indexAt(offset) {
    let low = 0;
    let high = n - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (blocks[mid].start <= offset) low = mid; else high = mid - 1;
    }
    return low;
  }

  return {
    indexAt,
    /** Block i's element when it is rendered, else null. */
    element: i => shown.get(i) ?? null,
    /** The rendered blocks' elements, in document order. */
    rendered: () => [...shown.entries()].sort((a, b) => a[0] - b[0]).map(([, element]) => element),
    /** Draws the rendered blocks again (what they show changed) and renders what the viewport now needs. */
    refresh() {
      const focused = document.activeElement;
      for (const [i, element] of shown) {
        const fresh = render(i);
        fresh.dataset.block = i;
        element.replaceWith(fresh);
        shown.set(i, fresh);
        if (element.contains(focused)) refocus(focused, fresh);
      }
      if (!whole) measured.fill(0);
      tops = null;
      update();
    },
    /** Scrolls block i into view (rendering it first when it was not) and returns its element. */
    reveal(i, block = 'center') {
      if (!shown.has(i)) {
        layout();
        scrollTo({ top: container.getBoundingClientRect().top + scrollY + tops[i] - innerHeight / 2, behavior: 'instant' });
        update();
      }
      const element = shown.get(i);
      element?.scrollIntoView({ block, behavior: 'instant' });
      update(); // the scroll may want neighbours the estimate put elsewhere
      return shown.get(i) ?? null;
    },
  };
}
