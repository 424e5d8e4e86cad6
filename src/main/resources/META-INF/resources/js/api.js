// The one way pages talk to Margin's API: same-origin session cookie, the header that the CSRF guard requires,
// and RFC 9457 problems turned into readable errors.
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { 'X-Margin-Request': '1', Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, {
    method, headers, credentials: 'same-origin', body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    location.assign('/login.html');
    throw new ApiError(401, 'Sign in to use Margin.');
  }
  if (!response.ok) {
    let detail = `Margin could not complete this (${response.status}).`;
    try {
      const problem = await response.json();
      if (problem.detail) detail = problem.detail;
    } catch { /* not JSON: keep the generic sentence */ }
    throw new ApiError(response.status, detail);
  }
  return response.status === 204 ? null : response.json();
}
