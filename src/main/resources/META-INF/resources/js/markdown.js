// Markdown field notes shown formatted, safely. Margin keeps a Markdown note as its source text, and every coding's
// offsets point into that text. So the viewer does not turn Markdown into other text: it keeps every character of the
// source on screen (the markers `#`, `**`, `>`, `-` muted and small) and only styles what the markers say, by wrapping
// the source's own spans in heading, quote and list elements and by giving spans classes. Selections and codings then
// map to the stored offsets exactly as in any other document, and no text is ever read as HTML (the spans' text is set
// as text; this module only finds ranges). Mapping a rendered, marker-free text back to source offsets would be the
// other way; it breaks on a selection that ends inside a hidden marker, and a coder could not see what they code.

/** Whether a document was imported from Markdown (the import's file extension; see ImportService.extension). */
export function isMarkdown(doc) {
  return ['md', 'markdown'].includes((doc.sourceFormat ?? '').toLowerCase());
}

const BLOCK = /^( {0,3})(?:(#{1,6})[ \t]+|(>)[ \t]?|([-*+])[ \t]+|(\d{1,9})[.)][ \t]+)/;
const INLINE = /(`+)(?=[^`])(.+?)\1|(\*\*|__)(?=\S)(.+?)(?<=\S)\3|(\*|_)(?=[^\s*_])(.+?)(?<=[^\s*_])\5/g;

/**
 * The Markdown structure of text[start, end): its lines (each with the newline ending it) with their kind
 * ('heading' with a level, 'quote', 'bullet', 'ordered' or null), and marks in document offsets: the markers (kind
 * 'md-marker') and the styled runs ('md-strong', 'md-em', 'md-code').
 */
export function markdownOf(text, start, end) {
  const lines = [];
  const marks = [];
  for (let at = start; at < end;) {
    const newline = text.indexOf('\n', at);
    const lineEnd = newline === -1 || newline >= end ? end : newline + 1;
    const line = text.slice(at, lineEnd);
    const block = line.match(BLOCK);
    let kind = null;
    let level = 0;
    let body = at;
    if (block) {
      body = at + block[0].length;
      marks.push({ start: at + block[1].length, end: body, kind: 'md-marker' });
      if (block[2]) { kind = 'heading'; level = block[2].length; }
      else if (block[3]) kind = 'quote';
      else if (block[4]) kind = 'bullet';
      else kind = 'ordered';
    }
    const content = text.slice(body, lineEnd);
    for (const m of content.matchAll(INLINE)) {
      const from = body + m.index;
      const marker = (m[1] ?? m[3] ?? m[5]).length;
      const to = from + m[0].length;
      const style = m[1] ? 'md-code' : m[3] ? 'md-strong' : 'md-em';
      marks.push({ start: from, end: from + marker, kind: 'md-marker' },
        { start: from + marker, end: to - marker, kind: style }, { start: to - marker, end: to, kind: 'md-marker' });
    }
    lines.push({ start: at, end: lineEnd, kind, level });
    at = lineEnd;
  }
  return { lines, marks };
}

/**
 * Groups a block's spans (each with data-start) by the lines they are on and wraps each line as its kind says: a
 * heading element, a block quote, list items in a list. {@code make(tag, attributes, children)} builds an element.
 */
export function formatLines(lines, spans, make) {
  const out = [];
  let list = null;
  let s = 0;
  for (const line of lines) {
    const own = [];
    while (s < spans.length && Number(spans[s].dataset.start) < line.end) own.push(spans[s++]);
    const listTag = line.kind === 'bullet' ? 'ul' : line.kind === 'ordered' ? 'ol' : null;
    if (!listTag || list?.tagName.toLowerCase() !== listTag) list = null;
    if (line.kind === 'heading') {
      out.push(make(`h${Math.min(6, line.level + 1)}`, { class: `md-heading md-h${line.level}` }, own));
    } else if (line.kind === 'quote') {
      out.push(make('blockquote', { class: 'md-quote' }, own));
    } else if (listTag) {
      if (!list) { list = make(listTag, { class: 'md-list' }); out.push(list); }
      list.append(make('li', {}, own));
    } else {
      out.push(...own);
    }
  }
  out.push(...spans.slice(s));
  return out;
}
