// The cases page: every case (participant) with its attributes as a table; SUPERVISORs and OWNERs edit the cells,
// add an attribute column and save the changed cases in one request (an emptied cell removes that attribute).
import { api } from './api.js';
import { act, h, fill } from './dom.js';

export async function casesView(pid, { show }) {
  const [project, initial] = await Promise.all([api(`/projects/${pid}`), api(`/projects/${pid}/cases`)]);
  const editable = project.role === 'SUPERVISOR' || project.role === 'OWNER';
  const card = h('section', { class: 'card', 'aria-labelledby': 'cases-heading' });
  const status = h('p', { class: 'ok', role: 'status' });
  let cases = initial;
  let extra = []; // attribute columns added on this page, not saved yet

  function render() {
    const names = [...new Set([...cases.flatMap(c => Object.keys(c.attributes)), ...extra])].sort();
    const inputs = new Map(); // case name -> attribute -> input
    const rows = cases.map(c => {
      const row = new Map();
      inputs.set(c.name, row);
      return h('tr', {}, h('th', { scope: 'row' }, c.name),
        names.map(n => {
          if (!editable) return h('td', {}, c.attributes[n] ?? '');
          const input = h('input', { value: c.attributes[n] ?? '', 'aria-label': `${n} of ${c.name}`, maxlength: 1000 });
          row.set(n, input);
          return h('td', {}, input);
        }),
        h('td', { class: 'muted' }, String(c.documentIds.length)));
    });
    const children = [h('h2', { id: 'cases-heading' }, `Cases (${cases.length})`),
      cases.length === 0 ? h('p', { class: 'muted' }, 'No cases yet: give documents a case, or import an attributes table on the project home.') : null,
      h('table', { class: 'cases-table' },
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Case'), names.map(n => h('th', { scope: 'col' }, n)),
          h('th', { scope: 'col' }, 'Documents'))),
        h('tbody', {}, rows))];
    if (editable && cases.length) {
      const column = h('input', { id: 'new-attribute', autocomplete: 'off', maxlength: 200 });
      const addColumn = h('button', { type: 'button', class: 'secondary', onclick: () => {
        const name = column.value.trim();
        if (name && !names.includes(name)) { extra.push(name); render(); }
      } }, 'Add attribute');
      const save = h('button', { type: 'button', onclick: () => act(save, async () => {
        const changed = cases.map(c => ({ case: c.name, attributes: Object.fromEntries([...inputs.get(c.name)]
          .map(([n, input]) => [n, input.value.trim()]).filter(([n, v]) => v !== (c.attributes[n] ?? ''))) }))
          .filter(c => Object.keys(c.attributes).length);
        if (changed.length === 0) { status.textContent = 'Nothing changed.'; return; }
        const result = await api(`/projects/${pid}/attributes`, { method: 'PUT', body: { cases: changed } });
        cases = await api(`/projects/${pid}/cases`);
        extra = [];
        render();
        status.textContent = `Saved: attributes of ${result.casesUpdated} case(s) changed.`;
      }) }, 'Save attributes');
      children.push(h('p', { class: 'code-actions' }, h('label', { for: 'new-attribute' }, 'New attribute '), column, addColumn),
        h('p', {}, save));
    }
    fill(card, ...children);
  }

  render();
  show(h('p', {}, h('a', { href: `#/projects/${pid}` }, `← ${project.name}`)), h('h1', {}, `Cases: ${project.name}`), status, card);
}
