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

const query = new URLSearchParams(location.search);
if (query.get('error') === 'locked') {
  show(tooMany(query.get('retry')));
} else if (query.has('error')) {
  show(WRONG);
}

// Demo mode: say plainly that the demo accounts have a public password.
fetch('/api/v1/session/info', { credentials: 'omit' })
  .then(response => (response.ok ? response.json() : null))
  .then(info => {
    if (!info || !info.demo) return;
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
