// The document viewer: a transcript by speaker turns (other documents by paragraphs), coded segments highlighted
// in their code's colour, a margin of coding stripes per turn, and a code picker for the selected text. Only the
// turns near the screen are in the page (js/textblocks.js), so what reads the page asks that module for a passage;
// Markdown field notes are formatted over their own source text (js/markdown.js).
import { api, revalidated } from './api.js';
import { act, h, undoOffer, count, fill } from './dom.js';
import { memoItem } from './memos.js';
import { markColor, tintOf } from './colors.js';
import { codeTreePanel } from './codetree.js';
import { coderKeys, coderLegend, densityBar, stripe } from './stripes.js';
import { withParam } from './links.js';
import { followProject } from './live.js';
import { textBlocks } from './textblocks.js';
import { formatLines, isMarkdown, markdownOf } from './markdown.js';

/** The codes a coder used last in a project, kept in the browser so the picker's 1–9 keys survive a reload. */
function recentCodesOf(pid) {
  const key = `margin.recent-codes.${pid}`;
  let ids = [];
  try { ids = JSON.parse(localStorage.getItem(key) ?? '[]').filter(Number.isInteger); } catch { ids = []; }
  return {
    ids,
    use(id) {
      ids.splice(0, ids.length, id, ...ids.filter(other => other !== id).slice(0, 8));
      try { localStorage.setItem(key, JSON.stringify(ids)); } catch { /* private mode: recent codes last this page only */ }
    },
  };
}

/** Offsets of the current selection inside the document text, or null. Spans carry their start offset. */
function selectedRange(container) {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return null;
  const range = selection.getRangeAt(0);
  const offsetOf = (node, offset) => {
    if (node.nodeType !== Node.TEXT_NODE && !node.closest?.('[data-start]')) return boundaryOffset(container, node, offset);
    const span = (node.nodeType === Node.TEXT_NODE ? node.parentElement : node)?.closest('[data-start]');
    if (!span || !container.contains(span)) return null;
    return Number(span.dataset.start) + (node.nodeType === Node.TEXT_NODE ? offset : 0);
  };
  const start = offsetOf(range.startContainer, range.startOffset);
  const end = offsetOf(range.endContainer, range.endOffset);
  return start === null || end === null || end <= start ? null : { start, end };
}

/**
 * The offset of a selection boundary between elements (a triple click ends it after a line; a drag can end on a
 * spacer standing in for blocks not rendered): the start of the first span after it, else the end of the last one.
 */
function boundaryOffset(container, node, offset) {
  if (!container.contains(node)) return null;
  const spans = [...container.querySelectorAll('[data-start]')];
  const child = node.childNodes[offset];
  const after = child ? spans.find(s => child === s || child.contains(s)
    || (child.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_FOLLOWING)) : null;
  if (after) return Number(after.dataset.start);
  const before = spans.findLast(s => node.contains(s) || (node.compareDocumentPosition(s) & Node.DOCUMENT_POSITION_PRECEDING));
  return before ? Number(before.dataset.end) : null;
}

/** Word steps for keyboard selection and boundary changes: the end of the next word, the start of the previous one. */
function nextWordEnd(text, offset, limit) {
  let i = offset;
  while (i < limit && /\s/.test(text[i])) i++;
  while (i < limit && !/\s/.test(text[i])) i++;
  return i;
}

function previousWordStart(text, offset, limit) {
  let i = offset;
  while (i > limit && /\s/.test(text[i - 1])) i--;
  while (i > limit && !/\s/.test(text[i - 1])) i--;
  return i;
}

/** A range without the spaces at its ends, or null when nothing but space is left. */
function trimmed(text, start, end) {
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return end > start ? { start, end } : null;
}

/** Shows a document range as the browser's selection, so keyboard selection looks like mouse selection. */
function showSelection(passage, start, end) {
  const spans = [...passage.querySelectorAll('[data-start]')];
  const point = (offset, atEnd) => {
    const span = spans.findLast(s => Number(s.dataset.start) < offset || (!atEnd && Number(s.dataset.start) === offset)) ?? spans[0];
    return [span.firstChild ?? span, Math.min(offset - Number(span.dataset.start), span.textContent.length)];
  };
  const selection = window.getSelection();
  if (end <= start) { selection.removeAllRanges(); return; }
  selection.setBaseAndExtent(...point(start, false), ...point(end, true));
}

/**
 * The text of one unit split at coding boundaries and at marks (searched words, the coding a link opened); each piece
 * knows its offset, the codings covering it and the kinds of the marks on it.
 */
