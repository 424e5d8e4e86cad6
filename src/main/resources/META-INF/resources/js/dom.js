// A tiny element builder: h('td', {class: 'muted', style: {color: 'red'}}, 'text', child). Text is always set as text, never as HTML,
// so transcript and memo contents can never inject markup.
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
