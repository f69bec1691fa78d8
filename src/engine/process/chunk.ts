// Cuts a document's text into chunks at natural breaks, streaming: decoded
// pieces go in as they arrive from the reader, chunks come out as soon as
// they are known. Each chunk owns a range of the document (the owned ranges
// tile it exactly) and repeats up to `overlap` characters of what came before
// as context. Memory: about maxChars plus the piece being pushed.
import type { Chunk } from '../../operations/operation';
import { SETTINGS } from '../../settings/table';

export interface ChunkerOptions {
  /** Upper bound of a chunk's text length (context + owned characters), in UTF-16 code units. */
  readonly maxChars: number;
  /** How many characters of context a chunk repeats from the one before. */
  readonly overlap: number;
}

export const DEFAULT_CHUNKER: ChunkerOptions = { maxChars: SETTINGS.chunkSize.default, overlap: SETTINGS.chunkOverlap.default };

const LF = 10;
const CR = 13;

/** Throws a RangeError unless maxChars >= 16 and 0 <= overlap <= maxChars / 4 (both integers). */
export function validateChunkerOptions(opts: ChunkerOptions): void {
  const { maxChars, overlap } = opts;
  if (!Number.isSafeInteger(maxChars) || maxChars < 16) {
    throw new RangeError(`chunker maxChars must be an integer >= 16, got ${maxChars}`);
  }
  if (!Number.isSafeInteger(overlap) || overlap < 0 || overlap > maxChars / 4) {
    throw new RangeError(`chunker overlap must be an integer in [0, maxChars/4 = ${maxChars / 4}], got ${overlap}`);
  }
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}
function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** White space as JavaScript's \s knows it. */
function isSpace(c: number): boolean {
  if (c <= 32) return c === 32 || (c >= 9 && c <= 13);
  if (c < 0xa0) return false;
  return (
    c === 0xa0 ||
    c === 0x1680 ||
    (c >= 0x2000 && c <= 0x200a) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x202f ||
    c === 0x205f ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isSentenceEnd(c: number): boolean {
  return c === 0x2e || c === 0x21 || c === 0x3f || c === 0x3002 || c === 0xff01 || c === 0xff1f;
}

/** True when a cut (or a context start) at index i of s would split "\r\n" or a surrogate pair. */
function splitsUnit(s: string, i: number): boolean {
  if (i <= 0 || i >= s.length) return false;
  const a = s.charCodeAt(i - 1);
  const b = s.charCodeAt(i);
  return (a === CR && b === LF) || (isHigh(a) && isLow(b));
}

/**
 * Where to end the owned range that starts at `own` (indices into s, which
 * holds at least one character past own + maxOwned).
 */
function findCut(s: string, own: number, maxOwned: number): number {
  const hi = own + maxOwned;
  const lo = own + (maxOwned >> 1);
  // Search the window only: lastIndexOf on the whole buffer would scan back
  // to its start whenever the window lacks a match. (A slice is O(1) in V8.)
  const from = lo - 3;
  const w = s.slice(from, hi);
  // 1. The last blank line: cut after "\n\n" or "\n\r\n".
  let best = -1;
  const a = w.lastIndexOf('\n\n');
  if (a >= 0 && from + a + 2 >= lo) best = from + a + 2;
  // A "\n\r\n" matters only after the last "\n\n": look there alone (lastIndexOf
  // scans backwards char by char, and an LF-only text would be scanned whole).
  const after = a >= 0 ? a : 0;
  const bt = w.slice(after).lastIndexOf('\n\r\n');
  const b = bt >= 0 ? after + bt : -1;
  if (b >= 0 && from + b + 3 >= lo && from + b + 3 > best) best = from + b + 3;
  if (best >= 0) return best;
  // 2. The last line end.
  const nl = w.lastIndexOf('\n');
  if (nl >= 0 && from + nl + 1 >= lo) return from + nl + 1;
  // 3. The last sentence end followed by white space (cut after the space),
  // 4. else the last white space. One backward pass finds both.
  let space = -1;
  for (let p = hi; p >= lo; p--) {
    const c = s.charCodeAt(p - 1);
    if (!isSpace(c)) continue;
    if (c === CR && s.charCodeAt(p) === LF) continue;
    if (isSentenceEnd(s.charCodeAt(p - 2))) return p;
    if (space < 0) space = p;
  }
  if (space >= 0) return space;
  // 5. A hard cut, moved back one unit if it would split "\r\n" or a surrogate pair.
  return splitsUnit(s, hi) ? hi - 1 : hi;
}

export class Chunker {
  private readonly maxOwned: number;
  private readonly overlap: number;
  /** Text from document offset bufStart on, not counting `pieces`. */
  private buf = '';
  private bufStart = 0;
  /** Pieces pushed since buf was last flattened, and the length of buf + pieces. */
  private pieces: string[] = [];
  private pendingEnd = 0;
  /** Document offsets: the current chunk's context start and owned start. */
  private ctxStart = 0;
  private ownStart = 0;
  private line = 1;
  private ended = false;

  constructor(opts: ChunkerOptions = DEFAULT_CHUNKER) {
    validateChunkerOptions(opts);
    this.overlap = opts.overlap;
    this.maxOwned = opts.maxChars - opts.overlap;
  }

  /** Accepts the next piece of text; returns the chunks it completed (none of them last). */
  push(piece: string): Chunk[] {
    if (this.ended) throw new Error('Chunker.push after end()');
    if (piece.length === 0) return [];
    this.pieces.push(piece);
    this.pendingEnd += piece.length;
    // A chunk can be cut once one character past the longest owned range is known.
    if (this.pendingEnd <= this.ownStart + this.maxOwned) return [];
    this.flatten();
    const out: Chunk[] = [];
    const s = this.buf;
    const base = this.bufStart;
    while (base + s.length > this.ownStart + this.maxOwned) {
      const own = this.ownStart - base;
      const cut = findCut(s, own, this.maxOwned);
      out.push({
        text: s.slice(this.ctxStart - base, cut),
        start: this.ctxStart,
        end: base + cut,
        overlap: this.ownStart - this.ctxStart,
        line: this.line,
        last: false,
      });
      this.line += countLines(s, own, cut);
      let ctx = Math.max(cut - this.overlap, 0);
      if (ctx < cut && splitsUnit(s, ctx)) ctx++;
      this.ctxStart = base + ctx;
      this.ownStart = base + cut;
    }
    // Keep only what the next chunk needs: its context and the rest.
    this.buf = s.slice(this.ctxStart - base);
    this.bufStart = this.ctxStart;
    return out;
  }

  /** Ends the document; returns the last chunk (exactly one, even for an empty document). */
  end(): Chunk[] {
    if (this.ended) throw new Error('Chunker.end called twice');
    this.ended = true;
    this.flatten();
    const chunk: Chunk = {
      text: this.buf,
      start: this.ctxStart,
      end: this.bufStart + this.buf.length,
      overlap: this.ownStart - this.ctxStart,
      line: this.line,
      last: true,
    };
    this.buf = '';
    return [chunk];
  }

  private flatten(): void {
    if (this.pieces.length === 0) return;
    const only = this.pieces.length === 1 ? this.pieces[0] : undefined;
    this.buf = only !== undefined && this.buf === '' ? only : this.buf + this.pieces.join('');
    this.pieces = [];
  }
}

/** "\n"s in s[from, to), searching that range only. */
function countLines(s: string, from: number, to: number): number {
  const w = s.slice(from, to);
  let n = 0;
  for (let i = w.indexOf('\n'); i >= 0; i = w.indexOf('\n', i + 1)) n++;
  return n;
}

/** Chunks a whole text at once (push + end). */
export function chunkText(text: string, opts: ChunkerOptions = DEFAULT_CHUNKER): Chunk[] {
  const chunker = new Chunker(opts);
  const out = chunker.push(text);
  for (const c of chunker.end()) out.push(c);
  return out;
}
