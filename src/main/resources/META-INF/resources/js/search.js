// The search page: one query box (Margin's query language), scope and hit unit, keyword-in-context lines grouped by
// document with counts per document and code, paging, and auto-coding of the hits with a preview and undo.
import { api } from './api.js';
import { act, h, undoOffer, count, showProblemBeside, clearProblemBeside, fill } from './dom.js';
import { documentHref, layerOf } from './links.js';

const PAGE_SIZE = 25;

/** A KWIC line with its matches marked; text only, never HTML. */
function kwic(hit) {
  const parts = [];
  let at = 0;
  for (const mark of hit.highlights) {
    parts.push(hit.snippet.slice(at, mark.start), h('mark', {}, hit.snippet.slice(mark.start, mark.end)));
    at = mark.end;
  }
  parts.push(hit.snippet.slice(at));
  return parts;
}

/** A hit opens its document at the hit, its words marked; a segment hit in the layer of its coding, that coding shown. */
function hitHref(pid, hit) {
  return documentHref(pid, hit.documentId, {
    at: hit.start, marks: hit.matches,
    ...(hit.codingId ? { layer: layerOf(hit.layer, hit.coder), coding: hit.codingId } : {}),
  });
}

function help() {
  const rows = [
    ['broker', 'a word, also its other forms (brokers, broker’s); 브로커 also finds 브로커에게'],
    ['"glass ceiling"', 'a phrase'], ['"money broker"~5', 'words within 5 positions of each other'],
    ['broker AND NOT debt', 'AND, OR, NOT and (brackets); words side by side are joined by AND'],
    ['restaur*  kitch?n  brokr~1', 'wildcards and fuzzy matching'],
    ['code:"Cost and debt"', 'passages coded with a code (code:"The journey/*" adds its sub-codes)'],
    ['coder:demo-coder1  coder:master', 'passages coded in one layer; with code: that layer’s codings of it'],
    ['speaker:P07  kind:field_note  doc:P07  case:P07', 'speaker, kind of document, document title, case'],
    ['attr.gender:female  attr.arrival_year:[2008 TO 2012]', 'case attributes; ranges for numbers'],
  ];
  return h('details', { class: 'query-help' }, h('summary', {}, 'Query language'),
    h('table', {}, h('tbody', {}, rows.map(([example, meaning]) => h('tr', {}, h('td', {}, h('code', {}, example)), h('td', {}, meaning))))));
}

