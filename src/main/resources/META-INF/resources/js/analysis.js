// Co-occurrence: code × code (overlap, same unit, within N words), code × attribute and code × document as heatmap
// tables; a cell opens the segments behind it on the search page; every matrix downloads as CSV.
import { api, ApiError } from './api.js';
import { h } from './dom.js';

/** Background and text colour for a cell: darker for larger values, text white on dark cells (WCAG AA). */
function heat(value, max) {
  const share = max > 0 ? value / max : 0;
  return { background: `rgba(31, 95, 168, ${(0.08 + 0.85 * share).toFixed(3)})`, color: share > 0.5 ? '#ffffff' : '#1d2430' };
}

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const plural = (n, word) => `${n.toLocaleString('en')} ${word}${n === 1 ? '' : 's'}`;

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
      list.replaceChildren(result.words.length === 0 ? h('p', { class: 'muted' }, 'No words stand out in this code’s segments.')
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

  function syncControls() {
    codeOptions.hidden = kind.value !== 'codes';
    attributeOptions.hidden = kind.value !== 'attributes';
    unit.parentElement.hidden = mode.value !== 'unit';
    distance.parentElement.hidden = mode.value !== 'proximity';
    const cells = kind.value === 'codes' ? [['segments', 'Segment pairs'], ['documents', 'Documents']]
      : kind.value === 'attributes' ? [['segments', 'Segments'], ['documents', 'Documents'], ['row_percent', 'Row %'], ['column_percent', 'Column %']]
        : [['segments', 'Segments'], ['row_percent', 'Row %'], ['column_percent', 'Column %']];
    const keep = cell.value;
    cell.replaceChildren(...cells.map(([value, label]) => h('option', { value }, label)));
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

  /** The search that lists the segments behind a cell. */
  function searchLink(code, column) {
    const filter = query() ? ` ${query()}` : '';
    const params = new URLSearchParams({ scope: 'code', code: code.path });
    if (kind.value === 'codes') {
      params.set('scope', 'all');
      params.set('q', `code:${quoted(code.path)} code:${quoted(column.path)}${filter}`);
    } else if (kind.value === 'attributes') {
      params.set('q', `attr.${attribute.value}:${quoted(column)}${filter}`);
    } else {
      params.set('q', `doc:${column.id}${filter}`);
    }
    return `#/projects/${pid}/search?${params}`;
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
    table.replaceChildren(h('table', { class: 'heatmap' },
      h('caption', {}, `${layerLabel()}: `, kind.value === 'codes' ? `${plural(result.segments, 'coded segment')}; diagonal: segments (or documents) of each code`
        : kind.value === 'attributes' ? `codes by ${result.attribute}` : 'codes by document'),
      h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Code'), columns.map(c => h('th', { scope: 'col' }, label(c))))),
      h('tbody', {}, result.codes.map((code, i) => h('tr', {}, h('th', { scope: 'row' }, code.path),
        values[i].map((value, j) => {
          const diagonal = kind.value === 'codes' && i === j;
          return h('td', { class: diagonal ? 'diagonal' : null, style: diagonal ? null : heat(value, max) },
            value > 0 ? h('a', { href: searchLink(code, columns[j]), title: `Open the segments: ${code.name} × ${label(columns[j])}` }, format(value))
              : format(value));
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
    form, h('section', { class: 'card' }, table), await keywordsCard(pid, query, showError));
  await run();
}
