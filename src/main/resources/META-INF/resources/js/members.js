// The members card of a project home: everyone sees who is in the project; OWNERs add people, change roles and
// remove members (Margin refuses to remove the last owner, and says so).
import { api } from './api.js';
import { act as actBeside, h, fill } from './dom.js';

const ROLES = ['OWNER', 'SUPERVISOR', 'CODER', 'VIEWER'];

export function membersCard(pid, project, initialMembers, showError) {
  const manage = project.role === 'OWNER';
  const card = h('section', { class: 'card', 'aria-labelledby': 'members-heading' });
  const note = text => card.append(h('p', { class: 'ok', role: 'status' }, text));

  const roleSelect = (id, value) => {
    const select = h('select', { id }, ROLES.map(r => h('option', { value: r }, r.toLowerCase())));
    select.value = value;
    return select;
  };

  /** One change, with the control that asked for it busy until it is done (a double click adds one member). */
  function act(control, action, message) {
    return actBeside(control, async () => {
      await action();
      render(await api(`/projects/${pid}/members`));
      note(message);
    });
  }

  function render(members) {
    const rows = members.map(m => {
      if (!manage) return h('li', {}, m.displayName, ' ', h('span', { class: 'muted' }, `${m.username} · ${m.role.toLowerCase()}`));
      const select = roleSelect(`role-${m.username}`, m.role);
      select.addEventListener('change', () => act(select,
        () => api(`/projects/${pid}/members/${encodeURIComponent(m.username)}`, { method: 'PUT', body: { role: select.value } }),
        `${m.username} is now ${select.value.toLowerCase()}.`));
      return h('li', { class: 'member' }, h('span', {}, m.displayName, ' ', h('span', { class: 'muted' }, m.username)),
        h('label', { for: `role-${m.username}`, class: 'visually-hidden' }, `Role of ${m.username}`), select,
        h('button', { type: 'button', class: 'secondary', 'aria-label': `Remove ${m.username}`, onclick: event => act(event.currentTarget,
          () => api(`/projects/${pid}/members/${encodeURIComponent(m.username)}`, { method: 'DELETE' }),
          `Removed ${m.username}.`) }, 'Remove'));
    });
    const children = [h('h2', { id: 'members-heading' }, 'Members'), h('ul', { class: 'members' }, rows)];
    if (manage) {
      const username = h('input', { id: 'new-member', autocomplete: 'off' });
      const role = roleSelect('new-member-role', 'CODER');
      const add = h('button', { type: 'submit' }, 'Add member');
      const form = h('form', { class: 'member-form' },
        h('label', { for: 'new-member' }, 'User name or e-mail'), username,
        h('label', { for: 'new-member-role' }, 'Role'), role, add);
      form.addEventListener('submit', event => {
        event.preventDefault();
        act(add, () => api(`/projects/${pid}/members`, { method: 'POST', body: { username: username.value.trim(), role: role.value } }),
          `Added ${username.value.trim()} as ${role.value.toLowerCase()}.`);
      });
      children.push(form);
    }
    fill(card, ...children);
  }

  render(initialMembers);
  return card;
}
