// Co-occurrence: code × code (overlap, same unit, within N words), code × attribute and code × document as heatmap
// tables over a chosen layer; every matrix downloads as CSV.
//
// What a click on a cell opens shows what the cell counted, with the same number:
// - code × code, off the diagonal: the cell counts pairs of segments (one of each code, in one document and ONE layer:
//   a coder's codings are paired only with that coder's, the master layer's with the master layer's; "every layer"
//   adds up each layer's pairs). A search cannot show that — it counts passages or segments, and two codes' segments
//   overlapping ten times can lie in two passages — so the click lists the pairs themselves below the matrix
//   (GET …/cooccurrence/pairs with the matrix's mode, unit, distance and filters): its total is the cell's number, its
//   document count the "Documents" cell's;
// - the diagonal and the code × attribute / code × document cells count segments of one code: they open the search
//   of that code's segments (scope "Segments of one code") with the same layer and filters, whose "N segments found"
//   is the cell's number (and whose per-document list holds the cell's documents).
import { api, ApiError } from './api.js';
import { count, h, fill } from './dom.js';
import { documentHref, layerOf } from './links.js';

/** Background and text colour for a cell: darker for larger values, text white on dark cells (WCAG AA). */
function heat(value, max) {
  const share = max > 0 ? value / max : 0;
  return { background: `rgba(31, 95, 168, ${(0.08 + 0.85 * share).toFixed(3)})`, color: share > 0.5 ? '#ffffff' : '#1d2430' };
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Whose codings a matrix counts, as search filters: every layer the caller may see (each coder's codings counted
 * apart, so two coders' codings of one passage count twice), one coder's layer, or the master layer.
 */
function layerChoices(project, members, me) {
  const supervises = project.role === 'SUPERVISOR' || project.role === 'OWNER';
  const choices = [{ filter: '', label: supervises ? 'Every coder’s layer' : 'Every layer you may see' },
    { filter: `coder:${me.username}`, label: 'My codings' }];
  if (supervises) {
    for (const m of members.filter(m => m.username !== me.username)) {
      choices.push({ filter: `coder:${m.username}`, label: `${m.displayName ?? m.username} (${m.username})` });
    }
  }
  choices.push({ filter: 'coder:master', label: 'Master layer (adjudicated)' });
  return choices;
}

const quoted = text => `"${String(text).replace(/"/g, '')}"`;

/** Words characteristic of a code: over-represented in its segments against the rest of the corpus (G²). */
async function keywordsCard(pid, query, showError) {
  const codes = await api(`/projects/${pid}/codes`);
  const code = h('select', { id: 'keywords-code' }, codes.map(c => h('option', { value: c.id }, c.path)));
  const list = h('div', { 'aria-live': 'polite' });
  const run = async () => {
    try {
      const params = new URLSearchParams({ codeId: code.value, limit: 25 });
      if (query()) params.set('q', query());
      const result = await api(`/projects/${pid}/keywords?${params}`);
      fill(list, result.words.length === 0 ? h('p', { class: 'muted' }, 'No words stand out in this code’s segments.')
        : h('table', { class: 'counts keywords' },
          h('thead', {}, h('tr', {}, ['Word', 'In the code', 'Elsewhere', 'G²'].map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, result.words.map(w => h('tr', {}, h('td', {}, w.term), h('td', { class: 'number' }, w.targetCount),
            h('td', { class: 'number' }, w.referenceCount), h('td', { class: 'number' }, w.logLikelihood.toFixed(1)))))));
    } catch (error) { showError(error); }
  };
  code.addEventListener('change', run);
  return h('section', { class: 'card', 'aria-labelledby': 'keywords-heading' },
    h('h2', { id: 'keywords-heading' }, 'Words characteristic of a code'),
    h('p', { class: 'muted' }, 'Words over-represented in the code’s segments against the rest of the corpus (log-likelihood G²).'),
    h('label', { for: 'keywords-code' }, 'Code '), code,
    h('button', { type: 'button', class: 'secondary', onclick: run }, 'Show words'), list);
}

export async function analysisView(pid, { show, showError }) {
  const [project, cases, me, members] = await Promise.all([api(`/projects/${pid}`), api(`/projects/${pid}/cases`),
    api('/me'), api(`/projects/${pid}/members`)]);
  const attributes = [...new Set(cases.flatMap(c => Object.keys(c.attributes ?? {})))].sort();
  const field = (id, label, control) => h('span', { class: 'field' }, h('label', { for: id }, label), control);
  const kind = h('select', { id: 'matrix-kind' }, h('option', { value: 'codes' }, 'Code × code'),
    h('option', { value: 'attributes' }, 'Code × attribute'), h('option', { value: 'documents' }, 'Code × document'));
  const mode = h('select', { id: 'matrix-mode' }, h('option', { value: 'overlap' }, 'Segments overlap'),
    h('option', { value: 'unit' }, 'In the same unit'), h('option', { value: 'proximity' }, 'Within N words'));
  const unit = h('select', { id: 'matrix-unit' }, ['turn', 'paragraph', 'sentence', 'document'].map(u => h('option', { value: u }, u)));
  const distance = h('input', { id: 'matrix-distance', type: 'number', min: 0, value: 20 });
  const attribute = h('select', { id: 'matrix-attribute' }, attributes.map(a => h('option', { value: a }, a)));
  const cell = h('select', { id: 'matrix-cell' });
  const q = h('input', { id: 'matrix-q', type: 'search', placeholder: 'e.g. attr.gender:female or kind:transcript' });
  const layers = layerChoices(project, members, me);
  const layer = h('select', { id: 'matrix-layer' }, layers.map(l => h('option', { value: l.filter }, l.label)));
  /** The search filter of the chosen layer and the researcher's own filter: what every count below is over. */
  const query = () => [layer.value, q.value.trim()].filter(Boolean).join(' ');
  const layerLabel = () => layers.find(l => l.filter === layer.value)?.label ?? '';
  const codeOptions = h('span', { class: 'matrix-options' }, field('matrix-mode', 'Co-occur when ', mode),
    field('matrix-unit', 'Unit ', unit), field('matrix-distance', 'Words ', distance));
  const attributeOptions = field('matrix-attribute', 'Attribute ', attribute);
  const table = h('div', { class: 'heatmap-wrap', 'aria-live': 'polite' });
  const pairsBox = h('section', { class: 'card cell-pairs', 'aria-labelledby': 'pairs-heading', hidden: true });
  const everyLayer = () => layer.value === '';

  function syncControls() {
    codeOptions.hidden = kind.value !== 'codes';
    attributeOptions.hidden = kind.value !== 'attributes';
    unit.parentElement.hidden = mode.value !== 'unit';
    distance.parentElement.hidden = mode.value !== 'proximity';
    const cells = kind.value === 'codes' ? [['segments', 'Segment pairs'], ['documents', 'Documents']]
      : kind.value === 'attributes' ? [['segments', 'Segments'], ['documents', 'Documents'], ['row_percent', 'Row %'], ['column_percent', 'Column %']]
        : [['segments', 'Segments'], ['row_percent', 'Row %'], ['column_percent', 'Column %']];
    const keep = cell.value;
    fill(cell, ...cells.map(([value, label]) => h('option', { value }, label)));
    if (cells.some(([value]) => value === keep)) cell.value = keep;
  }

  function path() {
    const params = new URLSearchParams();
    if (query()) params.set('q', query());
    if (kind.value === 'codes') {
      params.set('mode', mode.value);
      params.set('unit', unit.value);
      params.set('distance', distance.value || '0');
      return `/projects/${pid}/cooccurrence?${params}`;
    }
    if (kind.value === 'attributes') {
      params.set('attribute', attribute.value);
      return `/projects/${pid}/cooccurrence/attributes?${params}`;
    }
    return `/projects/${pid}/cooccurrence/documents?${params}`;
  }

  /** The search of one code's segments behind a cell of segments (the diagonal, code × attribute, code × document). */
  function searchLink(code, column) {
    const params = new URLSearchParams({ scope: 'code', code: code.path });
    const narrowing = kind.value === 'attributes' ? `attr.${attribute.value}:${quoted(column)}`
      : kind.value === 'documents' ? `doc:${column.id}` : '';
    params.set('q', [narrowing, query()].filter(Boolean).join(' '));
    return `#/projects/${pid}/search?${params}`;
  }

  /** When two segments co-occur, as the answer (matrix or pairs) says it counted them. */
  const modeText = result => result.mode === 'unit' ? `in the same ${result.unit}`
    : result.mode === 'proximity' ? `within ${count(result.distance, 'word')} of each other` : 'that overlap';

  /** Lists below the matrix the segment pairs one code × code cell counted: as many as the cell shows. */
  async function showPairs(first, second) {
    const params = new URLSearchParams({ first: first.id, second: second.id, mode: mode.value, unit: unit.value,
      distance: distance.value || '0', limit: 200 });
    if (query()) params.set('q', query());
    try {
      const result = await api(`/projects/${pid}/cooccurrence/pairs?${params}`);
      showError(null);
      renderPairs(result);
    } catch (error) { showError(error); }
  }

  function renderPairs(result) {
    const segment = s => h('td', {}, s.text ?? '', ' ', h('span', { class: 'muted' }, `(${s.start}–${s.end})`));
    pairsBox.hidden = false;
    fill(pairsBox,
      h('h2', { id: 'pairs-heading' }, `${count(result.total, 'segment pair')} of ${result.first.name} × ${result.second.name}`),
      h('p', { class: 'muted' }, `What the cell counted: pairs of a segment of each code ${modeText(result)}, in one document and one `
        + `layer (${layerLabel()}${everyLayer() ? ': each layer’s pairs counted apart' : ''}) · `
        + `in ${count(result.documents, 'document')}`
        + (result.pairs.length < result.total ? ` · the first ${result.pairs.length} listed` : '')),
      result.pairs.length === 0 ? null : h('div', { class: 'table-scroll' }, h('table', { class: 'pairs' },
        h('thead', {}, h('tr', {}, ['Document', 'Layer', result.first.name, result.second.name, ''].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, result.pairs.map(p => h('tr', {},
          h('td', {}, p.documentTitle), h('td', {}, p.layer === 'MASTER' ? 'master' : p.coder),
          segment(p.first), segment(p.second),
          h('td', {}, h('a', { href: documentHref(pid, p.documentId, { at: Math.min(p.first.start, p.second.start),
            layer: layerOf(p.layer, p.coder), coding: p.first.codingId, marks: [p.first, p.second] }) }, 'Open'))))))));
    pairsBox.scrollIntoView({ block: 'nearest' });
  }

  function render(result) {
    const columns = kind.value === 'codes' ? result.codes : kind.value === 'attributes' ? result.values : result.documents;
    const label = column => kind.value === 'codes' ? column.name : kind.value === 'attributes' ? column : column.title;
    const values = {
      segments: kind.value === 'codes' ? result.matrix : result.segments, documents: result.documents,
      row_percent: result.rowPercent, column_percent: result.columnPercent,
    }[cell.value];
    const max = Math.max(0, ...values.flatMap((row, i) => row.filter((_, j) => kind.value !== 'codes' || i !== j)));
    const format = v => cell.value.endsWith('percent') ? v.toFixed(1) : String(v);
    // whose codings are counted, in the caption: with every layer, each coder's are counted apart and added
    const layers = everyLayer() ? (kind.value === 'codes' ? '; pairs only inside one layer, each layer’s added'
      : '; each coder’s segments counted apart') : '';
    pairsBox.hidden = true;
    fill(table, h('table', { class: 'heatmap' },
      h('caption', {}, `${layerLabel()}: `, kind.value === 'codes' ? `${count(result.segments, 'coded segment')}; a cell: `
        + `${cell.value === 'documents' ? 'documents with ' : ''}pairs of segments ${modeText(result)}; diagonal: segments (or documents) of each code`
        : kind.value === 'attributes' ? `codes by ${result.attribute}` : 'codes by document', layers),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Code'), columns.map(c => h('th', { scope: 'col' }, label(c))))),
      h('tbody', {}, result.codes.map((code, i) => h('tr', {}, h('th', { scope: 'row' }, code.path),
        values[i].map((value, j) => {
          const diagonal = kind.value === 'codes' && i === j;
          const pairs = kind.value === 'codes' && !diagonal;
          const link = value <= 0 ? format(value) : pairs
            ? h('button', { type: 'button', class: 'cell-link', title: `List the pairs: ${code.name} × ${label(columns[j])}`,
              onclick: () => showPairs(code, columns[j]) }, format(value))
            : h('a', { href: searchLink(code, columns[j]), title: `Open the segments: ${code.name}${diagonal ? '' : ` × ${label(columns[j])}`}` }, format(value));
          return h('td', { class: diagonal ? 'diagonal' : null, style: diagonal ? null : heat(value, max) }, link);
        }))))));
  }

  let latest = 0;
  /** Shows the matrix for the current controls; an answer to an older request (controls changed since) is dropped. */
  async function run() {
    const request = ++latest;
    try {
      const result = await api(path());
      if (request !== latest) return;
      render(result);
      showError(null);
    } catch (error) { if (request === latest) showError(error); }
  }

  async function download(mediaType, extension) {
    const filePath = `/api/v1${path()}${path().includes('?') ? '&' : '?'}cell=${cell.value}`;
    const response = await fetch(filePath, { headers: { Accept: mediaType, 'X-Margin-Request': '1' }, credentials: 'same-origin' });
    if (!response.ok) {
      const problem = await response.json().catch(() => ({}));
      showError(new ApiError(response.status, problem.detail ?? `Margin could not make the file (${response.status}).`));
      return;
    }
    const link = h('a', { href: URL.createObjectURL(await response.blob()), download: `margin-${kind.value}-matrix.${extension}` });
    document.body.append(link);
    link.click();
    link.remove();
  }

  for (const control of [kind, mode, unit, cell, attribute, layer]) control.addEventListener('change', () => { syncControls(); run(); });
  const form = h('form', { class: 'card matrix-form' },
    h('div', { class: 'matrix-options' }, field('matrix-layer', 'Codings of ', layer), field('matrix-kind', 'Matrix ', kind),
      codeOptions, attributeOptions, field('matrix-cell', 'Cells ', cell)),
    h('div', { class: 'matrix-options' }, field('matrix-q', 'Only segments matching ', q),
      h('button', { type: 'submit' }, 'Show'),
      h('button', { type: 'button', class: 'secondary', onclick: () => download('text/csv', 'csv') }, 'Download CSV'),
      h('button', { type: 'button', class: 'secondary', onclick: () => download(XLSX, 'xlsx') }, 'Download XLSX')));
  form.addEventListener('submit', event => { event.preventDefault(); run(); });
  syncControls();
  show(h('p', {}, h('a', { href: `#/projects/${pid}` }, '← Project')), h('h1', {}, `Co-occurrence in ${project.name}`),
    form, h('section', { class: 'card' }, table), pairsBox, await keywordsCard(pid, query, showError));
  await run();
}