function pieces(unit, codings, marks = [], lines = []) {
  const inside = codings.filter(c => c.start < unit.end && c.end > unit.start);
  const marked = marks.filter(m => m.start < unit.end && m.end > unit.start);
  const cuts = new Set([unit.start, unit.end, ...lines.map(line => line.end).filter(end => end < unit.end)]);
  for (const c of [...inside, ...marked]) {
    cuts.add(Math.max(c.start, unit.start));
    cuts.add(Math.min(c.end, unit.end));
  }
  const sorted = [...cuts].sort((a, b) => a - b);
  return sorted.slice(0, -1).map((start, i) => ({
    start, end: sorted[i + 1],
    covering: inside.filter(c => c.start <= start && c.end >= sorted[i + 1]).sort((a, b) => (b.end - b.start) - (a.end - a.start)),
    marks: marked.filter(m => m.start <= start && m.end >= sorted[i + 1]).map(m => m.kind),
  }));
}

/**
 * The layers a member may look at on this document, as GET …/codings/layers says (the one visibility rule): their
 * own; every coder's and *All coders* for supervisors and owners; a revealed round partner's on the round's
 * documents; the master layer unless a blind round hides it here.
 */
function layerChoices(visible, members, me) {
  const choices = [{ value: 'mine', label: 'My codings' }];
  const nameOf = username => members.find(m => m.username === username)?.displayName ?? username;
  const others = visible.every ? members.map(m => m.username) : visible.coders;
  if (visible.every) choices.push({ value: 'all', label: 'All coders' });
  for (const username of others.filter(u => u !== me.username)) {
    choices.push({ value: `coder:${username}`, label: `${nameOf(username)} (${username})` });
  }
  if (visible.master) choices.push({ value: 'master', label: 'Master (adjudicated)' });
  return choices;
}

/** The layer to show first: the one the address asks for, else the one last chosen in this project, else one's own. */
function firstLayer(choices, asked, pid, me) {
  const known = value => (value === `coder:${me.username}` ? 'mine' : value);
  let remembered = null;
  try { remembered = localStorage.getItem(`margin.layer.${pid}`); } catch { /* private mode: nothing remembered */ }
  return [asked, remembered].map(known).find(value => choices.some(c => c.value === value)) ?? 'mine';
}

function layerQuery(layer, me) {
  if (layer === 'all') return '';
  if (layer === 'master') return '&layer=MASTER';
  const coder = layer === 'mine' ? me.username : layer.slice('coder:'.length);
  return `&layer=CODER&coder=${encodeURIComponent(coder)}`;
}

/** The longest block the viewer renders as one: a longer paragraph is shown in parts (cut at a line or a space). */
const MAX_BLOCK = 4000;

/**
 * The blocks the document is shown in: its units (speaker turns, paragraphs), a unit longer than MAX_BLOCK in parts
 * (the first with the speaker), so that rendering only what is on screen stays cheap for a document of one paragraph.
 */
function displayBlocks(units, text) {
  const blocks = [];
  for (const unit of units) {
    let start = unit.start;
    while (unit.end - start > MAX_BLOCK) {
      const window = text.slice(start + MAX_BLOCK / 2, start + MAX_BLOCK);
      const cut = Math.max(window.lastIndexOf('\n'), window.lastIndexOf(' '));
      let end = cut >= 0 ? start + MAX_BLOCK / 2 + cut + 1 : start + MAX_BLOCK;
      if (/[\uD800-\uDBFF]/.test(text[end - 1])) end--; // never between the halves of a character
      blocks.push({ start, end, unit, first: start === unit.start });
      start = end;
    }
    blocks.push({ start, end: unit.end, unit, first: start === unit.start });
  }
  return blocks;
}

/** For each block, the codings overlapping it (codings sorted or not; one pass over each coding's blocks). */
function codingsByBlock(blocks, codings, indexAt) {
  const lists = blocks.map(() => []);
  for (const c of codings) {
    for (let i = indexAt(c.start); i < blocks.length && blocks[i].start < c.end; i++) {
      if (blocks[i].end > c.start) lists[i].push(c);
    }
  }
  return lists;
}

/** The unit holding an offset: a coding's boundaries move only inside its own turn's text, never into a speaker label. */
function unitAt(units, offset) {
  return units.findLast(u => u.start <= offset) ?? units[0];
}

