// Memos in the browser: one memo as a list item that its author edits and deletes (an OWNER deletes anyone's), with
// Undo after a deletion; and the project's memo page, every memo the reader may see with what it is about.
import { api } from './api.js';
import { act, h, undoOffer, count, fill } from './dom.js';
import { followProject } from './live.js';

/** Whether the reader may change (author who may still write) or delete (author, or an OWNER) a memo. */
function rights(memo, me, role) {
  const writes = role !== 'VIEWER';
  const own = memo.author === me.username && writes;
  return { edit: own, remove: own || role === 'OWNER' };
}

const when = memo => new Date(memo.updatedAt ?? memo.createdAt).toLocaleDateString();

/**
 * One memo as a list item, with *Edit* and *Delete* for whoever may; `extra` (e.g. what the memo is about) goes under
 * the text. After a deletion the item offers Undo; `onChange` is told of every change (so counts can be redrawn).
 */
export function memoItem(pid, initial, { me, role, extra = null, onChange = () => {} }) {
  let memo = initial;
  const item = h('li', { class: 'memo', 'data-memo-id': memo.id });
  const may = rights(memo, me, role);

  function read() {
    const edit = may.edit ? h('button', { type: 'button', class: 'secondary', onclick: editor }, 'Edit') : null;
    const remove = may.remove ? h('button', { type: 'button', class: 'secondary', onclick: () => act(remove, async () => {
      await api(`/projects/${pid}/memos/${memo.id}`, { method: 'DELETE' });
      const removed = memo;
      fill(item, undoOffer('Deleted the memo.', async () => {
        memo = await api(`/projects/${pid}/memos/${removed.id}/restore`, { method: 'POST' });
        item.dataset.memoId = memo.id;
        read();
        onChange();
        return null;
      }));
      onChange();
    }) }, 'Delete') : null;
    fill(item,
      memo.title ? h('p', { class: 'memo-title' }, h('strong', {}, memo.title)) : null,
      h('p', { class: 'memo-body' }, memo.body),
      h('p', { class: 'muted' }, `${memo.author} · ${when(memo)}`),
      extra,
      edit || remove ? h('p', { class: 'memo-actions' }, edit, ' ', remove) : null);
  }

  function editor() {
    const titleId = `memo-title-${memo.id}`;
    const bodyId = `memo-body-${memo.id}`;
    const title = h('input', { id: titleId, maxlength: 300, value: memo.title ?? '' });
    const body = h('textarea', { id: bodyId, rows: 4 });
    body.value = memo.body;
    const save = h('button', { type: 'submit' }, 'Save changes');
    const form = h('form', { class: 'memo-form' },
      h('label', { for: titleId }, 'Title (optional)'), title, h('label', { for: bodyId }, 'Memo'), body,
      h('p', {}, save, ' ', h('button', { type: 'button', class: 'secondary', onclick: read }, 'Cancel')));
    form.addEventListener('submit', event => {
      event.preventDefault();
      act(save, async () => {
        memo = await api(`/projects/${pid}/memos/${memo.id}`, { method: 'PUT',
          body: { title: title.value.trim() || null, body: body.value, version: memo.version } });
        read();
        onChange();
      });
    });
    fill(item, form);
    body.focus();
  }

  read();
  return item;
}

/** What a memo is about, as a link where there is a place to go. */
function targetOf(pid, memo, documents, codes) {
  switch (memo.targetType) {
    case 'PROJECT': return { label: 'The project', link: null };
    case 'DOCUMENT': return { label: `Document “${documents.get(memo.targetId)?.title ?? memo.targetId}”`, link: `#/projects/${pid}/documents/${memo.targetId}` };
    case 'CODE': return { label: `Code “${codes.get(memo.targetId)?.name ?? memo.targetId}”`, link: `#/projects/${pid}/codebook` };
    default: {
      const place = memo.coding;
      if (!place) return { label: 'A coding', link: null };
      return {
        label: `Passage coded “${codes.get(place.codeId)?.name ?? place.codeId}” in “${documents.get(place.documentId)?.title ?? place.documentId}”, characters ${place.start}–${place.end}`,
        link: `#/projects/${pid}/documents/${place.documentId}?at=${place.start}`,
      };
    }
  }
}

