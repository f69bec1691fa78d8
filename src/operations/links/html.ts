// The attributes of start tags in a raw HTML fragment from a Markdown
// document (markdown-it's `html_block` or `html_inline`: a whole HTML block, or one inline tag).
//
// Why a small tokenizer and not parse5: all we need are the href, src, id and
// name attributes of start tags, with the exact offsets of their values (a fix
// replaces them). A spec-complete HTML parser is ~10x the bundle size and
// slower, and builds a tree we would throw away. This follows the HTML
// tokenizer's states for the parts that matter here: comments, start tags,
// attribute names, and unquoted, single- and double-quoted values; anything
// else is skipped one character at a time.

/** One attribute of interest: its lower-case name, its raw value, and the value's offsets in the fragment. */
export interface HtmlAttribute {
  readonly name: 'href' | 'src' | 'id' | 'name';
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

const WANTED = new Set(['href', 'src', 'id', 'name']);

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** The href/src/id/name attributes of every start tag in `html`, in order. */
export function htmlAttributes(html: string): HtmlAttribute[] {
  const out: HtmlAttribute[] = [];
  const n = html.length;
  let i = 0;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const close = html.indexOf('-->', lt + 4);
      i = close < 0 ? n : close + 3;
      continue;
    }
    if (lt + 1 >= n || !isAsciiLetter(html.charCodeAt(lt + 1))) {
      i = lt + 1;
      continue;
    }
    // Tag name.
    i = lt + 1;
    while (i < n && !isSpace(html.charCodeAt(i)) && html[i] !== '>' && html[i] !== '/') i++;
    // Attributes until '>'.
    while (i < n && html[i] !== '>') {
      const c = html.charCodeAt(i);
      if (isSpace(c) || html[i] === '/') {
        i++;
        continue;
      }
      const nameStart = i;
      while (i < n && !isSpace(html.charCodeAt(i)) && html[i] !== '>' && html[i] !== '/' && html[i] !== '=') i++;
      const name = html.slice(nameStart, i).toLowerCase();
      while (i < n && isSpace(html.charCodeAt(i))) i++;
      if (html[i] !== '=') continue; // an attribute without a value
      i++;
      while (i < n && isSpace(html.charCodeAt(i))) i++;
      let start: number;
      let end: number;
      const quote = html[i];
      if (quote === '"' || quote === "'") {
        start = i + 1;
        const close = html.indexOf(quote, start);
        end = close < 0 ? n : close;
        i = close < 0 ? n : close + 1;
      } else {
        start = i;
        while (i < n && !isSpace(html.charCodeAt(i)) && html[i] !== '>') i++;
        end = i;
      }
      if (WANTED.has(name)) out.push({ name: name as HtmlAttribute['name'], value: html.slice(start, end), start, end });
    }
    i++;
  }
  return out;
}

/** The character references an attribute value may hold, decoded (the few that occur in URLs and ids). */
export function decodeHtmlValue(value: string): string {
  if (!value.includes('&')) return value;
  return value.replace(/&(amp|quot|apos|lt|gt|#(\d+)|#x([0-9a-f]+));/gi, (m, name: string, dec?: string, hex?: string) => {
    if (dec) return String.fromCodePoint(Number(dec));
    if (hex) return String.fromCodePoint(parseInt(hex, 16));
    const named: Record<string, string> = { amp: '&', quot: '"', apos: "'", lt: '<', gt: '>' };
    return named[name.toLowerCase()] ?? m;
  });
}
