// Exports of a project (coded segments, codebook, REFI-QDA project) and the REFI-QDA import on the project list.
// Every export and import runs as a background job: the page shows its progress, then offers the file.
import { actionKey, api, ApiError, refusal, settle, unsettledAnswer } from './api.js';
import { h, count, fill } from './dom.js';

/** Polls a job until it has finished, updating a progress bar and a status line. */
async function follow(job, bar, status) {
  while (job.state === 'RUNNING') {
    bar.value = job.progress;
    status.textContent = job.message ?? 'Working…';
    await new Promise(resolve => setTimeout(resolve, 300));
    job = await api(`/exchange/jobs/${job.id}`);
  }
  bar.value = 100;
  if (job.state === 'FAILED') throw new ApiError(job.problem?.status ?? 500, job.message);
  return job;
}

/** One export block: its controls, a button, then a progress bar and a download link when the file is ready. */
function exportBlock(title, headingId, controls, startJob) {
  const button = h('button', { type: 'submit' }, `Export ${title.toLowerCase()}`);
  const bar = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': `Progress of the ${title.toLowerCase()} export` });
  const status = h('p', { class: 'muted', role: 'status' });
  const result = h('p', {});
  const form = h('form', { class: 'export-form' }, ...controls, h('div', {}, button), bar, status, result);
  form.addEventListener('submit', async event => {
    event.preventDefault();
    button.disabled = true;
    bar.hidden = false;
    fill(result);
    status.className = 'muted';
    status.textContent = 'Starting…';
    try {
      const job = await follow(await startJob(), bar, status);
      status.textContent = `Ready: ${job.fileName}.`;
      const link = h('a', { href: `/api/v1/exchange/jobs/${job.id}/result`, download: job.fileName, class: 'button-like' },
        `Download ${job.fileName}`);
      fill(result, link);
      link.focus();
    } catch (error) {
      status.className = 'refused';
      status.textContent = error.message;
    } finally {
      button.disabled = false;
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': headingId }, h('h2', { id: headingId }, title), form);
}

function select(id, label, options) {
  return [h('label', { for: id }, label),
    h('select', { id }, options.map(([value, text]) => h('option', { value }, text)))];
}

/** The code tree as checkboxes, indented by depth; none ticked means every code. */
function codeChoice(codes) {
  const depth = new Map();
  for (const c of codes) depth.set(c.id, c.parentId ? (depth.get(c.parentId) ?? 0) + 1 : 0);
  return h('fieldset', { class: 'export-codes' },
    h('legend', {}, 'Codes (none ticked: every code)'),
    codes.length === 0 ? h('p', { class: 'muted' }, 'The codebook is empty.') : null,
    codes.map(c => h('label', { style: { paddingLeft: `${depth.get(c.id) * 1.2}rem` } },
      h('input', { type: 'checkbox', name: 'codeId', value: c.id }), ' ', c.name)));
}

export async function exportsView(pid, { show }) {
  const [project, codes, members] = await Promise.all([
    api(`/projects/${pid}`), api(`/projects/${pid}/codes`), api(`/projects/${pid}/members`)]);
  const supervisor = project.role === 'SUPERVISOR' || project.role === 'OWNER';
  const layerOptions = [['MASTER', 'Master (adjudicated) layer'], ['CODER:', 'My own coding layer']];
  if (supervisor) {
    for (const m of members) layerOptions.push([`CODER:${m.username}`, `Layer of ${m.username}`]);
  }
  const codeBoxes = codeChoice(codes);
  const segments = exportBlock('Coded segments', 'segments-heading', [
    ...select('segments-format', 'Format', [['docx', 'Word (DOCX), ready for a paper'], ['xlsx', 'Excel (XLSX)'],
      ['csv', 'CSV'], ['md', 'Markdown']]),
    codeBoxes,
    h('label', {}, h('input', { type: 'checkbox', id: 'segments-subcodes', checked: true }), ' Include sub-codes'),
    ...select('segments-layer', 'Layer', layerOptions),
    h('label', { for: 'segments-cite' }, 'Citation attributes (comma-separated; empty: case name and all attributes)'),
    h('input', { id: 'segments-cite', type: 'text', placeholder: 'case, gender, birth_decade, arrival_year' }),
  ], () => {
    const params = new URLSearchParams({ type: 'segments', format: document.getElementById('segments-format').value });
    for (const box of codeBoxes.querySelectorAll('input[name=codeId]:checked')) params.append('codeId', box.value);
    params.set('subcodes', document.getElementById('segments-subcodes').checked);
    const layer = document.getElementById('segments-layer').value;
    if (layer === 'MASTER') params.set('layer', 'MASTER');
    else {
      params.set('layer', 'CODER');
      if (layer.length > 'CODER:'.length) params.set('coder', layer.slice('CODER:'.length));
    }
    const cite = document.getElementById('segments-cite').value.trim();
    if (cite) params.set('cite', cite);
    return api(`/projects/${pid}/export/jobs?${params}`, { method: 'POST' });
  });
  const codebook = exportBlock('Codebook', 'codebook-export-heading', [
    ...select('codebook-format', 'Format', [['docx', 'Word (DOCX)'], ['csv', 'CSV'], ['qdc', 'REFI-QDA codebook (.qdc)']]),
  ], () => api(`/projects/${pid}/export/jobs?type=codebook&format=${document.getElementById('codebook-format').value}`,
    { method: 'POST' }));
  const qdpx = exportBlock('Whole project', 'qdpx-heading', [
    h('p', { class: 'muted' }, 'A REFI-QDA project (.qdpx) that NVivo, ATLAS.ti, MAXQDA and QualCoder open: texts, '
      + 'codes, codings with their coders, memos, cases and attributes.'),
  ], () => api(`/projects/${pid}/export/jobs?type=qdpx`, { method: 'POST' }));
  show(
    h('p', {}, h('a', { href: `#/projects/${pid}` }, `← ${project.name}`)),
    h('h1', {}, `Exports: ${project.name}`),
    h('div', { class: 'grid' }, segments, h('div', {}, codebook, qdpx)),
  );
}

/** The project list's control for importing a .qdpx file into a new project; `onImported` runs once it exists. */
export function qdpxImportControl({ onImported = async () => {} } = {}) {
  const input = h('input', { id: 'qdpx-file', type: 'file', accept: '.qdpx' });
  const bar = h('progress', { max: 100, value: 0, hidden: true, 'aria-label': 'Progress of the import' });
  const status = h('p', { class: 'muted', role: 'status' });
  const report = h('div', {});
  input.addEventListener('change', async () => {
    const file = input.files[0];
    if (!file) return;
    bar.hidden = false;
    status.className = 'muted';
    status.textContent = `Uploading ${file.name}…`;
    fill(report);
    const signature = `POST /projects/import/qdpx/jobs ${file.name} ${file.size} ${file.lastModified}`;
    const key = actionKey(signature);
    input.disabled = true; // one import per choice of file, until it has finished
    try {
      const form = new FormData();
      form.append('file', file, file.name);
      const response = await fetch('/api/v1/projects/import/qdpx/jobs', {
        method: 'POST', body: form, credentials: 'same-origin',
        headers: { 'X-Margin-Request': '1', Accept: 'application/json', 'Idempotency-Key': key },
      }).catch(() => { settle(signature, key, false); throw new ApiError(0, 'The upload was interrupted. Check the connection and try again.'); });
      settle(signature, key, !unsettledAnswer(response.status, response.headers.get('Retry-After')));
      const body = await response.json().catch(() => ({}));
      if (!response.ok) throw new ApiError(response.status, refusal(response.status, body));
      const job = await follow(body, bar, status);
      const r = job.result.report;
      status.className = 'ok';
      status.textContent = `Imported ${count(r.sources, 'document')}, ${count(r.codes, 'code')}, ${count(r.codings, 'coding')} and ${count(r.notes, 'memo')}.`;
      fill(report,
        h('p', {}, h('a', { href: `#/projects/${job.result.projectId}` }, 'Open the imported project')),
        r.skipped.length ? h('div', {}, h('h3', {}, 'Not imported'), h('ul', {}, r.skipped.map(s => h('li', {}, s)))) : null,
        r.warnings.length ? h('div', {}, h('h3', {}, 'Notes on the import'), h('ul', {}, r.warnings.map(s => h('li', {}, s)))) : null);
      await onImported();
    } catch (error) {
      status.className = 'refused';
      status.textContent = error.message;
    } finally {
      input.disabled = false;
      input.value = '';
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'qdpx-import-heading' },
    h('h2', { id: 'qdpx-import-heading' }, 'Import a REFI-QDA project'),
    h('p', { class: 'muted' }, 'A .qdpx file from NVivo, ATLAS.ti, MAXQDA, QualCoder or Margin becomes a new project that you own.'),
    h('label', { for: 'qdpx-file' }, 'Choose a .qdpx file: '), input, bar, status, report);
}
