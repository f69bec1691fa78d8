// Source positions (1-based line, 1-based UTF-16 column) of offsets in
// markdown-it's inline content. Hand-written because markdown-it has no inline
// positions: block tokens carry `map` (their source lines) and inline tokens
// nothing, while a fix must replace exactly the characters the author wrote.
//
// What makes it exact: a block's content lines are its source lines with
// their container prefixes (indentation, `>` markers, list indentation)
// removed, so each content line, without its leading blanks, ends its source
// line; only the last line may lose trailing white space (paragraphs) or a
// closing `#` sequence (ATX headings). markdown-it normalizes line ends to
// \n, so the source lines are split on \r\n, \r and \n as it does. A table
// cell's content is a piece of its row's line (trimmed, `\|` read as `|`).
// Whatever does not match is given no position (undefined): the caller then
// leaves that link out rather than point at the wrong characters.

export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}

/** From an offset in some content to its source position, or undefined when it cannot be placed exactly. */
export type OffsetMap = (offset: number) => SourcePosition | undefined;

/** The document's lines as markdown-it reads them (it turns \r\n and \r into \n). */
export function sourceLines(text: string): string[] {
  // Most documents have no \r: a split on one character needs no regular expression.
  return text.includes('\r') ? text.split(/\r\n?|\n/) : text.split('\n');
}

function leadingBlanks(s: string): number {
  let i = 0;
  while (i < s.length && (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x09)) i++;
  return i;
}

const TRIMMED_END = /^[ \t]*(?:#+[ \t]*)?$/;

/** Offsets in the content of a block (inline or HTML) whose first line is source line `firstLine` (0-based). */
export function blockContentMap(lines: readonly string[], firstLine: number, content: string): OffsetMap {
  // Made when the first offset is asked for: most blocks hold no link to place.
  let starts: number[] = [];
  const bases: Array<number | undefined> = []; // per content line: source column (0-based) of its first character after leading blanks
  const baseOf = (i: number, body: string): number | undefined => {
    if (i in bases) return bases[i];
    const source = lines[firstLine + i];
    let base: number | undefined;
    if (source === undefined) base = undefined;
    else if (source.endsWith(body)) base = source.length - body.length;
    else {
      const at = source.lastIndexOf(body);
      base = at >= 0 && TRIMMED_END.test(source.slice(at + body.length)) ? at : undefined;
    }
    bases[i] = base;
    return base;
  };
  return (offset) => {
    if (offset < 0 || offset > content.length) return undefined;
    if (starts.length === 0) {
      starts = [0];
      for (let i = content.indexOf('\n'); i >= 0; i = content.indexOf('\n', i + 1)) starts.push(i + 1);
    }
    const lo = lastAtOrBefore(starts, offset);
    const lineStart = starts[lo]!;
    const next = starts[lo + 1];
    const text = content.slice(lineStart, next === undefined ? content.length : next - 1);
    const lead = leadingBlanks(text);
    const inLine = offset - lineStart;
    if (inLine < lead) return undefined; // blanks a container prefix may have replaced (a partly used tab)
    const base = baseOf(lo, text.slice(lead));
    return base === undefined ? undefined : { line: firstLine + lo + 1, column: base + inLine - lead + 1 };
  };
}

/** Offsets in a table cell's content, found in its row's source line (0-based `line`) from column `from` (0-based); `end` is where the cell's text ends, to search the next cell from. */
export function tableCellMap(lines: readonly string[], line: number, from: number, content: string): { readonly at: OffsetMap; readonly end: number } | undefined {
  const source = lines[line];
  if (source === undefined) return undefined;
  const written = content.replaceAll('|', '\\|'); // markdown-it reads every `\|` of a cell as `|`
  const start = source.indexOf(written, from);
  if (start < 0) return undefined;
  const at: OffsetMap = (offset) => {
    if (offset < 0 || offset > content.length) return undefined;
    let pipes = 0;
    for (let i = content.indexOf('|'); i >= 0 && i < offset; i = content.indexOf('|', i + 1)) pipes++;
    return { line: line + 1, column: start + offset + pipes + 1 };
  };
  return { at, end: start + written.length };
}

/** Positions of offsets in the normalized document (definitions are read from it). */
export function documentMap(lines: readonly string[]): OffsetMap {
  const starts: number[] = [0];
  let start = 0;
  // One start per line: the last line's length is not needed.
  for (const line of lines.slice(0, -1)) {
    start += line.length + 1;
    starts.push(start);
  }
  return (offset) => {
    const lo = lastAtOrBefore(starts, offset);
    return { line: lo + 1, column: offset - starts[lo]! + 1 };
  };
}

/**
 * Index of the last of the ascending `starts` that is <= offset, by binary
 * search; 0 when there is none. starts is never empty (starts[0] is 0), so
 * the index is always one of its own.
 */
function lastAtOrBefore(starts: readonly number[], offset: number): number {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1; // lo < mid <= hi
    if (starts[mid]! <= offset) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}