/** The name of an in-vivo code: the selected words, spaces collapsed and outer quotes and punctuation dropped. */
export function inVivoName(words) {
  const name = words.replace(/\s+/g, ' ').trim().replace(/^[\s"'“”‘’«»(\[]+|[\s"'“”‘’«»)\].,;:!?…]+$/g, '');
  if (name.length <= 200) return name; // the codebook's limit on a name
  const cut = name.slice(0, 199);
  return `${cut.slice(0, cut.lastIndexOf(' ') > 100 ? cut.lastIndexOf(' ') : 199)}…`;
}

export async function documentView(pid, did, { me, show, showError, at, layer: askedLayer, coding: openedId, marks: matches = [] }) {
  const [codes, project, members, visibleLayers] = await Promise.all([
    revalidated(`/projects/${pid}/codes`), api(`/projects/${pid}`),
    api(`/projects/${pid}/members`), api(`/projects/${pid}/codings/layers?documentId=${did}`),
  ]);
  const choices = layerChoices(visibleLayers, members, me);
  let layer = firstLayer(choices, askedLayer, pid, me);
  // the document and the codings shown on it in one request, revalidated by its ETag when it was open before
  const { document: doc, codings } = await revalidated(
    `/projects/${pid}/documents/${did}/view?${layerQuery(layer, me).slice(1)}`);
  const codeById = new Map(codes.map(c => [c.id, c]));
  const mayWrite = project.role !== 'VIEWER';
  const mayEditCodebook = project.role === 'SUPERVISOR' || project.role === 'OWNER';
  const recent = recentCodesOf(pid);
  /** What the address marks: the searched words of a search hit, and the coding a link opened (until the layer changes). */
  const opened = codings.find(c => c.id === openedId) ?? null;
  let marks = [...matches.map(m => ({ ...m, kind: 'search-match' })),
    ...(opened ? [{ start: opened.start, end: opened.end, kind: 'opened-coding' }] : [])];
  /** The range of text waiting for a code (selected with the mouse or the keyboard), or null. */
  let pending = null;
  let afterSelection = () => {}; // set below: a live redraw that waited for the selection to be done
  /** The open code picker: its filter and what Enter and 1–9 apply; null when closed. */
  let picker = null;
  /** The memo lists on screen, read again when a live notice says memos changed. */
  const memoLoads = new Set();

  /** Memos on one target, each editable and deletable by whoever may, and (for members who may write) a form to add one. */
  function memoSection(targetType, targetId, heading) {
    const list = h('ul', { class: 'memos' });
    const section = h('section', { 'aria-label': heading }, h('h3', {}, heading), list);
    const load = async () => {
      const memos = await api(`/projects/${pid}/memos?targetType=${targetType}&targetId=${targetId}`);
      fill(list, ...(memos.length ? memos.map(m => memoItem(pid, m, { me, role: project.role }))
        : [h('li', { class: 'muted' }, 'No memos yet.')]));
    };
    const reload = () => (list.isConnected ? load() : memoLoads.delete(reload));
    memoLoads.add(reload);
    if (mayWrite) {
      const fieldId = `memo-${targetType}-${targetId}`;
      const body = h('textarea', { id: fieldId, rows: 3 });
      const save = h('button', { type: 'submit' }, 'Save memo');
      const form = h('form', { class: 'memo-form' }, h('label', { for: fieldId }, 'New memo'), body, save);
      form.addEventListener('submit', event => {
        event.preventDefault();
        act(save, async () => {
          await api(`/projects/${pid}/memos`, { method: 'POST', body: { targetType, targetId, body: body.value } });
          body.value = '';
          await load();
        });
      });
      section.append(form);
    }
    load().catch(showError);
    return section;
  }

  /** Shows something other than the picker in the side panel: the selection no longer waits for a code. */
  function showDetails(...children) {
    picker = null;
    pending = null;
    fill(details, ...children);
    tree.update(countsByCode(), false);
    setTimeout(() => afterSelection(), 0);
  }

  function idle() {
    showDetails(h('p', { class: 'muted' }, 'Select text to code it, with the mouse or with the keyboard (Tab to a passage, ←/→ move word by word, Shift+←/→ select, Enter codes). Click a stripe to see its coding.'),
      memoSection('DOCUMENT', doc.id, 'Memos on this document'));
  }
  const units = doc.units.length ? doc.units : [{ start: 0, end: doc.text.length }];
  const blocks = displayBlocks(units, doc.text);
  const markdown = isMarkdown(doc);
  const details = h('aside', { class: 'card coding-details', 'aria-live': 'polite' });
  const text = h('div', { class: 'transcript', id: 'document-text' });
  const legend = h('div', { class: 'legend-slot' });
  const density = h('div', { class: 'density-slot' });
  const layerLabel = () => `“${layerSelect.selectedOptions[0]?.textContent ?? 'My codings'}”`;
  const tree = codeTreePanel({
    codes, mayEditCodebook, layerLabel,
    onApply: code => (pending ? applyCode(code) : tree.update(countsByCode(), false)),
    onInVivo: () => inVivo(),
  });

  function countsByCode() {
    const counts = new Map();
    for (const c of codings) counts.set(c.codeId, (counts.get(c.codeId) ?? 0) + 1);
    return counts;
  }

  /** Whether the coder is selecting (mouse held in the text, words selected, the picker open): nothing is redrawn then. */
  let mouseHeld = false;
  const selecting = () => {
    const selection = getSelection();
    return mouseHeld || pending !== null || (selection && !selection.isCollapsed && text.contains(selection.anchorNode));
  };

  /** What the blocks show, kept between renders: codings by block, coder keys, the hovered coding, the target block. */
  const shownState = { byBlock: [], keyOf: () => null, hovered: null, target: null };
  const view = textBlocks(text, {
    blocks, render: renderBlock, stripesOf: i => shownState.byBlock[i]?.length ?? 0, holding: () => mouseHeld,
  });

  function renderText() {
    performance.mark('document-render-start');
    const keys = layer === 'all' ? coderKeys(codings, members) : new Map();
    shownState.keyOf = coding => (keys.size > 1 ? keys.get(coding.coder) : null);
    shownState.byBlock = codingsByBlock(blocks, codings, view.indexAt);
    fill(legend, coderLegend(keys) ?? '');
    fill(density, densityBar(doc.text.length, codings, goTo));
    tree.update(countsByCode(), pending !== null);
    view.refresh();
    performance.measure('document-render', 'document-render-start');
  }

  /** One turn (or paragraph, or part of a long one): its stripes, its speaker, its text cut at coding boundaries. */
  function renderBlock(i) {
    const block = blocks[i];
    const { unit } = block;
    const inside = shownState.byBlock[i] ?? [];
    const hovered = shownState.hovered;
    const format = markdown ? markdownOf(doc.text, block.start, block.end) : null;
    const spans = pieces(block, inside, format ? [...marks, ...format.marks] : marks, format?.lines).map(p => {
      const top = p.covering.at(-1);
      const color = top ? codeById.get(top.codeId)?.color : null;
      const hover = hovered && p.start >= hovered.start && p.end <= hovered.end ? 'hover-mark' : null;
      return h('span', {
        'data-start': p.start, 'data-end': p.end,
        class: [top ? 'coded' : null, ...p.marks, hover].filter(Boolean).join(' ') || null,
        style: top ? { background: tintOf(color), borderBottomColor: markColor(color) } : null,
        title: top ? p.covering.map(c => codeById.get(c.codeId)?.name).join(', ') : null,
        'aria-hidden': p.marks.includes('md-marker') ? 'true' : null, // a heading's name is its words, not "#"
      }, doc.text.slice(p.start, p.end));
    });
    const target = shownState.target !== null && block.start <= shownState.target
      && (shownState.target < block.end || i === blocks.length - 1);
    const who = unit.speaker ?? 'Paragraph';
    return h('div', { class: 'turn' },
      h('div', { class: 'stripes', 'aria-label': 'Codings of this passage' },
        inside.map(c => stripe(c, codeById.get(c.codeId), shownState.keyOf(c), { onclick: () => showCoding(c), onhover: markCoding }))),
      h('div', { class: 'speaker' }, block.first ? unit.speaker ?? '' : '',
        block.first && unit.timestamp ? h('span', { class: 'time' }, unit.timestamp) : null),
      h('div', {
        class: target ? 'said target' : 'said', tabindex: 0, 'data-unit-start': block.start, 'data-unit-end': block.end,
        'aria-label': `${who}${unit.timestamp ? ' at ' + unit.timestamp : ''}${block.first ? '' : ' (continued)'}: Enter codes this passage, Shift+arrow keys select words`,
      }, format ? formatLines(format.lines, spans, h) : spans));
  }

  /**
   * Hovering (or focusing) a stripe marks the text of its coding; the pieces are cut at coding boundaries. Blocks
   * rendered while the stripe is hovered mark it too (renderBlock reads the hovered coding).
   */
  function markCoding(coding, on) {
    shownState.hovered = on ? coding : null;
    for (const passage of text.querySelectorAll('.said')) {
      if (Number(passage.dataset.unitStart) >= coding.end || Number(passage.dataset.unitEnd) <= coding.start) continue;
      for (const span of passage.querySelectorAll('[data-start]')) {
        const inside = Number(span.dataset.start) >= coding.start && Number(span.dataset.end) <= coding.end;
        span.classList.toggle('hover-mark', on && inside);
      }
    }
  }

  function showCoding(coding) {
    const code = codeById.get(coding.codeId);
    showDetails(
      h('h2', {}, h('span', { class: 'swatch', style: { background: markColor(code?.color) }, 'aria-hidden': 'true' }), code?.name ?? 'Code'),
      h('p', { class: 'muted' }, `${coding.coder} · characters ${coding.start}–${coding.end}`),
      h('blockquote', {}, doc.text.slice(coding.start, coding.end)),
      coding.coder === me.username && coding.layer === 'CODER' ? boundaryEditor(coding, code) : null,
      coding.coder === me.username && coding.layer === 'CODER' ? removalControl(coding, code) : null,
      memoSection('CODING', coding.id, 'Memos on this coding'),
      h('button', { type: 'button', class: 'secondary', onclick: idle }, 'Back to document memos'));
  }
  /**
   * *Remove this coding*: when memos go with it, first says how many and asks again; after the removal, Undo puts the
   * coding back with its memos (the server restores the same range, code and layer, under a new id).
   */
  function removalControl(coding, code) {
    const box = h('div', { class: 'removal' });
    const remove = async () => {
      await api(`/projects/${pid}/codings/${coding.id}`, { method: 'DELETE' });
      codings.splice(codings.indexOf(coding), 1);
      renderText();
      showDetails(undoOffer(`Removed the coding “${code?.name}”.`, async () => {
        const restored = await api(`/projects/${pid}/codings/${coding.id}/restore`, { method: 'POST' });
        if (layer === 'mine' || layer === 'all') codings.push(restored);
        renderText();
        showCoding(restored);
        details.prepend(h('p', { class: 'ok', role: 'status' }, `Put back the coding “${code?.name}”.`));
        return null;
      }));
    };
    const ask = h('button', { type: 'button', class: 'secondary', onclick: () => act(ask, async () => {
      const memos = await api(`/projects/${pid}/memos?targetType=CODING&targetId=${coding.id}`);
      if (memos.length === 0) return remove();
      const n = memos.length === 1 ? '1 memo' : `${memos.length} memos`;
      const confirm = h('button', { type: 'button', class: 'danger', onclick: () => act(confirm, remove) },
        `Remove the coding and its ${n}`);
      fill(box, h('div', { class: 'danger', role: 'group', 'aria-label': 'Confirm the removal' },
        h('p', {}, `This coding has ${n}; removing the coding removes ${memos.length === 1 ? 'it' : 'them'} too.`),
        confirm, h('button', { type: 'button', class: 'secondary', onclick: () => fill(box, ask) }, 'Keep the coding')));
      confirm.focus();
      return null;
    }) }, 'Remove this coding');
    box.append(ask);
    return box;
  }

  /** Moves the start or end of one's own coding word by word, previews the text, and saves the new boundaries. */
  function boundaryEditor(coding, code) {
    let start = coding.start;
    let end = coding.end;
    // a boundary never leaves its turn's text: the start stays in the start's turn, the end in the end's
    const startUnit = unitAt(units, coding.start);
    const endUnit = unitAt(units, coding.end - 1);
    const preview = h('blockquote', { class: 'boundary-preview' });
    const status = h('p', { class: 'muted', 'aria-live': 'polite' });
    const refresh = () => {
      fill(preview, h('span', { class: 'muted' }, doc.text.slice(Math.max(0, start - 40), start)),
        h('mark', {}, doc.text.slice(start, end)), h('span', { class: 'muted' }, doc.text.slice(end, end + 40)));
      status.textContent = start === coding.start && end === coding.end ? '' : `New boundaries ${start}–${end}, not saved yet.`;
    };
    const step = (label, move) => h('button', { type: 'button', class: 'secondary', onclick: () => {
      const next = move();
      const range = trimmed(doc.text, next.start, next.end);
      if (range) { start = range.start; end = range.end; refresh(); }
    } }, label);
    const save = h('button', { type: 'button', onclick: () => act(save, async () => {
      const saved = await api(`/projects/${pid}/codings/${coding.id}`, { method: 'PUT', body: { start, end, version: coding.version } });
      codings.splice(codings.indexOf(coding), 1, saved);
      renderText();
      showCoding(saved);
      details.prepend(h('p', { class: 'ok', role: 'status' }, `Changed the boundaries of “${code?.name}”.`));
    }) }, 'Save boundaries');
    refresh();
    return h('details', { class: 'boundaries' }, h('summary', {}, 'Change boundaries'),
      h('div', { class: 'boundary-steps', role: 'group', 'aria-label': 'Boundaries' },
        step('Start one word earlier', () => ({ start: previousWordStart(doc.text, start, Math.min(start, startUnit.start)), end })),
        step('Start one word later', () => ({ start: nextWordEnd(doc.text, start, end), end })),
        step('End one word earlier', () => ({ start, end: previousWordStart(doc.text, end, start) })),
        step('End one word later', () => ({ start, end: nextWordEnd(doc.text, end, Math.max(end, endUnit.end)) }))),
      preview, status, save);
  }

  /**
   * Codes the pending selection in the coder's own layer. Every control that applies a code is busy while it is
   * sent, so a double click or a second Enter does not send it twice. The focus then returns to the coded passage,
   * so a keyboard coder goes on from where they were.
   */
  function applyCode(code) {
    const range = pending;
    if (!range) return undefined;
    // a refusal is shown where the coder looks: beside the picker's filter, else beside the code clicked in the tree
    const shownAt = picker?.input ?? document.querySelector(`.code-apply[data-code-id="${code.id}"]`);
    const controls = [shownAt, ...document.querySelectorAll('.code-apply, .in-vivo, .picker-list button')].filter(Boolean);
    return act([...new Set(controls)], async () => {
      const created = await api(`/projects/${pid}/codings`, { method: 'POST', body: { documentId: doc.id, codeId: code.id, start: range.start, end: range.end } });
      if (layer === 'mine' || layer === 'all') codings.push(created);
      recent.use(code.id);
      window.getSelection()?.removeAllRanges();
      showDetails(h('p', { role: 'status' }, `Coded as “${code.name}”`
        + (layer === 'mine' || layer === 'all' ? '.' : ' in your own layer (switch to “My codings” to see it).')));
      renderText();
      passageAt(range.start)?.focus({ preventScroll: true });
    });
  }

  /** In-vivo coding: the selected words become a new top-level code (or the one of that name), applied to them. */
  async function inVivo() {
    if (!pending) return;
    const name = inVivoName(doc.text.slice(pending.start, pending.end));
    if (!name) return;
    let code = codes.find(c => c.parentId === null && c.name.toLowerCase() === name.toLowerCase());
    if (!code) {
      code = await act([...document.querySelectorAll('.in-vivo')], () => api(`/projects/${pid}/codes`, { method: 'POST', body: { name } }));
      if (!code) return; // refused (said beside the button), or already being created by an earlier click
      codes.push(code);
      codeById.set(code.id, code);
    }
    await applyCode(code);
  }

  function openPicker(range, { focus }) {
    pending = range;
    const ordered = [...recent.ids.map(id => codeById.get(id)).filter(Boolean), ...codes.filter(c => !recent.ids.includes(c.id))];
    const input = h('input', { id: 'code-filter', autocomplete: 'off', 'aria-describedby': 'picker-help' });
    const list = h('ol', { class: 'picker-list' });
    const filtered = () => {
      const wanted = input.value.trim().toLowerCase();
      return ordered.filter(c => c.name.toLowerCase().includes(wanted) || (c.path ?? '').toLowerCase().includes(wanted));
    };
    // every code of the tree, sub-codes and their parents alike; the list scrolls
    const refresh = () => fill(list, ...filtered().map((c, i) => h('li', {},
      h('button', { type: 'button', onclick: () => applyCode(c) },
        h('span', { class: 'swatch', style: { background: markColor(c.color) }, 'aria-hidden': 'true' }),
        i < 9 ? `${i + 1}. ${c.name}` : c.name,
        c.parentId !== null && c.path ? h('span', { class: 'muted code-path' }, ` (in ${c.path.slice(0, c.path.lastIndexOf(' > '))})`) : null))));
    const keys = event => {
      if (event.key === 'Enter' && filtered().length) { event.preventDefault(); applyCode(filtered()[0]); }
      else if (event.key === 'Escape') { event.preventDefault(); const back = passageAt(range.start); idle(); back?.focus({ preventScroll: true }); }
      else if (/^[1-9]$/.test(event.key) && input.value === '') {
        event.preventDefault();
        const choice = filtered()[Number(event.key) - 1];
        if (choice) applyCode(choice);
      } else return false;
      return true;
    };
    input.addEventListener('input', refresh);
    input.addEventListener('keydown', keys);
    refresh();
    fill(details,
      h('h2', {}, 'Code the selection'),
      h('blockquote', {}, doc.text.slice(range.start, range.end)),
      h('label', { for: 'code-filter' }, 'Code'), input,
      h('p', { id: 'picker-help', class: 'muted' }, 'Type to filter, Enter for the first match, 1–9 for a listed code, Esc to cancel.'),
      ...(mayEditCodebook ? [h('button', { type: 'button', class: 'secondary in-vivo', onclick: () => inVivo() }, 'New code from selection')] : []),
      list);
    picker = { input, keys };
    tree.update(countsByCode(), true);
    if (focus) input.focus();
  }

  /** The passage holding an offset, when it is rendered. */
  function passageAt(offset) {
    return view.element(view.indexAt(offset))?.querySelector('.said') ?? null;
  }

  // A mouse selection opens the picker but leaves the words selected (so they can be dragged onto a code in the
  // tree); typing goes to the picker's filter, as it did when the picker took the focus.
  text.addEventListener('mouseup', () => {
    const range = selectedRange(text);
    if (range) openPicker(range, { focus: false });
    else if (picker) idle(); // a click beside the selection drops it: nothing waits for a code any more
  });
  text.addEventListener('dragstart', event => {
    const range = selectedRange(text);
    if (!range) { event.preventDefault(); return; }
    pending = range;
    event.dataTransfer.effectAllowed = 'copy';
  });
  const typeIntoPicker = event => {
    if (!text.isConnected) { document.removeEventListener('keydown', typeIntoPicker); return; }
    // keys meant for a control (a code in the tree, a field) stay there
    if (!picker || event.target.closest?.('input, textarea, select, button, a, summary')) return;
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    if (picker.keys(event)) return;
    if (event.key.length === 1) picker.input.focus(); // the key's character then lands in the filter
  };
  document.addEventListener('keydown', typeIntoPicker);
  // Keyboard coding without a mouse: ↑/↓ move between passages; inside a passage ←/→ move a caret word by word and
  // Shift+←/→ select words from where the caret was; Enter codes the selection, or the whole passage if none.
  let caret = null;
  text.addEventListener('focusin', event => {
    const passage = event.target.closest?.('.said');
    if (passage && caret?.passage !== passage) caret = null;
  });
  text.addEventListener('keydown', event => {
    const passage = event.target.closest?.('.said');
    if (!passage) return;
    const unitStart = Number(passage.dataset.unitStart);
    const unitEnd = Number(passage.dataset.unitEnd);
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      const next = view.indexAt(unitStart) + (event.key === 'ArrowDown' ? 1 : -1);
      if (next >= 0 && next < blocks.length) {
        event.preventDefault();
        (view.element(next) ?? view.reveal(next, 'nearest'))?.querySelector('.said')?.focus();
      }
    } else if (event.key === 'ArrowRight' || event.key === 'ArrowLeft') {
      event.preventDefault();
      caret ??= { passage, anchor: unitStart, at: unitStart };
      caret.at = event.key === 'ArrowRight' ? nextWordEnd(doc.text, caret.at, unitEnd) : previousWordStart(doc.text, caret.at, unitStart);
      if (!event.shiftKey) caret.anchor = caret.at;
      const range = trimmed(doc.text, Math.min(caret.anchor, caret.at), Math.max(caret.anchor, caret.at));
      showSelection(passage, range?.start ?? caret.at, range?.end ?? caret.at);
    } else if (event.key === 'Enter') {
      event.preventDefault();
      event.stopPropagation(); // the picker it opens takes the key no further
      caret = null;
      openPicker(selectedRange(text) ?? { start: unitStart, end: unitEnd }, { focus: true });
    }
  });

  const layerSelect = h('select', { id: 'layer' }, choices.map(choice => h('option', { value: choice.value }, choice.label)));
  layerSelect.value = layer;
  layerSelect.addEventListener('change', async () => {
    layer = layerSelect.value;
    // remembered for this project and kept in the address, so a reload (or a copied link) shows the same layer
    try { localStorage.setItem(`margin.layer.${pid}`, layer); } catch { /* private mode: this page only */ }
    history.replaceState(null, '', withParam(location.hash, 'layer', layer));
    marks = marks.filter(m => m.kind !== 'opened-coding'); // that coding may not be in the layer now shown
    try {
      const shown = await api(`/projects/${pid}/codings?documentId=${did}${layerQuery(layer, me)}`);
      codings.splice(0, codings.length, ...shown);
      renderText();
      showDetails(h('p', { class: 'muted' }, `Showing ${layerSelect.selectedOptions[0].textContent}: ${count(shown.length, 'coding')}.`));
    } catch (error) { showError(error); }
  });
  if (opened) showCoding(opened); else idle();

  const meta = [doc.kind === 'FIELD_NOTE' ? 'field note' : doc.kind.toLowerCase(), doc.caseName, doc.date, doc.place, doc.author]
    .filter(Boolean).join(' · ');
  show(
    h('p', {}, h('a', { href: `#/projects/${pid}` }, '← Project')),
    h('h1', {}, doc.title),
    h('p', { class: 'muted' }, meta),
    h('div', { class: 'layer-bar' }, h('p', { class: 'layer-switch' }, h('label', { for: 'layer' }, 'Layer '), layerSelect), legend),
    h('div', { class: 'viewer' }, tree.element, h('div', { class: 'card document-card' }, density, text), details),
  );
  renderText(); // once on the page: which blocks to render depends on where the text is on screen
  if (at !== undefined || marks.length) goTo(at ?? marks[0].start, { mark: true });

  // Live co-coding: what others change here and this member may see appears without a reload (js/live.js). Redrawing
  // the text would take away a selection being made, so while the coder selects (mouse held in the text, words
  // selected, the picker open) the redraw waits until the selection is done.
  let redrawWaiting = false;
  const redrawCodings = async () => {
    if (selecting()) { redrawWaiting = true; return; }
    redrawWaiting = false;
    try {
      const shown = await api(`/projects/${pid}/codings?documentId=${did}${layerQuery(layer, me)}`);
      if (selecting()) { redrawWaiting = true; return; } // the coder began selecting while it was read
      codings.splice(0, codings.length, ...shown);
      renderText();
      tree.update(countsByCode(), pending !== null);
    } catch (error) { showError(error); }
  };
  const selectionDone = () => { if (redrawWaiting && !selecting()) redrawCodings(); };
  afterSelection = selectionDone;
  const mouseDown = () => { mouseHeld = true; };
  const mouseUp = () => { mouseHeld = false; setTimeout(selectionDone, 0); };
  text.addEventListener('mousedown', mouseDown);
  window.addEventListener('mouseup', mouseUp);
  document.addEventListener('selectionchange', selectionDone);
  const stopLive = followProject(pid, {
    onCodings: documentIds => {
      if (!text.isConnected) return stopFollowing();
      if (documentIds.includes(doc.id) || documentIds.includes(null)) redrawCodings();
    },
    onMemos: () => (text.isConnected ? [...memoLoads].forEach(load => load()?.catch?.(showError)) : stopFollowing()),
    // a code added, renamed, recoloured, moved, merged or deleted: the tree, the picker and the stripes' names follow
    onCodebook: () => (text.isConnected ? api(`/projects/${pid}/codes`).then(async fresh => {
      codes.splice(0, codes.length, ...fresh);
      codeById.clear();
      fresh.forEach(c => codeById.set(c.id, c));
      const focused = text.contains(document.activeElement) ? document.activeElement.dataset.unitStart : undefined;
      await redrawCodings(); // the redraw replaces the passages: the one the coder was on keeps the focus
      if (focused !== undefined) text.querySelector(`[data-unit-start="${focused}"]`)?.focus({ preventScroll: true });
    }).catch(showError) : stopFollowing()),
  });
  function stopFollowing() {
    stopLive();
    window.removeEventListener('mouseup', mouseUp);
    document.removeEventListener('selectionchange', selectionDone);
  }
  window.addEventListener('hashchange', stopFollowing, { once: true });

  /** Opens the document at one place (from a search hit, a code's segment list or the density bar): that passage, focused. */
  function goTo(offset, { mark } = {}) {
    const index = view.indexAt(Math.min(offset, doc.text.length));
    if (mark) shownState.target = offset; // kept by the block when it is rendered again
    const passage = view.reveal(index)?.querySelector('.said');
    if (!passage) return;
    if (mark) passage.classList.add('target');
    passage.focus({ preventScroll: true });
  }
}
