// The one way pages talk to Margin's API: same-origin session cookie, the header that the CSRF guard requires,
// an Idempotency-Key on every changing request, and RFC 9457 problems turned into readable errors.
import { rememberForSignIn } from './links.js';

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

/** A random UUID; crypto.randomUUID exists only on https and localhost, getRandomValues everywhere. */
function newKey() {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  const hex = [...bytes].map(b => b.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

// Changing requests whose last try ended without an answer (the connection dropped, the server failed, or it was
// still busy with it): sending the same request again is a retry of that action, so it reuses its key, and the
// server carries it out at most once. Any answer that settles the request forgets it: the next is a new action.
const unsettled = new Map();

/**
 * The Idempotency-Key for one user action, described by a signature (method, address and body): a new key, unless
 * the same request's last try is unsettled.
 */
export function actionKey(signature) {
  return unsettled.get(signature) ?? newKey();
}

/** Records how a try of an action ended: settled (an answer that says what happened) or not (try again with the key). */
export function settle(signature, key, settled) {
  if (settled) unsettled.delete(signature);
  else unsettled.set(signature, key);
}

/** Whether an answer leaves the outcome open: a server failure, or "still being processed" (409 with Retry-After). */
export function unsettledAnswer(status, retryAfter) {
  return status >= 500 || (status === 409 && retryAfter !== null);
}

const pause = ms => new Promise(resolve => setTimeout(resolve, ms));
const CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// Answers of GET requests that carry an ETag (opening a document), kept in this page's memory only: API answers are
// never stored by the browser's HTTP cache (Cache-Control: no-store, they hold interview text), so the page keeps the
// last few itself and asks with If-None-Match; an unchanged document then comes back as a bodiless 304.
const tagged = new Map();
const TAGGED_KEPT = 20;

/** A GET like {@link api}, revalidated by ETag: the kept answer when the server says 304 Not Modified. */
export async function revalidated(path) {
  const kept = tagged.get(path);
  const headers = { 'X-Margin-Request': '1', Accept: 'application/json' };
  if (kept) headers['If-None-Match'] = kept.etag;
  let response;
  try {
    response = await fetch(`/api/v1${path}`, { headers, credentials: 'same-origin', cache: 'no-store' });
  } catch {
    throw new ApiError(0, 'Margin could not be reached. Check the connection, then try again.');
  }
  if (response.status === 304 && kept) {
    tagged.delete(path);
    tagged.set(path, kept); // the most recently used last
    return structuredClone(kept.body); // the page may change what it is given
  }
  if (response.status === 401) {
    location.assign('/login.html');
    throw new ApiError(401, 'Sign in to use Margin.');
  }
  if (!response.ok) {
    tagged.delete(path);
    const problem = await response.json().catch(() => null);
    throw new ApiError(response.status, refusal(response.status, problem));
  }
  const body = await response.json();
  const etag = response.headers.get('ETag');
  tagged.delete(path);
  if (etag) {
    tagged.set(path, { etag, body: structuredClone(body) });
    if (tagged.size > TAGGED_KEPT) tagged.delete(tagged.keys().next().value);
  }
  return body;
}

export async function api(path, { method = 'GET', body } = {}) {
  const headers = { 'X-Margin-Request': '1', Accept: 'application/json' };
  const payload = body === undefined ? undefined : JSON.stringify(body);
  if (payload !== undefined) headers['Content-Type'] = 'application/json';
  const changing = CHANGING.has(method);
  const signature = `${method} ${path} ${payload ?? ''}`;
  if (changing) headers['Idempotency-Key'] = actionKey(signature);
  let response;
  for (let attempt = 1; ; attempt++) {
    try {
      response = await fetch(`/api/v1${path}`, { method, headers, credentials: 'same-origin', body: payload });
    } catch {
      // no answer at all: safe to send again with the same key, a few times, then let the reader try again
      if (changing && attempt < 3) { await pause(700 * attempt); continue; }
      if (changing) settle(signature, headers['Idempotency-Key'], false);
      throw new ApiError(0, 'Margin could not be reached. Check the connection, then try again.');
    }
    const retryAfter = response.headers.get('Retry-After');
    if (changing && response.status === 409 && retryAfter !== null && attempt < 10) {
      await pause(1000 * Math.min(5, Number(retryAfter) || 1)); // the first try is still running: ask again for its answer
      continue;
    }
    if (changing) settle(signature, headers['Idempotency-Key'], !unsettledAnswer(response.status, retryAfter));
    break;
  }
  if (response.status === 401) {
    rememberForSignIn(location.hash); // the page asked for opens after signing in
    location.assign('/login.html');
    throw new ApiError(401, 'Sign in to use Margin.');
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => null); // not JSON: the generic sentence
    throw new ApiError(response.status, refusal(response.status, problem));
  }
  return response.status === 204 ? null : response.json();
}
