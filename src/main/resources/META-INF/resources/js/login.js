// Signs in through the form authentication endpoint. The form also works without scripts (a wrong password
// then comes back as /login.html?error=1); with them, the message appears in place.
const form = document.querySelector('form');
const error = document.getElementById('login-error');

if (new URLSearchParams(location.search).has('error')) {
  error.hidden = false;
}

form.addEventListener('submit', async event => {
  event.preventDefault();
  error.hidden = true;
  const response = await fetch(form.action, {
    method: 'POST', credentials: 'same-origin', headers: { 'X-Margin-Request': '1' },
    body: new URLSearchParams(new FormData(form)),
  });
  // Success redirects to the landing page "/"; anything else is a failed sign-in, whose problem says why (a wrong
  // password, a disabled account, too many tries).
  if (response.redirected && new URL(response.url).pathname === '/') {
    location.assign('/');
  } else {
    const problem = await response.json().catch(() => null);
    error.textContent = problem?.detail ?? 'The user name or password is wrong.';
    error.hidden = false;
    document.getElementById('j_password').select();
  }
});
