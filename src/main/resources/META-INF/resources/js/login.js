// Signs in through the form authentication endpoint. The form also works without scripts (a wrong password
// then comes back as /login.html?error=1, too many as ?error=locked&retry=<seconds>); with them, the message
// appears in place.
const form = document.querySelector('form');
const error = document.getElementById('login-error');
const WRONG = error.textContent;

function show(message) {
  error.textContent = message;
  error.hidden = false;
}

function tooMany(seconds) {
  const minutes = Math.max(1, Math.ceil(Number(seconds) / 60) || 1);
  return `Too many failed sign-ins; try again in ${minutes === 1 ? '1 minute' : `${minutes} minutes`}.`;
}

// Messages of the single sign-on and of a Margin without local accounts (they come back as ?error=<reason>).
const REASONS = {
  disabled: 'This account is disabled. Ask an administrator of this Margin to enable it again.',
  sso: 'The identity provider signed you in, but did not say who you are in a way Margin can use. '
    + 'Ask the administrator of this Margin.',
  local: 'This Margin does not take user names and passwords: use the single sign-on button.',
};

const query = new URLSearchParams(location.search);
if (query.get('error') === 'locked') {
  show(tooMany(query.get('retry')));
} else if (query.has('error')) {
  show(REASONS[query.get('error')] ?? WRONG);
}

// Demo mode: say plainly that the demo accounts have a public password.
fetch('/api/v1/session/info', { credentials: 'omit' })
  .then(response => (response.ok ? response.json() : null))
  .then(info => {
    if (!info) return;
    if (info.singleSignOn) { // the identity provider's button; the password form only where local accounts are on
      const sso = document.getElementById('sso');
      sso.textContent = `Sign in with ${info.singleSignOn}`;
      sso.hidden = false;
    }
    if (info.localAccounts === false) form.hidden = true;
    if (!info.demo) return;
    const note = document.getElementById('demo-note');
    const accounts = (info.demoAccounts || []).join(', ');
    const password = info.demoPassword ? `the password ${info.demoPassword}` : 'the demo password';
    note.textContent = `Demo mode: the demo accounts (${accounts}) use ${password}, which anyone can read here. `
      + 'Turn demo mode off before you import real interviews.';
    note.hidden = false;
  })
  .catch(() => {});

form.addEventListener('submit', async event => {
  event.preventDefault();
  error.hidden = true;
  const response = await fetch(form.action, {
    method: 'POST', credentials: 'same-origin', headers: { 'X-Margin-Request': '1' },
    body: new URLSearchParams(new FormData(form)),
  });
  // Success redirects to the landing page "/"; too many failures answer 429; anything else is a failed sign-in,
  // whose problem says why (a wrong password, a disabled account).
  if (response.redirected && new URL(response.url).pathname === '/') {
    location.assign('/');
  } else if (response.status === 429) {
    show(tooMany(response.headers.get('Retry-After')));
  } else {
    const problem = await response.json().catch(() => null);
    show(problem?.detail ?? WRONG);
    document.getElementById('j_password').select();
  }
});
