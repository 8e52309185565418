/** Text hygiene shared by the renderers: terminal colour codes go, other control characters become visible. */

const ANSI_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]/g;
// Characters XML 1.0 forbids even as references, plus lone surrogates.
const FORBIDDEN_CHARACTER = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function cleanText(text: string): string {
  return text
    .replace(ANSI_SEQUENCE, '')
    .replace(FORBIDDEN_CHARACTER, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

export function escapeXmlText(text: string): string {
  return cleanText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute values keep their line breaks and tabs (XML would otherwise normalise them to spaces). */
export function escapeXmlAttribute(text: string): string {
  return escapeXmlText(text).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

/**
 * HTML text and attribute values. `://` is written as `&#58;//`: it reads the same, but the file holds no
 * literal URL that a scanner or a careless consumer could take for a link to fetch.
 */
export function escapeHtml(text: string): string {
  return cleanText(text)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;')
    .replace(/:\/\//g, '&#58;//');
}

/**
 * Inline Markdown text safe in a GitHub table cell or list item: no HTML, no formatting, no table
 * breaks, one line.
 */
export function escapeMarkdown(text: string): string {
  return cleanText(text)
    .replace(/\r?\n|\r/g, ' ')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[\\`*_[\]~|#!]/g, (c) => `\\${c}`);
}

export function truncate(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  return `${text.slice(0, Math.max(0, maxChars - 1))}…`;
}
