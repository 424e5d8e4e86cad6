// The codebook editor: the code tree on the left, the selected code's definition, criteria, colour and place on
// the right, with move, merge and delete, and the segments coded with it. Read-only for coders and viewers. It
// follows the project's live notices: others' codings and codebook changes show in the counts and segments at once.
import { api } from './api.js';
import { act, h, count, fill } from './dom.js';
import { documentHref, layerOf } from './links.js';
import { followProject } from './live.js';

/** Who holds a code's codings, as the delete confirmation says it: "5 in the master layer, 6 by ana". */
export function codingsByLayer(segments) {
  const layers = new Map();
  for (const { coding } of segments) {
    const key = coding.layer === 'MASTER' ? 'in the master layer' : `by ${coding.coder}`;
    layers.set(key, (layers.get(key) ?? 0) + 1);
  }
  return [...layers].map(([who, n]) => `${n.toLocaleString('en')} ${who}`);
}

export async function codebookView(pid, { show, showError }) {
  const project = await api(`/projects/${pid}`);
  const editable = project.role === 'SUPERVISOR' || project.role === 'OWNER';
  let codes = await api(`/projects/${pid}/codes`);
  const tree = h('nav', { class: 'card codebook', 'aria-label': 'Codes' });
  const editor = h('section', { class: 'card', 'aria-live': 'polite' });
  const status = text => editor.prepend(h('p', { class: 'ok', role: 'status' }, text));
  /** The code in the editor, as loaded, and whether its form holds edits not yet saved (a live reload keeps them). */
  let selected = null;
  let edited = false;
  let segmentList = null;

  /**
   * Reloads run one at a time: a live refresh landing between an action's reload and its status line would redraw
   * the editor and take that line away (the notice of one's own change arrives while its reload is still reading).
   */
  let running = Promise.resolve();
  const oneAtATime = task => {
    const next = running.then(task);
    running = next.catch(() => {});
    return next;
  };
  const reload = selectId => oneAtATime(() => reloadNow(selectId));
  const refresh = () => oneAtATime(refreshNow);

  async function reloadNow(selectId) {
    codes = await api(`/projects/${pid}/codes`);
    renderTree();
    const selected = codes.find(c => c.id === selectId);
    if (selected) await edit(selected); else newCode();
  }

  function renderTree() {
    const children = new Map();
    for (const code of codes) {
      const key = code.parentId ?? 'root';
      if (!children.has(key)) children.set(key, []);
      children.get(key).push(code);
    }
    const branch = key => h('ul', {}, (children.get(key) ?? []).map(code => {
      const link = h('button', { type: 'button', class: 'code-link', 'data-code-id': code.id, draggable: editable ? 'true' : null,
        onclick: () => edit(code).catch(showError) },
        h('span', { class: 'swatch', style: { background: code.color }, 'aria-hidden': 'true' }),
        `${code.name} (${code.codings})`);
      if (editable) {
        link.addEventListener('dragstart', event => event.dataTransfer.setData('text/x-margin-code', String(code.id)));
        dropTarget(link, code.id);
      }
      return h('li', {}, link, children.has(code.id) ? branch(code.id) : null);
    }));
    const topLevel = h('p', { class: 'top-level-drop muted' }, 'Drop a code here to make it top level (or use its Parent field).');
    if (editable) dropTarget(topLevel, null);
    fill(tree, h('h2', {}, `Codes (${codes.length})`),
      editable ? h('button', { type: 'button', onclick: newCode }, 'New code') : null, branch('root'),
      editable ? topLevel : null);
  }

  /** Drag a code onto another to make it a sub-code, or onto the top-level zone; the keyboard way is the Parent field. */
  function dropTarget(element, parentId) {
    element.addEventListener('dragover', event => {
      if (event.dataTransfer.types.includes('text/x-margin-code')) { event.preventDefault(); element.classList.add('drop-here'); }
    });
    element.addEventListener('dragleave', () => element.classList.remove('drop-here'));
    element.addEventListener('drop', async event => {
      event.preventDefault();
      element.classList.remove('drop-here');
      const moved = codes.find(c => c.id === Number(event.dataTransfer.getData('text/x-margin-code')));
      if (!moved || moved.id === parentId || (moved.parentId ?? null) === parentId) return;
      await act([element, ...tree.querySelectorAll('button')], async () => {
        await api(`/projects/${pid}/codes/${moved.id}/move`, { method: 'POST', body: { parentId, version: moved.version } });
        await reload(moved.id);
        status(parentId === null ? `Moved “${moved.name}” to the top level.`
          : `Moved “${moved.name}” under “${codes.find(c => c.id === parentId)?.name}”.`);
      });
    });
  }

  function field(id, label, value, multiline) {
    const input = multiline ? h('textarea', { id, rows: 3, disabled: !editable }) : h('input', { id, disabled: !editable });
    input.value = value ?? '';
    return [h('label', { for: id }, label), input];
  }

  function parentSelect(code) {
    const select = h('select', { id: 'code-parent', disabled: !editable },
      h('option', { value: '' }, '(top level)'),
      codes.filter(c => !code || c.id !== code.id).map(c => h('option', { value: c.id }, c.path)));
    select.value = code?.parentId ?? '';
    return [h('label', { for: 'code-parent' }, 'Parent'), select];
  }

  const value = id => document.getElementById(id).value;
  const nullable = id => value(id).trim() === '' ? null : value(id);

  function newCode() {
    selected = null;
    if (!editable) {
      fill(editor, h('p', { class: 'muted' }, 'Choose a code to read its definition.'));
      return;
    }
    const add = h('button', { type: 'submit' }, 'Add code');
    const form = h('form', { class: 'code-form' },
      h('h2', {}, 'New code'), ...field('code-name', 'Name', ''), ...parentSelect(null),
      ...field('code-definition', 'Definition', '', true), add);
    form.addEventListener('submit', event => {
      event.preventDefault();
      act(add, async () => {
        const created = await api(`/projects/${pid}/codes`, { method: 'POST', body: {
          name: value('code-name'), parentId: nullable('code-parent') === null ? null : Number(value('code-parent')),
          definition: nullable('code-definition') } });
        await reload(created.id);
        status(`Added “${created.name}”.`);
      });
    });
    fill(editor, form);
  }

  async function edit(code) {
    const segments = await api(`/projects/${pid}/codes/${code.id}/segments`);
    selected = code;
    edited = false;
    const color = h('input', { id: 'code-color', type: 'color', disabled: !editable });
    color.value = code.color;
    const form = h('form', { class: 'code-form' },
      h('h2', {}, code.path),
      ...field('code-name', 'Name', code.name), ...parentSelect(code),
      ...field('code-definition', 'Definition', code.definition, true),
      ...field('code-inclusion', 'Include when', code.inclusion, true),
      ...field('code-exclusion', 'Exclude when', code.exclusion, true),
      ...field('code-example', 'Example', code.example, true),
      h('label', { for: 'code-color' }, 'Colour'), color,
      editable ? h('button', { type: 'submit' }, 'Save code') : null);
    form.addEventListener('input', () => { edited = true; });
    form.addEventListener('change', () => { edited = true; });
    form.addEventListener('submit', event => {
      event.preventDefault();
      act(form.querySelector('button[type=submit]'), () => saveCode());
    });
    const saveCode = async () => {
      let saved = await api(`/projects/${pid}/codes/${code.id}`, { method: 'PUT', body: {
        name: value('code-name'), definition: nullable('code-definition'), inclusion: nullable('code-inclusion'),
        exclusion: nullable('code-exclusion'), example: nullable('code-example'), color: color.value, version: code.version } });
      const parentId = nullable('code-parent') === null ? null : Number(value('code-parent'));
      if (parentId !== (code.parentId ?? null)) {
        saved = await api(`/projects/${pid}/codes/${code.id}/move`, { method: 'POST', body: { parentId, version: saved.version } });
      }
      await reload(saved.id);
      status(`Saved “${saved.name}”.`);
    };
    const mergeTarget = h('select', { id: 'merge-into' }, codes.filter(c => c.id !== code.id).map(c => h('option', { value: c.id }, c.path)));
    const actions = editable ? h('div', { class: 'code-actions' },
      h('label', { for: 'merge-into' }, 'Merge into '), mergeTarget,
      h('button', { type: 'button', class: 'secondary', onclick: event => act(event.currentTarget, async () => {
        const result = await api(`/projects/${pid}/codes/${code.id}/merge`, { method: 'POST', body: { intoCodeId: Number(mergeTarget.value) } });
        await reload(result.into.id);
        status(`Merged “${code.name}” into “${result.into.name}”: ${count(result.codingsMoved, 'coding')} moved.`);
      }) }, 'Merge'),
      deleteButton(code)) : null;
    segmentList = h('div', { class: 'code-segments' });
    showSegments(code, segments);
    fill(editor, form, actions, segmentList);
  }

  function showSegments(code, segments) {
    fill(segmentList,
      h('h3', {}, `Segments (${segments.length})`),
      h('ul', { class: 'segments' }, segments.map(s => h('li', {},
        h('p', { class: 'kwic' }, h('span', { class: 'muted' }, s.before),
          h('mark', { style: { background: code.color } }, s.text), h('span', { class: 'muted' }, s.after)),
        h('p', { class: 'muted' },
          // opens the layer holding this coding, with the coding shown and marked
          h('a', { href: documentHref(pid, s.coding.documentId, { at: s.coding.start, layer: layerOf(s.coding.layer, s.coding.coder), coding: s.coding.id }) }, s.documentTitle),
          ` · ${s.speaker ? s.speaker + ' · ' : ''}${s.coding.coder}${s.coding.layer === 'MASTER' ? ' (master)' : ''}`)))));
  }

  /**
   * Delete, after saying what goes with the code: its sub-codes must go first (the API refuses them); its codings,
   * counted afresh per layer, go with it once confirmed (codings=delete); a code nobody used asks a plain yes.
   */
  function deleteButton(code) {
    const box = h('div', { class: 'code-delete' });
    const ask = h('button', { type: 'button', class: 'secondary', onclick: () => act(ask, async () => {
      const subCodes = codes.filter(c => c.parentId === code.id).length;
      if (subCodes) {
        const them = subCodes === 1 ? 'it' : 'them';
        fill(box, h('p', { class: 'error', role: 'alert' }, `“${code.name}” has ${count(subCodes, 'sub-code')}. `
          + `Move ${them} elsewhere, merge ${them} into another code or delete ${them} first.`));
        return;
      }
      const segments = await api(`/projects/${pid}/codes/${code.id}/segments`);
      const confirm = h('button', { type: 'button', class: 'danger', onclick: () => act(confirm, async () => {
        await api(`/projects/${pid}/codes/${code.id}${segments.length ? '?codings=delete' : ''}`, { method: 'DELETE' });
        await reload(null);
        status(segments.length ? `Deleted “${code.name}” and its ${count(segments.length, 'coding')}.` : `Deleted “${code.name}”.`);
      }) }, segments.length ? 'Delete the code and its codings' : 'Delete the code');
      const layers = codingsByLayer(segments);
      const said = segments.length
        ? `“${code.name}” has ${count(segments.length, 'coding')} in ${count(layers.length, 'layer')} (${layers.join(', ')}); `
          + `${segments.length === 1 ? 'it' : 'they'} will be deleted too, with the memos on ${segments.length === 1 ? 'it' : 'them'} and on the code. This cannot be undone.`
        : `Delete “${code.name}”? No passage is coded with it.`;
      fill(box, h('div', { class: 'danger', role: 'group', 'aria-label': `Confirm deleting ${code.name}` },
        h('p', {}, said),
        h('p', {}, confirm, ' ', h('button', { type: 'button', class: 'secondary', onclick: () => fill(box) }, 'Keep the code'))));
      confirm.focus();
    }) }, 'Delete code…');
    return h('div', {}, ask, box);
  }

  /**
   * A live notice: someone changed codings or the codebook. The tree's counts are read again, and the code in the
   * editor: its segments always, its form only when nobody is typing in it and it changed (a save then meets the
   * version check and says so); a code merged or deleted by someone else leaves the editor with a note.
   */
  async function refreshNow() {
    codes = await api(`/projects/${pid}/codes`);
    renderTree();
    if (!selected) return;
    const now = codes.find(c => c.id === selected.id);
    if (!now) {
      const gone = selected;
      newCode();
      status(`“${gone.name}” is no longer in the codebook: someone merged or deleted it.`);
    } else if (now.version !== selected.version && !edited) {
      await edit(now);
    } else {
      showSegments(selected, await api(`/projects/${pid}/codes/${now.id}/segments`));
    }
  }

  renderTree();
  newCode();
  const live = () => (tree.isConnected ? refresh().catch(showError) : stop());
  const stopLive = followProject(pid, { onCodings: live, onCodebook: live });
  function stop() { stopLive(); }
  window.addEventListener('hashchange', stop, { once: true });
  show(
    h('p', {}, h('a', { href: `#/projects/${pid}` }, '← Project')),
    h('h1', {}, `Codebook of ${project.name}`),
    h('div', { class: 'codebook-layout' }, tree, editor),
  );
}
