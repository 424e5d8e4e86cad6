// The Accounts page (administrators): every account with its state, creating one, disabling and enabling it, and
// resetting a forgotten password. Disabling or resetting ends the account's sessions at once (the server does that).
import { api } from './api.js';
import { act as actBeside, h, fill } from './dom.js';

export async function accountsView({ me, show, showError }) {
  const table = h('section', { class: 'card', 'aria-labelledby': 'accounts-heading' });
  const status = h('p', { class: 'ok', role: 'status' });
  const date = iso => new Date(iso).toLocaleDateString();

  /** One change, with the control that asked for it busy until it is done; then the list as it is now. */
  const act = (controls, action, message) => {
    const [control, ...others] = [controls].flat();
    return actBeside(control, async () => {
      await action();
      render(await api('/users'));
      status.textContent = message;
    }, { others });
  };

  function resetForm(user, cell) {
    const id = `reset-${user.username}`;
    const password = h('input', { id, type: 'password', autocomplete: 'new-password', required: true, minlength: 8 });
    const save = h('button', { type: 'submit' }, 'Set password');
    const cancel = h('button', { type: 'button', class: 'secondary', onclick: () => render(current) }, 'Cancel');
    const form = h('form', { class: 'account-reset' },
      h('label', { for: id }, `New password for ${user.username}`), password, save, cancel);
    form.addEventListener('submit', event => {
      event.preventDefault();
      act([save, cancel], () => api(`/users/${encodeURIComponent(user.username)}/password`,
        { method: 'PUT', body: { newPassword: password.value } }),
      `The password of ${user.username} is reset; their sessions have ended.`);
    });
    fill(cell, form);
    password.focus();
  }

  let current = [];
  function render(users) {
    current = users;
    const rows = users.map(u => {
      const actions = h('td', { class: 'account-actions' });
      const self = u.username === me.username;
      actions.append(
        u.enabled
          ? h('button', { type: 'button', class: 'secondary', disabled: self, title: self ? 'You cannot disable your own account.' : null,
              'aria-label': `Disable ${u.username}`,
              onclick: event => act(event.currentTarget, () => api(`/users/${encodeURIComponent(u.username)}/enabled`,
                { method: 'PUT', body: { enabled: false } }), `${u.username} is disabled and signed out everywhere.`) }, 'Disable')
          : h('button', { type: 'button', class: 'secondary', 'aria-label': `Enable ${u.username}`,
              onclick: event => act(event.currentTarget, () => api(`/users/${encodeURIComponent(u.username)}/enabled`,
                { method: 'PUT', body: { enabled: true } }), `${u.username} can sign in again.`) }, 'Enable'),
        ' ',
        h('button', { type: 'button', class: 'secondary', 'aria-label': `Reset the password of ${u.username}`,
          onclick: () => resetForm(u, actions) }, 'Reset password'));
      return h('tr', { 'data-username': u.username },
        h('td', {}, u.username), h('td', {}, u.displayName ?? ''), h('td', {}, u.admin ? 'administrator' : '—'),
        h('td', { class: u.enabled ? '' : 'disabled-account' }, u.enabled ? 'enabled' : 'disabled'),
        h('td', {}, u.createdAt ? date(u.createdAt) : '—'), actions);
    });
    fill(table,
      h('h2', { id: 'accounts-heading' }, `Accounts (${users.length})`),
      h('table', {},
        h('thead', {}, h('tr', {}, ['User name', 'Display name', 'Role', 'State', 'Created', 'Actions']
          .map(t => h('th', { scope: 'col' }, t)))),
        h('tbody', {}, rows)));
  }

  function createForm() {
    const username = h('input', { id: 'new-account', autocomplete: 'off', required: true });
    const displayName = h('input', { id: 'new-account-name', autocomplete: 'off' });
    const password = h('input', { id: 'new-account-password', type: 'password', autocomplete: 'new-password', required: true, minlength: 8 });
    const admin = h('input', { id: 'new-account-admin', type: 'checkbox' });
    const create = h('button', { type: 'submit' }, 'Create account');
    const form = h('form', { class: 'member-form' },
      h('label', { for: 'new-account' }, 'User name'), username,
      h('label', { for: 'new-account-name' }, 'Display name'), displayName,
      h('label', { for: 'new-account-password' }, 'Password'), password,
      h('label', { for: 'new-account-admin' }, 'Administrator'), admin, create);
    form.addEventListener('submit', event => {
      event.preventDefault();
      const name = username.value.trim();
      act(create, async () => {
        await api('/users', { method: 'POST', body: { username: name, displayName: displayName.value.trim() || null,
          password: password.value, admin: admin.checked } });
        form.reset();
      }, `Created the account ${name}.`);
    });
    return h('section', { class: 'card', 'aria-labelledby': 'create-account-heading' },
      h('h2', { id: 'create-account-heading' }, 'Create an account'),
      h('p', { class: 'muted' }, 'A password needs at least 8 characters, must not be the user name and not a common '
        + 'password. Give it to the person yourself, not by e-mail.'),
      form);
  }

  render(await api('/users'));
  show(h('p', {}, h('a', { href: '#/' }, '← All projects')), h('h1', {}, 'Accounts'), status, table, createForm());
}
