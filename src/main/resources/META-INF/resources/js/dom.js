// A tiny element builder: h('td', {class: 'muted', style: {color: 'red'}}, 'text', child). Text is always set as text, never as HTML,
// so transcript and memo contents can never inject markup.
/** A number with its noun in the right form: count(1, 'coding') is "1 coding", count(1200, 'coding') "1,200 codings". */
export function count(n, noun, plural = `${noun}s`) {
  return `${Number(n).toLocaleString('en')} ${n === 1 ? noun : plural}`;
}

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'style') Object.assign(element.style, value); // CSSOM: allowed by the strict CSP
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/**
 * Replaces an element's children as h() builds them: a part left out (`cond ? part : null`) is dropped, where the
 * DOM's own replaceChildren would write it as the text "null".
 */
export function fill(element, ...children) {
  element.replaceChildren(...children.flat().filter(child => child !== null && child !== undefined && child !== false));
  return element;
}

/** The same for SVG elements (charts): h() would create HTML elements, which do not draw. */
export function svg(tag, attributes = {}, ...children) {
  const element = document.createElementNS('http://www.w3.org/2000/svg', tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/**
 * Runs one user action that sends a change with its controls disabled until the answer is in, so a double click
 * (or a second Enter) sends one request; a control already busy ignores the action. Returns the action's result.
 */
export async function whileBusy(controls, action) {
  const list = (Array.isArray(controls) ? controls : [controls]).filter(Boolean);
  if (list.some(c => c.disabled || c.getAttribute('aria-busy') === 'true')) return undefined;
  for (const c of list) { c.disabled = true; c.setAttribute('aria-busy', 'true'); }
  try {
    return await action();
  } finally {
    for (const c of list) { c.disabled = false; c.removeAttribute('aria-busy'); }
  }
}

/** The problem shown beside each control whose last action was refused. */
const problems = new WeakMap();

/** Shows a refusal right after the control that asked (where the reader is looking), replacing an older one. */
export function showProblemBeside(control, error) {
  clearProblemBeside(control);
  const problem = h('p', { class: 'error action-problem', role: 'alert' }, error.message);
  problems.set(control, problem);
  control.after(problem);
}

export function clearProblemBeside(control) {
  problems.get(control)?.remove();
  problems.delete(control);
}

/**
 * The one way a control that changes something runs its action: it (or the first of several, with the rest and
 * `others`) is busy while the request runs, so
 * a double click or a second Enter sends one request ({@link whileBusy}); a refusal is shown beside the control, with
 * the problem's `detail`, rather than in the banner at the top of the page (out of sight when scrolled down); the next
 * action clears it (and every other control's), and a success also the banner left by an earlier failure. Returns the action's result, or undefined when it was refused
 * or the control was already busy.
 */
export function act(controls, action, { others = [] } = {}) {
  const [control, ...rest] = [controls].flat(); // the first of several controls shows the problem
  return whileBusy([control, ...rest, ...others], async () => {
    // a new action makes every earlier refusal on the page stale: one problem shown at a time, the current one's
    for (const stale of document.querySelectorAll('.action-problem')) stale.remove();
    try {
      const result = await action();
      const banner = document.getElementById('message');
      if (banner) banner.hidden = true;
      return result;
    } catch (error) {
      if (control.isConnected) showProblemBeside(control, error);
      else showBanner(error); // the control went with a re-drawn page: the banner is all that is left
      return undefined;
    }
  });
}

function showBanner(error) {
  const banner = document.getElementById('message');
  if (!banner) return;
  banner.textContent = error.message;
  banner.hidden = false;
}

/** How long the Undo of a removal is offered (the server keeps what was removed for an hour). */
export const UNDO_SECONDS = 10;

/**
 * The one Undo offer: a status line saying what was done with an *Undo* button beside it, run like every changing
 * control ({@link act}). With `seconds` the button goes after that long and the line says what stays done; without,
 * it stays (auto-coding's batches can be undone at any time). `undo` returns a sentence saying what it put back.
 * `inline` gives a span for a status line that is already there (one live region, not two).
 */
export function undoOffer(message, undo, { seconds = UNDO_SECONDS, inline = false } = {}) {
  const line = inline ? h('span', { class: 'undo-offer' }, `${message} `)
    : h('p', { class: 'ok undo-offer', role: 'status' }, `${message} `);
  const button = h('button', { type: 'button', class: 'secondary' }, 'Undo');
  let timer = null;
  button.addEventListener('click', () => act(button, async () => {
    clearTimeout(timer);
    const said = await undo();
    fill(line, said ?? 'Undone.');
  }));
  line.append(button);
  if (seconds) {
    timer = setTimeout(() => {
      if (button.getAttribute('aria-busy') !== 'true') button.remove();
    }, seconds * 1000);
  }
  return line;
}