/**
 * The project's memo page: every memo the reader may see with its target, a text filter, and a new project memo.
 * It follows the live notices: others' new, changed and deleted memos appear at once, and a renamed code is named anew.
 */
export async function memosView(pid, { me, show }) {
  const [project, documentList, codeList] = await Promise.all([
    api(`/projects/${pid}`), api(`/projects/${pid}/documents`), api(`/projects/${pid}/codes`)]);
  const documents = new Map(documentList.map(d => [d.id, d]));
  let codes = new Map(codeList.map(c => [c.id, c]));
  const list = h('ul', { class: 'memos memo-list' });
  const tally = h('p', { class: 'muted', role: 'status' });
  const filter = h('input', { id: 'memo-filter', type: 'search', autocomplete: 'off' });
  let memos = [];

  const matches = (memo, target, words) => {
    const text = `${memo.title ?? ''} ${memo.body} ${memo.author} ${target.label}`.toLowerCase();
    return words.every(w => text.includes(w));
  };
  function render() {
    const words = filter.value.toLowerCase().split(/\s+/).filter(Boolean);
    const shown = memos.map(m => [m, targetOf(pid, m, documents, codes)]).filter(([m, t]) => matches(m, t, words));
    tally.textContent = words.length ? `${shown.length} of ${count(memos.length, 'memo')} match.` : `${count(memos.length, 'memo')}.`;
    fill(list, ...(shown.length ? shown.map(([m, t]) => memoItem(pid, m, {
      me, role: project.role,
      extra: h('p', { class: 'memo-target' }, 'On: ', t.link ? h('a', { href: t.link }, t.label) : t.label),
    })) : [h('li', { class: 'muted' }, memos.length ? 'No memo matches.' : 'No memos yet.')]));
  }
  const load = async () => { memos = await api(`/projects/${pid}/memos`); render(); };
  // a memo being edited or just deleted (its Undo showing) must not be redrawn away: reload only when none is
  const busy = () => list.querySelector('form, .undo-offer button') !== null;
  const showError = error => { tally.textContent = `The memos could not be read again: ${error.message}`; };
  let waiting = false;
  const reloadLive = async ({ withCodes = false } = {}) => {
    if (!list.isConnected) return stopLive();
    if (withCodes) codes = new Map((await api(`/projects/${pid}/codes`)).map(c => [c.id, c]));
    if (busy()) { waiting = true; return; }
    waiting = false;
    await load();
  };
  const stopLive = followProject(pid, {
    onMemos: () => reloadLive().catch(showError),
    // a memo's target is named by its code; a merged or deleted code moved or took memos with it
    onCodebook: () => reloadLive({ withCodes: true }).catch(showError),
  });
  window.addEventListener('hashchange', stopLive, { once: true });
  // a reload held back while a memo was being edited happens once the editing is done
  list.addEventListener('click', () => setTimeout(() => { if (waiting && !busy()) reloadLive().catch(showError); }, 0));
  filter.addEventListener('input', render);

  let form = null;
  if (project.role !== 'VIEWER') {
    const body = h('textarea', { id: 'project-memo', rows: 3 });
    const save = h('button', { type: 'submit' }, 'Save memo');
    form = h('form', { class: 'memo-form card' }, h('label', { for: 'project-memo' }, 'New memo on the project'), body, save);
    form.addEventListener('submit', event => {
      event.preventDefault();
      act(save, async () => {
        await api(`/projects/${pid}/memos`, { method: 'POST', body: { targetType: 'PROJECT', body: body.value } });
        body.value = '';
        await load();
      });
    });
  }
  await load();
  show(
    h('p', {}, h('a', { href: `#/projects/${pid}` }, `← ${project.name}`)),
    h('h1', {}, `Memos: ${project.name}`),
    h('section', { class: 'card' }, h('label', { for: 'memo-filter' }, 'Search the memos'), filter, tally, list),
    form);
}