export async function searchView(pid, { show, showError, params }) {
  const [project, codes] = await Promise.all([api(`/projects/${pid}`), api(`/projects/${pid}/codes`)]);
  const mayCode = project.role !== 'VIEWER';
  const query = h('input', { id: 'search-q', type: 'search', autocomplete: 'off', value: params.get('q') ?? '' });
  const scope = h('select', { id: 'search-scope' },
    h('option', { value: 'all' }, 'All text'), h('option', { value: 'coded' }, 'Coded segments only'),
    h('option', { value: 'code' }, 'Segments of one code'));
  scope.value = params.get('scope') ?? 'all';
  const scopeCode = h('select', { id: 'search-code' }, codes.map(c => h('option', { value: c.path }, c.path)));
  if (params.get('code')) scopeCode.value = params.get('code');
  const unit = h('select', { id: 'search-unit' },
    h('option', { value: 'turn' }, 'Speaker turn'), h('option', { value: 'paragraph' }, 'Paragraph'),
    h('option', { value: 'sentence' }, 'Sentence'));
  unit.value = params.get('unit') ?? 'turn';
  const codeField = h('span', { class: 'scope-code' }, h('label', { for: 'search-code' }, 'Of the code '), scopeCode);
  const syncScope = () => { codeField.hidden = scope.value !== 'code'; };
  scope.addEventListener('change', syncScope);
  syncScope();
  const results = h('section', { class: 'search-results', 'aria-live': 'polite' });
  const counts = h('div', {});
  const side = h('aside', { class: 'card search-counts' }, counts);
  let page = Number(params.get('page') ?? 1);

  const request = () => ({ q: query.value, scope: scope.value, code: scope.value === 'code' ? scopeCode.value : undefined, unit: unit.value });

  async function run() {
    const r = request();
    const search = new URLSearchParams({ q: r.q, scope: r.scope, unit: r.unit, page, pageSize: PAGE_SIZE });
    if (r.code) search.set('code', r.code);
    history.replaceState(null, '', `#/projects/${pid}/search?${search}`);
    try {
      const found = await api(`/projects/${pid}/search?${search}`);
      showError(null);
      clearProblemBeside(query);
      query.removeAttribute('aria-invalid');
      render(found);
    } catch (error) { refused(error); }
  }

  /**
   * A query that could not run: the results of the one before go (they would read as this query's), and the reason
   * is shown beside the search box, where the researcher is typing.
   */
  function refused(error) {
    fill(results);
    fill(counts);
    side.hidden = true; // the auto-coding panel keeps its state (an Undo) for the next good search
    showError(null);
    query.setAttribute('aria-invalid', 'true');
    showProblemBeside(query, error);
  }

  function render(found) {
    side.hidden = false;
    const byDocument = new Map();
    for (const hit of found.hits) {
      if (!byDocument.has(hit.documentId)) byDocument.set(hit.documentId, []);
      byDocument.get(hit.documentId).push(hit);
    }
    const what = found.scope === 'ALL' ? 'passages' : 'segments';
    fill(results,
      h('p', { class: 'result-count' }, `${count(found.total, what.slice(0, -1))} found` +
        (found.pages > 1 ? ` · page ${found.page} of ${found.pages}` : '')),
      ...[...byDocument.entries()].map(([documentId, hits]) => h('section', { class: 'card hit-group' },
        h('h2', {}, hits[0].documentTitle),
        h('ol', { class: 'hits' }, hits.map(hit => h('li', {},
          h('a', { href: hitHref(pid, hit), class: 'hit' },
            hit.speaker ? h('span', { class: 'hit-speaker' }, `${hit.speaker}: `) : null, ...kwic(hit)),
          hit.coder ? h('span', { class: 'muted' }, ` · ${codes.find(c => c.id === hit.codeId)?.name ?? ''} · ${hit.coder}`) : null)))),
      ),
      found.pages > 1 ? h('nav', { class: 'pager', 'aria-label': 'Pages' },
        h('button', { type: 'button', class: 'secondary', disabled: found.page <= 1, onclick: () => { page--; run(); } }, 'Previous page'),
        h('button', { type: 'button', class: 'secondary', disabled: found.page >= found.pages, onclick: () => { page++; run(); } }, 'Next page'))
        : null);
    fill(counts,
      h('h2', {}, 'Per document'),
      h('table', { class: 'counts' }, h('tbody', {}, found.documents.map(d => h('tr', {},
        h('td', {}, h('a', { href: `#/projects/${pid}/documents/${d.documentId}` }, d.title)), h('td', { class: 'number' }, d.hits))))),
      h('h2', {}, 'Per code'),
      found.codes.length ? h('table', { class: 'counts' }, h('tbody', {}, found.codes.map(c => h('tr', {},
        h('td', {}, c.name), h('td', { class: 'number' }, c.hits))))) : h('p', { class: 'muted' }, 'No coded hits.'));
    if (mayCode && !side.querySelector('.autocode')) side.append(autoCodePanel());
  }

  function autoCodePanel() {
    const code = h('select', { id: 'autocode-code' }, codes.map(c => h('option', { value: c.id }, c.path)));
    const status = h('p', { class: 'muted', role: 'status' });
    const body = () => ({ ...request(), codeId: Number(code.value) });
    // the batch can be undone as long as it exists, so its Undo stays (the removals' Undo goes after a few seconds)
    const undoBatch = (batch, message) => undoOffer(message, async () => {
      const undone = await api(`/projects/${pid}/codings/batches/${batch.batchId}/undo`, { method: 'POST' });
      await run();
      return `Undone: removed ${count(undone.removed, 'coding')}.`;
    }, { seconds: null, inline: true });
    const apply = h('button', { type: 'button', hidden: true, onclick: () => act([apply, preview], async () => {
      const batch = await api(`/projects/${pid}/search/autocode`, { method: 'POST', body: body() });
      apply.hidden = true;
      const skipped = batch.alreadyCoded ? ` (${batch.alreadyCoded} already coded, left as they were)` : '';
      if (batch.created === 0) {
        status.textContent = `Nothing new to code: every hit is already coded with this code in your layer${skipped}.`;
      } else {
        fill(status, undoBatch(batch, `Coded ${count(batch.created, 'segment')} in ${count(batch.documents, 'document')}${skipped}.`));
      }
      await run();
    }) }, 'Apply the code');
    const preview = h('button', { type: 'button', class: 'secondary', onclick: () => act([preview, apply], async () => {
      const plan = await api(`/projects/${pid}/search/autocode/preview`, { method: 'POST', body: body() });
      status.textContent = `This will create ${count(plan.segments, 'segment')} in ${count(plan.documents, 'document')} in your layer`
        + (plan.alreadyCoded ? ` (${plan.alreadyCoded} already coded).` : '.');
      apply.hidden = plan.segments === 0;
    }) }, 'Preview');
    return h('section', { class: 'autocode', 'aria-labelledby': 'autocode-heading' },
      h('h2', { id: 'autocode-heading' }, 'Auto-code the hits'),
      h('p', { class: 'muted' }, 'Applies a code to every hit, at the unit chosen above, in your own layer.'),
      h('label', { for: 'autocode-code' }, 'Code'), code, preview, apply, status);
  }

  const form = h('form', { class: 'card search-form', role: 'search' },
    h('label', { for: 'search-q' }, 'Search'), query,
    h('div', { class: 'search-options' },
      h('label', { for: 'search-scope' }, 'In '), scope, codeField,
      h('label', { for: 'search-unit' }, 'Hit unit '), unit,
      h('button', { type: 'submit' }, 'Search')),
    help());
  form.addEventListener('submit', event => { event.preventDefault(); page = 1; run(); });
  show(
    h('p', {}, h('a', { href: `#/projects/${pid}` }, '← Project')),
    h('h1', {}, `Search ${project.name}`),
    form,
    h('div', { class: 'search-layout' }, results, side));
  query.focus();
  if (params.get('q') !== null) await run();
}
