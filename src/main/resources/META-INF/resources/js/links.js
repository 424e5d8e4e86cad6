// Addresses of a place in a document, written by search hits and a code's segment list and read by the router:
// #/projects/{pid}/documents/{did}?at=<offset>&layer=<mine|master|all|coder:NAME>&coding=<id>&marks=<start-end,…>
// (offsets in UTF-16 units, as the API gives them). The viewer keeps the layer shown in the address, so a reload
// shows the same layer.

/** The viewer's name of the layer a coding is in: the master layer, or its coder's own. */
export function layerOf(layer, coder) {
  return layer === 'MASTER' ? 'master' : `coder:${coder}`;
}

export function documentHref(pid, did, { at, layer, coding, marks } = {}) {
  const params = new URLSearchParams();
  if (at !== undefined && at !== null) params.set('at', at);
  if (layer) params.set('layer', layer);
  if (coding) params.set('coding', coding);
  if (marks?.length) params.set('marks', marks.map(m => `${m.start}-${m.end}`).join(','));
  const query = params.toString();
  return `#/projects/${pid}/documents/${did}${query ? `?${query}` : ''}`;
}

/** Most marks a link carries (a long hit line marks a few dozen words at most); more are left out, not refused. */
const MAX_MARKS = 200;

/** What a document address asks for; anything unreadable is left out (the document still opens). */
export function documentPlace(query) {
  const params = new URLSearchParams(query ?? '');
  const number = name => (/^\d+$/.test(params.get(name) ?? '') ? Number(params.get(name)) : undefined);
  const marks = (params.get('marks') ?? '').split(',').map(pair => pair.match(/^(\d+)-(\d+)$/))
    .filter(m => m && Number(m[1]) < Number(m[2])).slice(0, MAX_MARKS)
    .map(m => ({ start: Number(m[1]), end: Number(m[2]) }));
  return { at: number('at'), layer: params.get('layer') ?? undefined, coding: number('coding'), marks };
}

/** The same address with one parameter changed: the viewer records the layer shown without a new history entry. */
export function withParam(hash, name, value) {
  const [path, query] = hash.split('?');
  const params = new URLSearchParams(query ?? '');
  params.set(name, value);
  return `${path}?${params}`;
}

// A deep link followed while signed out: kept for this tab across the sign-in page (and a single sign-on round trip),
// then shown once signed in, instead of the project list.
const AFTER_SIGN_IN = 'margin.after-sign-in';

export function rememberForSignIn(hash) {
  try { if (hash.startsWith('#/')) sessionStorage.setItem(AFTER_SIGN_IN, hash); } catch { /* storage off: the list */ }
}

/** The address remembered at sign-in (forgotten once read), or null. Only in-app routes, never another site. */
export function addressAfterSignIn() {
  let hash = null;
  try {
    hash = sessionStorage.getItem(AFTER_SIGN_IN);
    sessionStorage.removeItem(AFTER_SIGN_IN);
  } catch { /* storage off */ }
  return hash?.startsWith('#/') ? hash : null;
}
