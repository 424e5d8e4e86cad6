// The API tokens page (every signed-in user): creating a named token for scripts, optionally expiring, whose secret is
// shown this once with a copy button; the list of one's tokens (never their secrets) and revoking them.
import { api } from './api.js';
import { act, h, fill } from './dom.js';

const EXPIRY = [['30', '30 days'], ['7', '7 days'], ['90', '90 days'], ['365', 'one year'], ['date', 'on a date…'],
  ['never', 'never']];

export async function tokensView({ show, showError }) {
  const status = h('p', { class: 'ok', role: 'status' });
  const list = h('section', { class: 'card', 'aria-labelledby': 'tokens-heading' });
  const secret = h('div');
  const when = iso => (iso ? new Date(iso).toLocaleString() : '—');

  async function refresh() {
    render(await api('/me/tokens'));
  }

  function render(tokens) {
    const rows = tokens.map(t => h('tr', { 'data-token-name': t.name },
      h('td', {}, t.name), h('td', {}, h('code', {}, `${t.hint}…`)), h('td', {}, when(t.createdAt)),
      h('td', {}, t.lastUsedAt ? when(t.lastUsedAt) : 'never'),
      h('td', { class: t.expired ? 'disabled-account' : '' }, t.expiresAt ? (t.expired ? `expired ${when(t.expiresAt)}` : when(t.expiresAt)) : 'never'),
      h('td', {}, h('button', { type: 'button', class: 'secondary', 'aria-label': `Revoke ${t.name}`,
        onclick: event => act(event.currentTarget, async () => {
          await api(`/me/tokens/${t.id}`, { method: 'DELETE' });
          await refresh();
          status.textContent = `Revoked ${t.name}: scripts using it are refused from now on.`;
        }) }, 'Revoke'))));
    fill(list,
      h('h2', { id: 'tokens-heading' }, `Your API tokens (${tokens.length})`),
      tokens.length === 0 ? h('p', { class: 'muted' }, 'You have no API tokens.')
        : h('table', {},
          h('thead', {}, h('tr', {}, ['Name', 'Starts with', 'Created', 'Last used', 'Expires', 'Actions']
            .map(t => h('th', { scope: 'col' }, t)))),
          h('tbody', {}, rows)));
  }

  function showSecret(created) {
    const field = h('input', { id: 'new-token-secret', readonly: true, value: created.token, size: 60,
      'aria-describedby': 'new-token-warning' });
    const copied = h('span', { role: 'status', class: 'ok' });
    const copy = h('button', { type: 'button', onclick: async () => {
      field.select();
      try {
        await navigator.clipboard.writeText(created.token);
      } catch {
        document.execCommand('copy'); // no clipboard API outside https and localhost
      }
      copied.textContent = 'Copied.';
    } }, 'Copy');
    fill(secret, h('section', { class: 'card', 'aria-labelledby': 'new-token-heading' },
      h('h2', { id: 'new-token-heading' }, `Your new token “${created.name}”`),
      h('p', { id: 'new-token-warning' }, 'Copy it now: Margin shows it only this once and keeps only a fingerprint of '
        + 'it. Treat it like your password.'),
      h('label', { for: 'new-token-secret' }, 'Token'), ' ', field, ' ', copy, ' ', copied,
      h('p', { class: 'muted' }, 'Send it as ', h('code', {}, 'Authorization: Bearer <token>'), ', e.g. ',
        h('code', {}, `curl -H "Authorization: Bearer $MARGIN_TOKEN" ${location.origin}/api/v1/projects`))));
    field.select();
  }

  function createForm() {
    const name = h('input', { id: 'new-token-name', autocomplete: 'off', required: true, maxlength: 100 });
    const expiry = h('select', { id: 'new-token-expiry' }, EXPIRY.map(([value, label]) => h('option', { value }, label)));
    const date = h('input', { id: 'new-token-date', type: 'date', hidden: true,
      min: new Date().toISOString().slice(0, 10) });
    const dateLabel = h('label', { for: 'new-token-date', hidden: true }, 'Last day');
    expiry.addEventListener('change', () => {
      date.hidden = dateLabel.hidden = expiry.value !== 'date';
      date.required = expiry.value === 'date';
    });
    const create = h('button', { type: 'submit' }, 'Create token');
    const form = h('form', { class: 'member-form' },
      h('label', { for: 'new-token-name' }, 'Name'), name,
      h('label', { for: 'new-token-expiry' }, 'Expires after'), expiry, dateLabel, date, create);
    form.addEventListener('submit', event => {
      event.preventDefault();
      const body = { name: name.value.trim() };
      if (expiry.value === 'date') body.expiresOn = date.value;
      else if (expiry.value !== 'never') body.expiresInDays = Number(expiry.value);
      act(create, async () => {
        const created = await api('/me/tokens', { method: 'POST', body });
        form.reset();
        date.hidden = dateLabel.hidden = true;
        showSecret(created);
        await refresh();
        status.textContent = `Created the token ${created.name}.`;
      });
    });
    return h('section', { class: 'card', 'aria-labelledby': 'create-token-heading' },
      h('h2', { id: 'create-token-heading' }, 'Create a token'),
      h('p', { class: 'muted' }, 'A token lets a script act as you, with your roles in every project, without your '
        + 'password. Name it after the script or machine that uses it, and revoke it when that is done.'),
      form);
  }

  await refresh();
  show(h('p', {}, h('a', { href: '#/' }, '← All projects')), h('h1', {}, 'API tokens'), status, secret, createForm(), list);
}
