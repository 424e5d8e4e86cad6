// Margin's pages: a hash router over the project list and a project's home.
import { api, revalidated } from './api.js';
import { h, fill } from './dom.js';
import { documentView } from './viewer.js';
import { addressAfterSignIn, documentPlace, rememberForSignIn } from './links.js';
import { importPanel } from './importer.js';
import { codebookView } from './codebook.js';
import { searchView } from './search.js';
import { analysisView } from './analysis.js';
import { membersCard } from './members.js';
import { exportsView, qdpxImportControl } from './exports.js';
import { agreementView } from './agreement.js';
import { newProjectForm, projectSettingsCard } from './projects.js';
import { accountsView } from './accounts.js';
import { tokensView } from './tokens.js';
import { memosView } from './memos.js';
import { documentControls } from './documents.js';
import { casesView } from './cases.js';

const view = document.getElementById('view');
const message = document.getElementById('message');
let me = null;

let navigation = 0;

/**
 * Shows a page, unless the reader has navigated on since the page was asked for: a slow earlier page (the project
 * list still loading when a link to a document is followed) must not replace the newer one.
 */
function showFor(current) {
  return (...nodes) => { if (current === navigation) show(...nodes); };
}

/**
 * A new page starts at its top (a document opened from low in a list used to open mid-document). A part a page
 * leaves out (`cond ? part : null`) is dropped, as fill() drops it.
 */
function show(...nodes) {
  fill(view, ...nodes);
  window.scrollTo(0, 0);
  view.focus({ preventScroll: true });
}

/** Shows an API error as a readable sentence; showError(null) clears it after a later success. */
function showError(error) {
  message.hidden = !error;
  if (error) message.textContent = error.message;
}

async function projectList(show) {
  const list = h('div', {});
  const renderProjects = projects => fill(list, projects.length === 0
    ? h('p', { class: 'muted' }, 'You are not a member of any project yet.')
    : h('div', { class: 'card' }, h('table', {},
        h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Project'), h('th', { scope: 'col' }, 'Your role'))),
        h('tbody', {}, projects.map(p => h('tr', {},
          h('td', {}, h('a', { href: `#/projects/${p.id}` }, p.name)),
          h('td', {}, p.role.toLowerCase())))))));
  renderProjects(await api('/projects'));
  show(
    h('h1', {}, 'Your projects'),
    list,
    newProjectForm(showError),
    // the imported project joins the list at once; the import's report stays where it is
    qdpxImportControl({ onImported: async () => renderProjects(await api('/projects')) }),
  );
}

function codeTree(codes) {
  const children = new Map();
  for (const code of codes) {
    const key = code.parentId ?? 'root';
    if (!children.has(key)) children.set(key, []);
    children.get(key).push(code);
  }
  const branch = key => h('ul', {}, (children.get(key) ?? []).map(code => h('li', {},
    h('span', { class: 'swatch', style: { background: code.color }, 'aria-hidden': 'true' }),
    code.name, ' ', h('span', { class: 'muted' }, `(${code.codings})`),
    children.has(code.id) ? branch(code.id) : null)));
  return h('div', { class: 'codebook' }, branch('root'));
}

