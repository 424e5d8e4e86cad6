// A document's row controls on the project home (SUPERVISOR, OWNER): edit its details (title, case, date, place,
// author) and delete it after saying what goes with it. Its text never changes (the API refuses that too).
import { api } from './api.js';
import { act, h } from './dom.js';

const FIELDS = [['title', 'Title'], ['caseName', 'Case'], ['date', 'Date (YYYY-MM-DD)'], ['place', 'Place'], ['author', 'Author']];

/**
 * The controls cell of one document row. `codings` is how many codings it holds (all layers the reader sees);
 * `columns` how wide the row is; `onChanged` redraws the table after a change.
 */
export function documentControls(pid, doc, { codings, columns, onChanged }) {
  const cell = h('td', { class: 'document-actions' });
  let panel = null;
  const close = () => { panel?.remove(); panel = null; };
  const open = (...content) => {
    close();
    panel = h('tr', { class: 'document-panel' }, h('td', { colspan: columns }, ...content));
    cell.closest('tr').after(panel);
  };

  const edit = h('button', { type: 'button', class: 'secondary', 'aria-label': `Edit the details of ${doc.title}`, onclick: () => {
    const inputs = Object.fromEntries(FIELDS.map(([name]) => [name,
      h('input', { id: `doc-${doc.id}-${name}`, value: doc[name] ?? '', type: name === 'date' ? 'date' : 'text' })]));
    const save = h('button', { type: 'submit' }, 'Save details');
    const form = h('form', { class: 'document-form' },
      FIELDS.flatMap(([name, label]) => [h('label', { for: `doc-${doc.id}-${name}` }, label), inputs[name]]),
      h('p', {}, save, ' ', h('button', { type: 'button', class: 'secondary', onclick: close }, 'Cancel')));
    form.addEventListener('submit', event => {
      event.preventDefault();
      // an emptied field is sent as "" (which clears it), an unchanged one not at all
      const body = Object.fromEntries(FIELDS.map(([name]) => [name, inputs[name].value.trim()])
        .filter(([name, value]) => value !== (doc[name] ?? '')));
      act(save, async () => {
        if (Object.keys(body).length) await api(`/projects/${pid}/documents/${doc.id}`, { method: 'PATCH', body });
        close();
        await onChanged(`Saved the details of “${body.title || doc.title}”.`);
      });
    });
    open(form);
    inputs.title.focus();
  } }, 'Edit');

  const remove = h('button', { type: 'button', class: 'secondary', 'aria-label': `Delete ${doc.title}`, onclick: () => {
    const confirm = h('button', { type: 'button', class: 'danger', onclick: () => act(confirm, async () => {
      await api(`/projects/${pid}/documents/${doc.id}`, { method: 'DELETE' });
      close();
      await onChanged(`Deleted “${doc.title}”.`);
    }) }, 'Delete the document');
    open(h('div', { class: 'danger', role: 'group', 'aria-label': `Confirm deleting ${doc.title}` },
      h('p', {}, `Deleting “${doc.title}” removes its text, its ${codings === 1 ? '1 coding' : `${codings.toLocaleString()} codings`} `
        + 'and the memos on it and on its codings, for every member. This cannot be undone.'),
      h('p', {}, confirm, ' ', h('button', { type: 'button', class: 'secondary', onclick: close }, 'Keep it'))));
    confirm.focus();
  } }, 'Delete…');

  cell.append(edit, ' ', remove);
  return cell;
}
