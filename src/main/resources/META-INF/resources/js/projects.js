// Creating a project from the project list, and the OWNER's settings card on a project's home: rename, describe,
// delete. Deleting asks the owner to type the project's name after saying what goes with it.
import { api } from './api.js';
import { act, count, h } from './dom.js';

/** The "New project" form of the project list; a created project opens at once. */
export function newProjectForm(showError) {
  const name = h('input', { id: 'new-project-name', required: true, maxlength: 200, autocomplete: 'off' });
  const description = h('textarea', { id: 'new-project-description', rows: 2, maxlength: 5000 });
  const create = h('button', { type: 'submit' }, 'Create project');
  const form = h('form', { class: 'card project-form', 'aria-labelledby': 'new-project-heading' },
    h('h2', { id: 'new-project-heading' }, 'New project'),
    h('label', { for: 'new-project-name' }, 'Name'), name,
    h('label', { for: 'new-project-description' }, 'Description (optional)'), description,
    h('p', { class: 'muted' }, 'You become its owner and can add your team as members.'),
    create);
  form.addEventListener('submit', event => {
    event.preventDefault();
    act(create, async () => {
      const project = await api('/projects', { method: 'POST', body: { name: name.value.trim(), description: description.value.trim() || null } });
      location.hash = `#/projects/${project.id}`;
    });
  });
  return form;
}

/**
 * The settings card an OWNER sees on the project home. `contents` says what deleting would take with it
 * ({documents, codes, codings, memos}).
 */
export function projectSettingsCard(initialProject, contents, showError) {
  let project = initialProject;
  const card = h('section', { class: 'card', 'aria-labelledby': 'settings-heading' });
  const name = h('input', { id: 'project-name', required: true, maxlength: 200, value: project.name });
  const description = h('textarea', { id: 'project-description', rows: 2, maxlength: 5000 });
  description.value = project.description ?? '';
  const save = h('button', { type: 'submit' }, 'Save name and description');
  // Created on the first save only: an empty status region would be mistaken for another card's news.
  const status = h('p', { role: 'status', class: 'ok', hidden: true });
  const form = h('form', { class: 'project-form' },
    h('label', { for: 'project-name' }, 'Name'), name,
    h('label', { for: 'project-description' }, 'Description'), description, save);
  form.addEventListener('submit', event => {
    event.preventDefault();
    act(save, async () => {
      project = await api(`/projects/${project.id}`, { method: 'PUT',
        body: { name: name.value.trim(), description: description.value.trim() || null, version: project.version } });
      document.querySelector('h1').textContent = project.name;
      status.hidden = false;
      status.textContent = 'Saved.';
    });
  });

  const confirmation = h('div', { class: 'danger', hidden: true });
  const warning = h('p', { id: 'delete-warning' });
  const askToDelete = h('button', { type: 'button', class: 'secondary', onclick: () => {
    // Written when asked, so that it names the project as it is called now (after a rename on this page).
    warning.textContent = `Deleting “${project.name}” removes ${count(contents.documents, 'document')}, `
      + `${count(contents.codes, 'code')}, ${count(contents.codings, 'coding')} and ${count(contents.memos, 'memo')} `
      + 'for every member. This cannot be undone; make a backup or a REFI-QDA export first.';
    confirmation.hidden = false;
    askToDelete.hidden = true;
    confirmation.querySelector('input').focus();
  } }, 'Delete this project…');
  const typed = h('input', { id: 'confirm-project-name', autocomplete: 'off' });
  const remove = h('button', { type: 'button', class: 'danger', disabled: true }, 'Delete for good');
  typed.addEventListener('input', () => { remove.disabled = typed.value !== project.name; });
  remove.addEventListener('click', () => act(remove, async () => {
    await api(`/projects/${project.id}`, { method: 'DELETE' });
    location.hash = '#/';
  }));
  confirmation.append(
    warning,
    h('label', { for: 'confirm-project-name' }, 'Type the project name to confirm'), typed, remove,
    h('button', { type: 'button', class: 'secondary', onclick: () => {
      confirmation.hidden = true; askToDelete.hidden = false; typed.value = ''; remove.disabled = true;
    } }, 'Keep the project'));

  card.append(h('h2', { id: 'settings-heading' }, 'Project settings'), form, status, askToDelete, confirmation);
  return card;
}
