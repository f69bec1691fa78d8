// Applying text edits (the findings model's TextEdit) to a document's text, for
// every operation's fixes. Conflicts are settled as markdownlint's applyFixes
// settles its fixes, so a document's markdownlint fixes give the same text:
//
// - edits are taken bottom to top: by start line, descending; on a line, edits
//   that span lines (a deleted line) last, then by start column descending, then
//   longer inserted text first (a line break counting one; otherwise in the order given);
// - an edit equal to the one before it is dropped; an insertion and a deletion
//   starting at the same place become one replacement;
// - on one line, an edit is applied only when it ends before the start of the
//   edit considered just before it (an insertion: strictly before; a deletion
//   may touch it), whether that one was applied or not;
// - an edit spanning lines is always applied unless it overlaps an applied edit
//   without containing it, and replaces the edits on the lines it removes.
//
// Lines end at "\r\n", "\r" or "\n", as in markdownlint and VS Code.
import type { Position, TextEdit } from './findings';

interface Placed {
  readonly start: number;
  readonly end: number;
  readonly startLine: number;
  readonly startColumn: number;
  readonly endLine: number;
  readonly endColumn: number;
  readonly multiLine: boolean;
  readonly text: string;
}

/** The text with `edits` applied (positions refer to `text`); edits that conflict are left out as described above. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  if (edits.length === 0) return text;
  const offsetOf = lineOffsets(text);
  let placed: Placed[] = edits.map((e) => {
    const start = offsetOf(e.range.start);
    const end = Math.max(start, offsetOf(e.range.end));
    const multiLine = e.range.end.line > e.range.start.line;
    return {
      start,
      end,
      startLine: e.range.start.line,
      startColumn: e.range.start.column,
      endLine: e.range.end.line,
      endColumn: e.range.end.column,
      multiLine,
      text: e.newText,
    };
  });
  placed.sort(
    (a, b) =>
      b.startLine - a.startLine ||
      (a.multiLine ? 1 : 0) - (b.multiLine ? 1 : 0) ||
      b.start - a.start ||
      insertedLength(b.text) - insertedLength(a.text),
  );
  placed = placed.filter((p, i) => {
    const q = placed[i - 1];
    return !q || q.start !== p.start || q.end !== p.end || q.text !== p.text || q.multiLine !== p.multiLine;
  });
  // Collapse an insertion and a deletion at the same place into a replacement.
  const merged: Placed[] = [];
  for (const p of placed) {
    const last = merged[merged.length - 1];
    if (last && last.start === p.start && last.end === last.start && last.text !== '' && p.end > p.start && p.text === '' && !p.multiLine && !last.multiLine) {
      merged[merged.length - 1] = { ...p, text: last.text };
    } else merged.push(p);
  }
  const applied: Placed[] = [];
  let lastLine = -1;
  let lastStart = -1;
  for (const p of merged) {
    const sameLineAllows = p.startLine !== lastLine || p.end <= lastStart - (p.end > p.start ? 0 : 1);
    lastLine = p.startLine;
    lastStart = p.start;
    if (p.multiLine) {
      if (applied.some((a) => overlaps(a, p) && !supersedes(p, a))) continue;
      for (let i = applied.length - 1; i >= 0; i--) if (supersedes(p, applied[i]!)) applied.splice(i, 1);
      applied.push(p);
    } else if (sameLineAllows && !applied.some((a) => overlaps(a, p))) {
      applied.push(p);
    }
  }
  applied.sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const a of applied) {
    out += text.slice(at, a.start) + a.text;
    at = a.end;
  }
  return out + text.slice(at);
}

/** Length of inserted text, a line break counting one (markdownlint compares its fixes' text before it writes CRLF). */
function insertedLength(text: string): number {
  return text.length - (text.match(/\r\n/g)?.length ?? 0);
}

function overlaps(a: Placed, b: Placed): boolean {
  return a.start < b.end && b.start < a.end;
}

/**
 * True when the line-spanning edit `c` removes the line `a` is on (so `a` goes
 * with it). `c` removes whole lines: from its start line when it starts at column
 * 1, else from the next one; up to the line before its end when it runs from a
 * column 1 to a column 1, else to its end line. So lines L..M with their endings
 * are [(L,1), (M+1,1)), and a last line L (no ending) goes with the ending before
 * it, [(L-1, end), (L, end)). The one ambiguity: when line L-1 is empty, that is
 * also the range that deletes line L-1, and it is read so.
 */
function supersedes(c: Placed, a: Placed): boolean {
  if (!c.multiLine || a.start < c.start || a.end > c.end) return false;
  const first = c.startColumn === 1 ? c.startLine : c.startLine + 1;
  const last = c.startColumn === 1 && c.endColumn === 1 ? c.endLine - 1 : c.endLine;
  return a.startLine >= first && a.startLine <= last;
}

/** position -> offset in text (a column past a line's end is clamped to it; a line past the end is the end). */
function lineOffsets(text: string): (p: Position) => number {
  const starts = [0];
  const contentEnds: number[] = [];
  const re = /\r\n?|\n/g;
  for (let m = re.exec(text); m; m = re.exec(text)) {
    contentEnds.push(m.index);
    starts.push(m.index + m[0].length);
  }
  contentEnds.push(text.length);
  return (p) => {
    const i = p.line - 1;
    if (i < 0) return 0;
    if (i >= starts.length) return text.length;
    return Math.min(starts[i]! + Math.max(p.column - 1, 0), contentEnds[i]!);
  };
}