async function projectHome(id, show) {
  const [project, documents, members, codes] = await Promise.all([
    // the documents, the codebook and the counts carry ETags: coming back to an unchanged project costs three 304s
    api(`/projects/${id}`), revalidated(`/projects/${id}/documents`), api(`/projects/${id}/members`),
    revalidated(`/projects/${id}/codes`),
  ]);
  let codingCount = 0;
  /**
   * "demo-coder1 (17), demo-coder2 (17)" per document, from the codings the caller may see: counted by the server per
   * document, coder and layer (a coder's master and own codings are summed, as the column has always shown them).
   */
  const codedBy = async () => {
    const byDocument = new Map();
    codingCount = 0;
    for (const c of await revalidated(`/projects/${id}/codings/counts`)) {
      const counts = byDocument.get(c.documentId) ?? new Map();
      counts.set(c.coder, (counts.get(c.coder) ?? 0) + c.codings);
      byDocument.set(c.documentId, counts);
      codingCount += c.codings;
    }
    return byDocument;
  };
  const attributeSummary = d => Object.entries(d.attributes ?? {})
    .filter(([name]) => ['gender', 'birth_decade', 'arrival_year', 'format'].includes(name)).map(([, v]) => v).join(', ');
  const documentsSection = h('section', { class: 'card', 'aria-labelledby': 'documents-heading' });
  const managesDocuments = project.role === 'SUPERVISOR' || project.role === 'OWNER';
  const documentStatus = h('p', { class: 'ok', role: 'status', hidden: true }); // shown at the first change
  const columns = ['Title', 'Kind', 'Case', 'Attributes', 'Length', 'Coded by', ...(managesDocuments ? ['Actions'] : [])];
  const codingsOf = (coding, d) => [...(coding.get(d.id) ?? new Map()).values()].reduce((a, b) => a + b, 0);
  const renderDocuments = (list, coding) => fill(documentsSection,
    h('h2', { id: 'documents-heading' }, `Documents (${list.length})`), documentStatus,
    h('table', {},
      h('thead', {}, h('tr', {}, columns.map(t => h('th', { scope: 'col' }, t)))),
      h('tbody', {}, list.map(d => h('tr', {},
        h('td', {}, h('a', { href: `#/projects/${id}/documents/${d.id}` }, d.title)),
        h('td', {}, d.kind === 'FIELD_NOTE' ? 'field note' : d.kind.toLowerCase()),
        h('td', {}, d.caseName ?? '—'), h('td', { class: 'muted' }, attributeSummary(d)),
        h('td', {}, d.length.toLocaleString()),
        h('td', { class: 'coded-by' }, [...(coding.get(d.id) ?? new Map())].map(([coder, n]) => `${coder} (${n})`).join(', ') || '—'),
        managesDocuments ? documentControls(id, d, { codings: codingsOf(coding, d), columns: columns.length,
          onChanged: async said => {
            await refreshDocuments();
            documentStatus.hidden = false;
            documentStatus.textContent = said;
          } }) : null)))));
  const refreshDocuments = async () => {
    try { renderDocuments(await revalidated(`/projects/${id}/documents`), await codedBy()); } catch (error) { showError(error); }
  };
  renderDocuments(documents, await codedBy());
  show(
    h('p', {}, h('a', { href: '#/' }, '← All projects')),
    h('h1', {}, project.name),
    project.description ? h('p', { class: 'muted' }, project.description) : null,
    h('div', { class: 'grid' },
      documentsSection,
      h('div', {},
        project.role === 'SUPERVISOR' || project.role === 'OWNER' ? importPanel(id, refreshDocuments) : null,
        membersCard(id, project, members, showError),
        project.role === 'OWNER' ? projectSettingsCard(project, {
          documents: documents.length, codes: codes.length, codings: codingCount,
          memos: (await api(`/projects/${id}/memos`)).length,
        }, showError) : null,
        h('section', { class: 'card', 'aria-labelledby': 'codebook-heading' },
          h('h2', { id: 'codebook-heading' }, `Codebook (${codes.length})`),
          h('p', {}, h('a', { href: `#/projects/${id}/codebook` }, 'Open the codebook'), ' · ',
            h('a', { href: `#/projects/${id}/search` }, 'Search the documents'), ' · ',
            h('a', { href: `#/projects/${id}/analysis` }, 'Co-occurrence'), ' · ',
            h('a', { href: `#/projects/${id}/memos` }, 'Memos'), ' · ',
            h('a', { href: `#/projects/${id}/cases` }, 'Cases and attributes')),
          h('p', {}, h('a', { href: `#/projects/${id}/exports` }, 'Exports (segments, codebook, REFI-QDA)')),
          project.role === 'SUPERVISOR' || project.role === 'OWNER' ? h('p', {}, h('a', { href: `#/projects/${id}/agreement` }, 'Inter-coder agreement')) : null,
          codeTree(codes)))),
  );
}

