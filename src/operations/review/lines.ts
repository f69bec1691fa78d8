// A document's lines as offsets, and line ranges as the findings model's ranges
// (1-based lines and columns, UTF-16, end exclusive). Lines end at "\r\n", "\r"
// or "\n", as in applyEdits.
import type { TextRange } from '../findings';

export interface LineSpan {
  /** Offset of the line's first character. */
  readonly start: number;
  /** Offset just past its last character, before its line ending. */
  readonly end: number;
  /** Its line ending ('' for a last line without one). */
  readonly eol: string;
}

/** The document's lines; a text ending in a line break has no empty last line. */
export function lineSpans(text: string): LineSpan[] {
  const spans: LineSpan[] = [];
  const re = /\r\n|\r|\n/g;
  let at = 0;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    spans.push({ start: at, end: m.index, eol: m[0] });
    at = m.index + m[0].length;
  }
  if (at < text.length || spans.length === 0) spans.push({ start: at, end: text.length, eol: '' });
  return spans;
}

/** Line `line` (1-based) without its ending. */
export function lineRange(spans: readonly LineSpan[], line: number): TextRange {
  const s = spans[line - 1]!;
  return { start: { line, column: 1 }, end: { line, column: s.end - s.start + 1 } };
}

/** The line ending most lines of the text use ("\n" when none). */
export function dominantEol(spans: readonly LineSpan[]): string {
  const counts = new Map<string, number>();
  for (const s of spans) if (s.eol) counts.set(s.eol, (counts.get(s.eol) ?? 0) + 1);
  let best = '\n';
  let n = 0;
  for (const [eol, c] of counts) if (c > n) [best, n] = [eol, c];
  return best;
}
