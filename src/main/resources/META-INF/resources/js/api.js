// The one way pages talk to Margin's API: same-origin session cookie, the header that the CSRF guard requires,
// and RFC 9457 problems turned into readable errors.
export class ApiError extends Error {
  constructor(status, detail) {
    super(detail);
    this.status = status;
  }
}

/** A readable sentence for a refused request: the problem's detail, or (when the server sent none) what the status means. */
export function refusal(status, problem) {
  if (problem?.detail) return problem.detail;
  if (status === 413) {
    return 'This is larger than the Margin server accepts in one upload. Split the file, or ask the administrator '
      + 'to raise quarkus.http.limits.max-body-size.';
  }
  return `Margin could not complete this (${status}).`;
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
    const problem = await response.json().catch(() => null); // not JSON: the generic sentence
    throw new ApiError(response.status, refusal(response.status, problem));
  }
  return response.status === 204 ? null : response.json();
}