/**
 * Resolves true once the signed-in user is known (false when that failed). The address may change while the page
 * starts: listening from the first moment, each call shows the address it was called for, once, the last one last.
 */
let started;

async function route() {
  const hash = location.hash; // the address this call shows, even if it changes while the page starts
  if (!(await started)) return;
  message.hidden = true;
  const show = showFor(++navigation);
  const documentMatch = hash.match(/^#\/projects\/(\d+)\/documents\/(\d+)(?:\?(.*))?$/);
  const codebookMatch = hash.match(/^#\/projects\/(\d+)\/codebook/);
  const analysisMatch = hash.match(/^#\/projects\/(\d+)\/analysis/);
  const searchMatch = hash.match(/^#\/projects\/(\d+)\/search(?:\?(.*))?$/);
  const exportsMatch = hash.match(/^#\/projects\/(\d+)\/exports/);
  const match = hash.match(/^#\/projects\/(\d+)/);
  try {
    if (documentMatch) {
      await documentView(documentMatch[1], documentMatch[2], { me, show, showError, ...documentPlace(documentMatch[3]) });
    }
    else if (codebookMatch) await codebookView(codebookMatch[1], { show, showError });
    else if (analysisMatch) await analysisView(analysisMatch[1], { show, showError });
    else if (searchMatch) await searchView(searchMatch[1], { show, showError, params: new URLSearchParams(searchMatch[2] ?? '') });
    else if (exportsMatch) await exportsView(exportsMatch[1], { show, showError });
    else if (hash.match(/^#\/projects\/(\d+)\/memos/)) await memosView(match[1], { me, show });
    else if (hash.match(/^#\/projects\/(\d+)\/cases/)) await casesView(match[1], { show });
    else if (hash.match(/^#\/projects\/(\d+)\/agreement/)) await agreementView(match[1], { show, showError });
    else if (hash.match(/^#\/accounts/)) await accountsView({ me, show, showError });
    else if (hash.match(/^#\/tokens/)) await tokensView({ show, showError });
    else if (match) await projectHome(match[1], show);
    else await projectList(show);
  } catch (error) {
    showError(error);
  }
}

/**
 * Whether this browser is signed in, asked of the public session info: a visitor is sent to the sign-in page without
 * asking /me first, whose 401 the browser would log as an error. Unknown (no answer) leaves it to /me.
 */
async function signedIn() {
  const info = await fetch('/api/v1/session/info', { credentials: 'same-origin', headers: { Accept: 'application/json' } })
    .then(response => (response.ok ? response.json() : null), () => null);
  return info?.signedIn ?? true;
}

async function start() {
  started = signedIn().then(yes => {
    if (yes) return api('/me');
    rememberForSignIn(location.hash); // the page asked for opens after signing in
    location.assign('/login.html');
    return null;
  }).then(user => {
    if (!user) return false;
    me = user;
    document.getElementById('who').textContent = me.displayName ?? me.username;
    document.getElementById('accounts-link').hidden = !me.admin; // the API refuses everyone else anyway
    return true;
  }, error => {
    showError(error);
    return false;
  });
  const back = addressAfterSignIn();
  if (back && !location.hash) history.replaceState(null, '', back);
  window.addEventListener('hashchange', route);
  route();
  if (!(await started)) return;
  const logout = document.getElementById('logout');
  logout.addEventListener('click', async () => {
    logout.disabled = true;
    // A session from the identity provider answers where to end it there too (it comes back to the sign-in page).
    const answer = await api('/session/logout', { method: 'POST' }).catch(() => null);
    location.assign(answer?.next ?? '/login.html');
  });
}

start();
