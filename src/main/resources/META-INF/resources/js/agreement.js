// The supervisor's agreement dashboard: set up a round, read its coefficient table (coloured against
// Krippendorff's thresholds), drill into disagreements side by side, adjudicate into the master layer (and undo),
// watch drift per week for a coder pair, download the report.
import { api } from './api.js';
import { act, h, svg, count, fill } from './dom.js';

const UNITS = [
  ['CHARACTER', 'Characters (every character coded or not, as NVivo)'],
  ['SENTENCE', 'Sentences'],
  ['TURN', 'Speaker turns (paragraphs for other documents)'],
  ['PARAGRAPH', 'Paragraphs (lines)'],
  ['DOCUMENT', 'Whole documents'],
];

const fixed = value => (value === null || value === undefined ? '—' : value.toFixed(3));

/** reliable ≥ .800, tentative .667–.800, below: unreliable (Krippendorff 2004). */
function band(alpha) {
  if (alpha === null || alpha === undefined) return 'agree-undefined';
  if (alpha >= 0.8 - 1e-9) return 'agree-reliable';
  if (alpha >= 0.667 - 1e-9) return 'agree-tentative';
  return 'agree-unreliable';
}

export async function agreementView(pid, { show, showError }) {
  const [project, documents, members, codes] = await Promise.all([
    api(`/projects/${pid}`), api(`/projects/${pid}/documents`), api(`/projects/${pid}/members`), api(`/projects/${pid}/codes`),
  ]);
  if (project.role !== 'SUPERVISOR' && project.role !== 'OWNER') {
    show(h('p', {}, h('a', { href: `#/projects/${pid}` }, '← Project')), h('h1', {}, `Agreement in ${project.name}`),
      h('section', { class: 'card' }, h('p', {}, 'Only the project’s supervisors and owners run agreement rounds, '
        + 'compare coders and adjudicate. When a round you code in is revealed, your partners’ layers appear in '
        + 'the document viewer’s layer menu on the round’s documents.')));
    return;
  }
  const codeName = new Map(codes.map(c => [c.id, c.name]));
  const status = h('p', { class: 'ok', role: 'status' });
  const say = text => { status.textContent = text; };
  const roundsCard = h('section', { class: 'card', 'aria-labelledby': 'rounds-heading' });
  const detail = h('div', { class: 'round-detail' });
  let current = null;

  // ---- new round ------------------------------------------------------------------------------------------------
  // Three lists side by side (codes as a tree, documents, coders), each with a filter, Select all / Clear (of the rows
  // shown, so "filter P0, Select all" ticks the P0 interviews) and a count of what is ticked; the round's name and
  // options above. Ticking a code ticks only that code (a round may compare a parent without its sub-codes); the
  // "+ sub-codes" button beside a parent ticks it with every code below it in one click.
  const documentChoices = choiceList('Documents', 'documents', documents.map(d => ({
    value: d.id, label: d.title, note: d.caseName ? `case ${d.caseName}` : null, search: `${d.title} ${d.caseName ?? ''}` })),
  { placeholder: 'Title or case', extra: list => h('button', { type: 'button', class: 'secondary', onclick: () => {
    const boxes = list.boxes();
    const n = Math.max(1, Math.round(boxes.length / 10));
    boxes.forEach(b => { b.checked = false; });
    [...boxes].sort(() => Math.random() - 0.5).slice(0, n).forEach(b => { b.checked = true; });
    list.update();
  } }, 'Pick 10% at random') });
  const coderChoices = choiceList('Coders', 'coders', members.filter(m => m.role !== 'VIEWER').map(m => ({
    value: m.username, label: `${m.displayName ?? m.username} (${m.username})`, search: `${m.displayName ?? ''} ${m.username}` })),
  { placeholder: 'Name' });
  const codeChoices = choiceList('Codes', 'codes', codeTree(codes), { placeholder: 'Name or path, e.g. journey' });
  const nameInput = h('input', { id: 'round-name', required: true, value: 'Agreement round' });
  const unitSelect = h('select', { id: 'round-unit' }, UNITS.map(([value, label]) => h('option', { value }, label)));
  const blindBox = h('input', { id: 'round-blind', type: 'checkbox', checked: true });
  const createButton = h('button', { type: 'submit' }, 'Create round');
  const form = h('form', { class: 'round-form', onsubmit: event => {
    event.preventDefault();
    act(createButton, async () => {
      const round = await api(`/projects/${pid}/agreement/rounds`, { method: 'POST', body: {
        name: nameInput.value, documentIds: documentChoices.checked().map(Number), coders: coderChoices.checked(),
        codeIds: codeChoices.checked().map(Number), blind: blindBox.checked, unit: unitSelect.value } });
      await listRounds();
      await open(round.id);
      say(`Created “${round.name}”${round.blind ? ' (blind)' : ''}.`);
      detail.scrollIntoView({ block: 'start' });
    });
  } },
  h('div', { class: 'round-options' },
    h('span', { class: 'field' }, h('label', { for: 'round-name' }, 'Round name'), nameInput),
    h('span', { class: 'field' }, h('label', { for: 'round-unit' }, 'Unit of analysis'), unitSelect),
    h('label', { class: 'round-blind' }, blindBox, ' Blind: coders cannot see one another’s layers (nor the master layer) on these documents until revealed')),
  h('div', { class: 'round-lists' }, codeChoices.element, documentChoices.element, coderChoices.element),
  h('div', {}, createButton));

  // ---- rounds -----------------------------------------------------------------------------------------------------
  async function listRounds() {
    const rounds = await api(`/projects/${pid}/agreement/rounds`);
    fill(roundsCard, h('h2', { id: 'rounds-heading' }, `Rounds (${rounds.length})`),
      rounds.length === 0 ? h('p', { class: 'muted' }, 'No round yet: set one up below.')
        : h('ul', { class: 'round-list' }, rounds.map(r => h('li', {},
          h('button', { type: 'button', class: 'code-link', onclick: () => open(r.id).catch(showError) }, r.name),
          ' ', h('span', { class: 'muted' }, `${r.coders.join(', ')} · ${count(r.documentIds.length, 'document')} · `
            + `${r.unit.toLowerCase()} · ${r.revealed ? 'revealed' : r.blind ? 'blind' : 'open'}`)))));
  }

  async function open(rid) {
    const [round, agreement] = await Promise.all([
      api(`/projects/${pid}/agreement/rounds/${rid}`), api(`/projects/${pid}/agreement/rounds/${rid}/agreement`)]);
    current = round;
    const reveal = round.revealed ? h('span', { class: 'muted' }, 'Revealed: the coders see one another’s layers on these documents.')
      : h('button', { type: 'button', onclick: event => act(event.currentTarget, async () => {
        await api(`/projects/${pid}/agreement/rounds/${rid}/reveal`, { method: 'POST' }); await listRounds(); await open(rid); say('Revealed to the round’s coders.');
      }) }, 'Reveal to coders');
    const report = format => h('a', { href: `/api/v1/projects/${pid}/agreement/rounds/${rid}/report?format=${format}`, download: '' }, format.toUpperCase());
    const disagreementsBox = h('section', { class: 'card', 'aria-labelledby': 'disagreements-heading' });
    const adjudicationsBox = h('section', { class: 'card', 'aria-labelledby': 'adjudications-heading' });
    const driftBox = h('section', { class: 'card', 'aria-labelledby': 'drift-heading' });
    fill(detail,
      h('section', { class: 'card', 'aria-labelledby': 'table-heading' },
        h('h2', { id: 'table-heading' }, `Agreement: ${round.name}`),
        h('p', { class: 'muted' }, `Unit of analysis: ${round.unit.toLowerCase()} · coders ${round.coders.join(', ')} · `
          + `${round.blind ? 'blind' : 'not blind'}. `, reveal),
        h('div', { class: 'table-scroll' }, coefficientTable(agreement)),
        h('p', { class: 'muted' }, agreement.percentAgreementDefinition, ' κ is Cohen’s for two coders, Fleiss’ for more; '
          + 'α is Krippendorff’s nominal α on presence/absence of each code per unit; unitizing α is |uα over the characters.'),
        h('p', {}, 'Download the report: ', report('csv'), ' · ', report('md'), ' · ', report('docx')),
        roundRemoval(round)),
      disagreementsBox, adjudicationsBox, driftBox);
    await showDisagreements(disagreementsBox, null);
    await showAdjudications(adjudicationsBox);
    showDrift(driftBox);
  }

  /** *Delete this round…*: says what goes and what stays, then deletes on a second click. */
  function roundRemoval(round) {
    const box = h('div', {});
    const ask = h('button', { type: 'button', class: 'secondary', onclick: () => {
      const confirm = h('button', { type: 'button', class: 'danger', onclick: () => act(confirm, async () => {
        await api(`/projects/${pid}/agreement/rounds/${round.id}`, { method: 'DELETE' });
        current = null;
        fill(detail);
        await listRounds();
        say(`Deleted the round “${round.name}”.`);
      }) }, 'Delete the round');
      fill(box, h('div', { class: 'danger', role: 'group', 'aria-label': 'Confirm deleting the round' },
        h('p', {}, `Deleting “${round.name}” removes the round, its figures and its list of decisions. The codings stay, `
          + 'and so do the master codings its decisions wrote.'),
        h('p', {}, confirm, ' ', h('button', { type: 'button', class: 'secondary', onclick: () => fill(box, ask) }, 'Keep the round'))));
      confirm.focus();
    } }, 'Delete this round…');
    box.append(ask);
    return box;
  }

  function coefficientTable(agreement) {
    const subject = f => f.scope === 'OVERALL' ? 'All codes'
      : f.scope === 'CODE' ? f.codeName : f.scope === 'DOCUMENT' ? f.documentTitle : f.coders.join(' & ');
    return h('table', { class: 'coefficients' },
      h('caption', { class: 'muted' }, 'Green: α ≥ .800 (reliable) · amber: .667–.800 (tentative) · red: below .667 (unreliable)'),
      h('thead', {}, h('tr', {}, ['Scope', 'About', 'Units', 'Coders', 'Percent', 'κ', 'α', 'Reading', 'Unitizing α']
        .map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, agreement.figures.map(f => h('tr', { title: f.notes.join('; ') || null },
        h('td', {}, f.scope.toLowerCase()), h('th', { scope: 'row' }, subject(f)),
        h('td', {}, f.units.toLocaleString()), h('td', {}, f.coderCount),
        h('td', {}, f.percentAgreement === null ? '—' : `${(f.percentAgreement * 100).toFixed(1)}%`),
        h('td', {}, `${fixed(f.kappa)} `, h('span', { class: 'muted' }, f.kappaKind)),
        h('td', { class: band(f.alpha) }, fixed(f.alpha)),
        h('td', {}, f.interpretation.toLowerCase(), f.notes.length ? h('span', { class: 'muted' }, ` (${f.notes.join('; ')})`) : null),
        h('td', { class: f.unitizingAlpha === null ? null : band(f.unitizingAlpha) }, fixed(f.unitizingAlpha))))));
  }

  // ---- disagreements and adjudication ---------------------------------------------------------------------------
  async function showDisagreements(box, codeId) {
    const rid = current.id;
    const list = await api(`/projects/${pid}/agreement/rounds/${rid}/disagreements${codeId ? `?codeId=${codeId}` : ''}`);
    const filter = h('select', { id: 'disagreement-code' }, h('option', { value: '' }, 'All codes'),
      current.codeIds.map(id => h('option', { value: id, selected: id === codeId }, codeName.get(id) ?? `code ${id}`)));
    filter.addEventListener('change', () => showDisagreements(box, filter.value ? Number(filter.value) : null).catch(showError));
    const side = h('div', { class: 'disagreement-detail', 'aria-live': 'polite' });
    fill(box, h('h2', { id: 'disagreements-heading' }, `Disagreements (${list.length})`),
      h('p', {}, h('label', { for: 'disagreement-code' }, 'Code '), filter),
      list.length === 0 ? h('p', { class: 'muted' }, 'The coders agree everywhere on these codes.') : h('table', {},
        h('thead', {}, h('tr', {}, ['Difference', 'Code', 'Document', 'Text', ''].map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, list.map((d, i) => h('tr', {},
          h('td', {}, `${Math.round(d.difference * 100)}%`), h('td', {}, d.codeName), h('td', {}, d.documentTitle),
          h('td', {}, d.text.length > 90 ? `${d.text.slice(0, 90)}…` : d.text),
          h('td', {}, h('button', { type: 'button', class: 'secondary', onclick: () => openDisagreement(side, d, box, codeId) },
            d.adjudicated ? `Open ${i + 1} (decided)` : `Open ${i + 1}`)))))),
      side);
  }

  function openDisagreement(side, d, box, codeId) {
    const rid = current.id;
    // every decision button of this disagreement is busy while one decision is sent: one click, one decision
    const decide = body => act([...side.querySelectorAll('button')], async () => {
      await api(`/projects/${pid}/agreement/rounds/${rid}/adjudications`, { method: 'POST',
        body: { documentId: d.documentId, codeId: d.codeId, ...body } });
      say(`Decided: ${body.decision.toLowerCase()} into the master layer.`);
      await showDisagreements(box, codeId);
      await showAdjudications(document.querySelector('[aria-labelledby=adjudications-heading]'));
    });
    const highlighted = segment => {
      const from = Math.max(segment.start, d.start) - d.start;
      const to = Math.min(segment.end, d.end) - d.start;
      return h('p', { class: 'said' }, d.text.slice(0, from), h('mark', {}, d.text.slice(from, to)), d.text.slice(to));
    };
    const start = h('input', { id: 'adjust-start', type: 'number', value: d.start, min: 0 });
    const end = h('input', { id: 'adjust-end', type: 'number', value: d.end, min: 1 });
    const ids = d.segments.map(s => s.codingId);
    fill(side, h('h3', {}, `${d.codeName} in ${d.documentTitle}, characters ${d.start}–${d.end}`),
      h('div', { class: 'side-by-side' },
        d.segments.map(s => h('div', { class: 'coder-column' },
          h('h4', {}, s.coder), h('p', { class: 'muted' }, `${s.start}–${s.end}`), highlighted(s),
          s.memos.length ? h('ul', { class: 'memos' }, s.memos.map(m => h('li', {}, m))) : null,
          h('button', { type: 'button', onclick: () => decide({ decision: 'ACCEPT', codingIds: [s.codingId] }) },
            `Accept ${s.coder}’s segment`))),
        d.missing.map(coder => h('div', { class: 'coder-column' }, h('h4', {}, coder),
          h('p', { class: 'muted' }, 'Did not apply the code here.')))),
      h('div', { class: 'code-actions' },
        ids.length > 1 ? h('button', { type: 'button', onclick: () => decide({ decision: 'MERGE', codingIds: ids }) }, 'Merge all') : null,
        h('label', { for: 'adjust-start' }, 'Start'), start, h('label', { for: 'adjust-end' }, 'End'), end,
        h('button', { type: 'button', onclick: () => decide({ decision: 'ADJUST', codingIds: ids, start: Number(start.value), end: Number(end.value) }) }, 'Adjust boundaries'),
        h('button', { type: 'button', class: 'secondary', onclick: () => decide({ decision: 'REJECT', codingIds: ids }) }, 'Reject')));
    side.querySelector('button')?.focus();
  }

  async function showAdjudications(box) {
    const rid = current.id;
    const list = await api(`/projects/${pid}/agreement/rounds/${rid}/adjudications`);
    fill(box, h('h2', { id: 'adjudications-heading' }, `Decisions (${list.length})`),
      list.length === 0 ? h('p', { class: 'muted' }, 'No decision yet.') : h('ul', { class: 'memos' }, list.map(a => h('li', {},
        `${a.decision.toLowerCase()} · ${codeName.get(a.codeId) ?? a.codeId} · ${a.start}–${a.end} · ${a.decidedBy}`,
        a.undoneAt ? h('span', { class: 'muted' }, ` · undone by ${a.undoneBy}`)
          : h('button', { type: 'button', class: 'secondary', onclick: event => act(event.currentTarget, async () => {
            await api(`/projects/${pid}/agreement/rounds/${rid}/adjudications/${a.id}/undo`, { method: 'POST' });
            say('Undone: the master coding was removed.');
            await showAdjudications(box);
            await showDisagreements(document.querySelector('[aria-labelledby=disagreements-heading]'), null);
          }) }, 'Undo')))));
  }

  // ---- drift ------------------------------------------------------------------------------------------------------
  function showDrift(box) {
    const rid = current.id;
    const code = h('select', { id: 'drift-code' }, current.codeIds.map(id => h('option', { value: id }, codeName.get(id) ?? id)));
    const a = h('select', { id: 'drift-a' }, current.coders.map(c => h('option', { value: c }, c)));
    const b = h('select', { id: 'drift-b' }, current.coders.map((c, i) => h('option', { value: c, selected: i === 1 }, c)));
    const chart = h('div', { class: 'drift-chart' });
    const draw = async () => {
      try {
        const drift = await api(`/projects/${pid}/agreement/rounds/${rid}/drift?codeId=${code.value}`
          + `&coderA=${encodeURIComponent(a.value)}&coderB=${encodeURIComponent(b.value)}`);
        fill(chart, driftChart(drift));
        showError(null);
      } catch (error) { showError(error); }
    };
    fill(box, h('h2', { id: 'drift-heading' }, 'Drift per week'),
      h('p', { class: 'code-actions' }, h('label', { for: 'drift-code' }, 'Code'), code,
        h('label', { for: 'drift-a' }, 'Coder A'), a, h('label', { for: 'drift-b' }, 'Coder B'), b,
        h('button', { type: 'button', onclick: draw }, 'Show drift')), chart);
  }

  show(
    h('p', {}, h('a', { href: `#/projects/${pid}` }, `← ${project.name}`)),
    h('h1', {}, 'Inter-coder agreement'), status,
    h('div', { class: 'agreement-layout' }, roundsCard, detail,
      h('section', { class: 'card', 'aria-labelledby': 'new-round-heading' }, h('h2', { id: 'new-round-heading' }, 'New round'), form)));
  await listRounds();
}

/** The codes in tree order (each after its parent, siblings as the codebook lists them), with their depth. */
function codeTree(codes) {
  const children = new Map();
  const known = new Set(codes.map(c => c.id));
  for (const c of codes) {
    const parent = known.has(c.parentId) ? c.parentId : null;
    if (!children.has(parent)) children.set(parent, []);
    children.get(parent).push(c);
  }
  const ordered = [];
  const visit = (parent, depth) => {
    for (const c of children.get(parent) ?? []) {
      const row = { value: c.id, label: c.name, search: c.path ?? c.name, depth, descendants: [] };
      ordered.push(row);
      const from = ordered.length;
      visit(c.id, depth + 1);
      row.descendants = ordered.slice(from).map(d => d.value);
    }
  };
  visit(null, 0);
  return ordered;
}

/**
 * One list of the round form: a fieldset with a filter box, *Select all* and *Clear* (both act on the rows the filter
 * shows), a scroll box of check boxes and a line saying how many are ticked. Rows with `descendants` (codes with
 * sub-codes) get a button that ticks the row and all of them. Returns the element, the ticked values and the boxes.
 */
function choiceList(legend, noun, rows, { placeholder, extra } = {}) {
  const filterId = `round-filter-${noun}`;
  const filter = h('input', { id: filterId, type: 'search', placeholder, autocomplete: 'off', 'aria-label': `Filter ${noun}` });
  const ticked = h('p', { class: 'muted choice-count', 'aria-live': 'polite' });
  const boxes = [];
  const items = rows.map(row => {
    const box = h('input', { type: 'checkbox', value: row.value, 'data-group': legend });
    boxes.push(box);
    const withSubcodes = row.descendants?.length ? h('button', { type: 'button', class: 'secondary small',
      'aria-label': `Tick ${row.label} with its ${count(row.descendants.length, 'sub-code')}`,
      onclick: () => {
        for (const b of boxes) if (b.value === String(row.value) || row.descendants.some(v => String(v) === b.value)) b.checked = true;
        update();
      } }, `+ ${count(row.descendants.length, 'sub-code')}`) : null;
    const item = h('li', { style: row.depth ? { paddingLeft: `${row.depth * 1.2}rem` } : null },
      h('label', {}, box, ' ', row.label), row.note ? h('span', { class: 'muted' }, ` · ${row.note}`) : null,
      withSubcodes ? ' ' : null, withSubcodes);
    return { item, box, search: String(row.search ?? row.label).toLowerCase() };
  });
  const shown = () => items.filter(i => !i.item.hidden);
  function update() {
    const n = boxes.filter(b => b.checked).length;
    const hidden = items.length - shown().length;
    ticked.textContent = `${n} of ${count(items.length, noun.replace(/s$/, ''), noun)} ticked`
      + (hidden ? ` · ${hidden} hidden by the filter` : '');
  }
  filter.addEventListener('input', () => {
    const words = filter.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
    for (const i of items) i.item.hidden = !words.every(w => i.search.includes(w));
    update();
  });
  const setShown = value => () => { for (const i of shown()) i.box.checked = value; update(); };
  const list = { boxes: () => boxes, update, checked: () => boxes.filter(b => b.checked).map(b => b.value) };
  const element = h('fieldset', { class: 'choice-list' }, h('legend', {}, legend),
    h('div', { class: 'choice-tools' }, h('label', { for: filterId }, 'Filter'), filter,
      h('button', { type: 'button', class: 'secondary', 'aria-label': `Select all ${noun}`, onclick: setShown(true) }, 'Select all'),
      h('button', { type: 'button', class: 'secondary', 'aria-label': `Clear ${noun}`, onclick: setShown(false) }, 'Clear'),
      extra ? extra(list) : null),
    items.length === 0 ? h('p', { class: 'muted' }, `No ${noun} yet.`) : h('ul', { class: 'choices', onchange: update }, items.map(i => i.item)),
    ticked);
  update();
  return { ...list, element };
}

/** α (line) and κ (dashed) per ISO week, on a 0–1 scale (values below 0 sit on the axis), with the .667/.800 bands. */
function driftChart(drift) {
  const weeks = drift.weeks;
  if (weeks.length === 0) return h('p', { class: 'muted' }, 'Neither coder applied this code in the round yet.');
  const width = 560; const height = 220; const left = 40; const bottom = 30; const top = 10;
  const x = i => left + (weeks.length === 1 ? (width - left) / 2 : i * (width - left - 20) / (weeks.length - 1));
  const y = v => top + (1 - Math.max(0, Math.min(1, v ?? 0))) * (height - top - bottom);
  const line = key => weeks.map((w, i) => `${i === 0 ? 'M' : 'L'}${x(i).toFixed(1)},${y(w[key]).toFixed(1)}`).join(' ');
  return svg('svg', { viewBox: `0 0 ${width} ${height}`, width: '100%', role: 'img',
    'aria-label': `Agreement of ${drift.coders.join(' and ')} on ${drift.codeName} per week: `
      + weeks.map(w => `${w.week} α ${fixed(w.alpha)}`).join(', ') },
  svg('rect', { x: left, y: y(1), width: width - left, height: y(0.8) - y(1), class: 'band-reliable' }),
  svg('rect', { x: left, y: y(0.8), width: width - left, height: y(0.667) - y(0.8), class: 'band-tentative' }),
  [0, 0.667, 0.8, 1].map(v => svg('text', { x: 2, y: y(v) + 4, class: 'axis' }, v.toFixed(v === 0 || v === 1 ? 0 : 3))),
  svg('line', { x1: left, y1: y(0), x2: width, y2: y(0), class: 'axis-line' }),
  svg('path', { d: line('alpha'), class: 'drift-alpha' }),
  svg('path', { d: line('kappa'), class: 'drift-kappa' }),
  weeks.map((w, i) => svg('g', {},
    svg('circle', { cx: x(i), cy: y(w.alpha), r: 4, class: 'drift-alpha-point' },
      svg('title', {}, `${w.week}: α ${fixed(w.alpha)}, κ ${fixed(w.kappa)}, ${count(w.documents, 'document')}, ${count(w.units, 'unit')}`)),
    svg('text', { x: x(i), y: height - 8, 'text-anchor': 'middle', class: 'axis' }, w.week))));
}
