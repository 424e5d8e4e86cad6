/**
 * Live co-coding: follows the project's change notices (server-sent events) while a page is open (the viewer, the
 * codebook, the memos). A notice says only that codings or memos changed on a document, or that the codebook changed
 * (which code); the page reads them again through the API, which applies every visibility rule again. Notices
 * arriving close together are answered with one reload: each handler gets the documents (or codes) named since the
 * last call, null among them meaning "anything may have changed" (a memo on the project, or a reconnect).
 */
export function followProject(pid, { onCodings = () => {}, onMemos = () => {}, onCodebook = () => {}, wait = 200 }) {
  const source = new EventSource(`/api/v1/projects/${pid}/events`, { withCredentials: true });
  const handlers = { codings: onCodings, memos: onMemos, codebook: onCodebook };
  const pending = { codings: new Set(), memos: new Set(), codebook: new Set() };
  let timer = null;
  let opened = false;
  const flush = () => {
    timer = null;
    // the codebook first: a page redrawing its codings after a merge then already knows the code they moved to
    for (const kind of ['codebook', 'codings', 'memos']) {
      const named = [...pending[kind]];
      pending[kind].clear();
      if (named.length) handlers[kind](named);
    }
  };
  const later = (kind, id) => {
    pending[kind].add(id ?? null);
    if (!timer) timer = setTimeout(flush, wait);
  };
  source.addEventListener('codings', event => later('codings', JSON.parse(event.data).documentId));
  source.addEventListener('memos', event => later('memos', JSON.parse(event.data).documentId));
  source.addEventListener('codebook', event => later('codebook', JSON.parse(event.data).codeId));
  // After a reconnect (the stream fell behind, or the network dropped) notices may have been missed: reload all.
  source.addEventListener('open', () => {
    if (opened) { later('codebook', null); later('codings', null); later('memos', null); }
    opened = true;
  });
  return () => { clearTimeout(timer); source.close(); };
}
