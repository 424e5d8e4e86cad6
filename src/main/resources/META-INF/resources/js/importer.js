// The import panel of a project: drop or choose files, each uploaded on its own so it has its own progress bar
// and its own result (imported, or the reason it was refused).
import { actionKey, refusal, settle, unsettledAnswer } from './api.js';
import { count, h } from './dom.js';

const ACCEPTED = '.txt,.md,.markdown,.html,.htm,.docx,.pdf,.vtt,.srt';

/** What identifies one file's upload, for its Idempotency-Key: sending the same file again after a failure is a retry. */
const uploadSignature = (pid, file, kind) => `POST /projects/${pid}/documents ${file.name} ${file.size} ${file.lastModified} ${kind}`;

function upload(pid, file, kind, onProgress) {
  return new Promise(resolve => {
    const form = new FormData();
    form.append('file', file, file.name);
    if (kind) form.append('kind', kind);
    const signature = uploadSignature(pid, file, kind);
    const key = actionKey(signature);
    const request = new XMLHttpRequest();
    request.open('POST', `/api/v1/projects/${pid}/documents`);
    request.setRequestHeader('X-Margin-Request', '1');
    request.setRequestHeader('Idempotency-Key', key);
    request.upload.addEventListener('progress', e => e.lengthComputable && onProgress(e.loaded / e.total));
    request.addEventListener('load', () => {
      settle(signature, key, !unsettledAnswer(request.status, request.getResponseHeader('Retry-After')));
      let body = {};
      try { body = JSON.parse(request.responseText); } catch { /* keep the generic message */ }
      if (request.status === 201) {
        const doc = body.imported[0];
        resolve({ ok: true, text: `Imported as “${doc.title}” (${doc.kind === 'FIELD_NOTE' ? 'field note' : doc.kind.toLowerCase()}, ${doc.length.toLocaleString()} characters).` });
      } else {
        resolve({ ok: false, text: body.failed?.[0]?.reason ?? refusal(request.status, body) });
      }
    });
    request.addEventListener('error', () => {
      settle(signature, key, false);
      resolve({ ok: false, text: 'The upload was interrupted. Check the connection and try again.' });
    });
    request.send(form);
  });
}

export function importPanel(pid, onImported) {
  const kind = h('select', { id: 'import-kind' },
    h('option', { value: '' }, 'Recognise automatically'), h('option', { value: 'TRANSCRIPT' }, 'Transcript'),
    h('option', { value: 'FIELD_NOTE' }, 'Field note'), h('option', { value: 'OTHER' }, 'Other'));
  const input = h('input', { id: 'import-files', type: 'file', multiple: true, accept: ACCEPTED });
  const results = h('ul', { class: 'import-results', 'aria-live': 'polite' });

  // A file dropped (or chosen) again while its upload is still running is not sent twice.
  const uploading = new Set();

  async function importFiles(files) {
    let imported = 0;
    await Promise.all([...files].map(async file => {
      const signature = uploadSignature(pid, file, kind.value);
      if (uploading.has(signature)) return;
      uploading.add(signature);
      const bar = h('progress', { max: 1, value: 0, 'aria-label': `Upload of ${file.name}` });
      const outcome = h('span', { class: 'muted' }, 'Uploading…');
      results.append(h('li', {}, h('strong', {}, file.name), ' ', bar, ' ', outcome));
      const result = await upload(pid, file, kind.value, fraction => { bar.value = fraction; });
      bar.value = 1;
      outcome.textContent = result.text;
      outcome.className = result.ok ? 'ok' : 'refused';
      if (result.ok) imported++;
      uploading.delete(signature);
    }));
    if (imported) onImported();
  }

  input.addEventListener('change', () => importFiles(input.files));
  const zone = h('div', { class: 'drop-zone' },
    h('p', {}, 'Drop TXT, Markdown, HTML, DOCX, PDF, VTT or SRT files here, or '),
    h('label', { for: 'import-files', class: 'button-like' }, 'choose files'), input);
  zone.addEventListener('dragover', event => { event.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', () => zone.classList.remove('over'));
  zone.addEventListener('drop', event => {
    event.preventDefault();
    zone.classList.remove('over');
    importFiles(event.dataTransfer.files);
  });
  const csvInput = h('input', { id: 'attributes-file', type: 'file', accept: '.csv,text/csv' });
  const csvResult = h('p', { 'aria-live': 'polite' });
  csvInput.addEventListener('change', async () => {
    const file = csvInput.files[0];
    if (!file) return;
    const form = new FormData();
    form.append('file', file, file.name);
    const signature = `POST /projects/${pid}/attributes ${file.name} ${file.size} ${file.lastModified}`;
    const key = actionKey(signature);
    csvInput.disabled = true;
    try {
      const response = await fetch(`/api/v1/projects/${pid}/attributes`, {
        method: 'POST', credentials: 'same-origin', headers: { 'X-Margin-Request': '1', 'Idempotency-Key': key }, body: form,
      });
      settle(signature, key, !unsettledAnswer(response.status, response.headers.get('Retry-After')));
      const body = await response.json().catch(() => ({}));
      if (response.ok) {
        csvResult.className = 'ok';
        csvResult.textContent = `Attributes set for ${count(body.casesUpdated, 'case')} (${body.casesCreated} new) and ${count(body.documentsUpdated, 'document')}.`;
        onImported();
      } else {
        csvResult.className = 'refused';
        csvResult.textContent = refusal(response.status, body);
      }
    } catch {
      settle(signature, key, false);
      csvResult.className = 'refused';
      csvResult.textContent = 'The upload was interrupted. Check the connection and try again.';
    } finally {
      csvInput.disabled = false;
      csvInput.value = '';
    }
  });
  return h('section', { class: 'card', 'aria-labelledby': 'import-heading' },
    h('h2', { id: 'import-heading' }, 'Import documents'),
    h('p', {}, h('label', { for: 'import-kind' }, 'Kind '), kind),
    zone, results,
    h('h3', {}, 'Case attributes'),
    h('p', { class: 'muted' }, 'A CSV table with a "case" column (participant ids such as P07) and/or a "document" column, then one column per attribute.'),
    h('label', { for: 'attributes-file' }, 'Attributes table (CSV) '), csvInput, csvResult);
}
