/**
 * Live co-coding: follows the project's change notices (server-sent events) while a document is open. A notice says
 * only that codings or memos changed on a document; the viewer reads them again through the API, which applies
 * every visibility rule again. Notices arriving close together are answered with one reload.
 */
export function followProject(pid, { onCodings, onMemos, wait = 200 }) {
  const source = new EventSource(`/api/v1/projects/${pid}/events`, { withCredentials: true });
  const pending = { codings: new Set(), memos: new Set() };
  let timer = null;
  let opened = false;
  const flush = () => {
    timer = null;
    const codings = [...pending.codings];
    const memos = [...pending.memos];
    pending.codings.clear();
    pending.memos.clear();
    if (codings.length) onCodings(codings);
    if (memos.length) onMemos(memos);
  };
  const later = (kind, documentId) => {
    pending[kind].add(documentId ?? null);
    if (!timer) timer = setTimeout(flush, wait);
  };
  source.addEventListener('codings', event => later('codings', JSON.parse(event.data).documentId));
  source.addEventListener('memos', event => later('memos', JSON.parse(event.data).documentId));
  // After a reconnect (the stream fell behind, or the network dropped) notices may have been missed: reload all.
  source.addEventListener('open', () => {
    if (opened) { later('codings', null); later('memos', null); }
    opened = true;
  });
  return () => { clearTimeout(timer); source.close(); };
}
