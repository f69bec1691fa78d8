// Text from the file system (names, details) made safe to show. File names may
// hold anything but '/' and NUL: escape sequences that retitle a terminal, line
// breaks that split a row, HTML that a Markdown renderer would run.

/**
 * Characters that must not reach a terminal or a text report as they are: C0
 * controls, DEL, C1 controls, the Unicode line and paragraph separators, and the
 * bidirectional overrides and isolates (they reorder what follows them).
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeOne(ch: string): string {
  const named = NAMED[ch];
  if (named) return named;
  const code = ch.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** For terminal output: control and reordering characters shown escaped (`\x1b`, `\n`, `\u202e`). */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, escapeOne);
}

/** ASCII punctuation that Markdown gives a meaning inside a table cell (emphasis, code, links, the cell's end). */
const MARKDOWN_PUNCTUATION = /[\\`*_[\]|~!]/g;
const HTML_SIGNIFICANT = /[&<>"]/g;
const ENTITY: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
/**
 * What GFM would turn into a link by itself (www., http:, mailto:, a@b.c), and would
 * then take the escaping backslashes into: the ':', '@' and 'www.' dot as entities.
 */
const AUTOLINK = /[:@]|(?<=www)\./gi;
const AUTOLINK_ENTITY: Readonly<Record<string, string>> = { ':': '&#58;', '@': '&#64;', '.': '&#46;' };
/** A table cell's leading and trailing spaces are trimmed by Markdown: as entities they stay part of the name. */
const EDGE_SPACES = /^ +| +$/g;

/**
 * For a Markdown table cell (or any inline Markdown text): HTML-significant
 * characters as entities, so no renderer sees a tag; Markdown punctuation
 * backslash-escaped, so it stays text; control characters escaped as for a
 * terminal, so nothing splits the row. What a CommonMark renderer shows is the
 * name with its control characters spelled out.
 */
export function escapeMarkdown(text: string): string {
  return escapeControls(text)
    .replace(MARKDOWN_PUNCTUATION, (ch) => `\\${ch}`)
    .replace(HTML_SIGNIFICANT, (ch) => ENTITY[ch]!)
    .replace(AUTOLINK, (ch) => AUTOLINK_ENTITY[ch]!)
    .replace(EDGE_SPACES, (spaces) => '&#32;'.repeat(spaces.length));
}
