// The JSON report's bytes, collected into chunks for the writer (json-stream.ts).
//
// A document's results are kept as compact JSON text (what an executor made, or
// still the bytes of a loaded cache file; see cache-entry.ts). Parsed and
// stringified again with indentation they would come out as the same tokens with
// white space between them: that is what reindent() writes, byte by byte, from
// the text. Compact JSON's structural characters are ASCII and never part of a
// multi-byte UTF-8 sequence, so the bytes are copied as they are.
import type { CacheEntry } from '../engine/cache/cache-entry';
import { omitted, type ReportMeta } from './format';
import { CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, isSpace, NEWLINE, OPEN_BRACE, OPEN_BRACKET, QUOTE, skipLiteral, skipSpace, skipString, SPACE, withoutMembers } from './json-members';

/** Bytes per chunk handed to the writer. */
const CHUNK = 1 << 16;

/** Collects bytes into chunks of about CHUNK bytes; full chunks wait in `ready`. */
export class ByteSink {
  /** Per operation id, the members of its results left out (ReportMeta.omit); empty: every byte is copied. */
  private readonly omit: ReadonlyMap<string, ReadonlySet<string>>;

  constructor(
    private readonly omitted: ReportMeta['omit'] = undefined,
    /** Chunks handed out are taken back for the next ones (see ChunkOptions.reuse). */
    private readonly reuse = false,
  ) {
    this.omit = new Map(Object.entries(omitted ?? {}).map(([id, keys]) => [id, new Set(keys)]));
  }

  private buf = Buffer.allocUnsafe(CHUNK);
  private len = 0;
  private ready: Buffer[] = [];
  private scratch = Buffer.allocUnsafe(CHUNK);
  /** The whole buffers of the chunks in `ready` (which are views of them). */
  private lent: ReturnType<typeof Buffer.allocUnsafe>[] = [];
  /** Chunks the writer is done with, when they are reused. */
  private spare: ReturnType<typeof Buffer.allocUnsafe>[] = [];

  /** Room for n more bytes in the current chunk. */
  private room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    if (this.len > 0) this.handOut();
    this.buf = (n <= CHUNK && this.spare.pop()) || Buffer.allocUnsafe(Math.max(CHUNK, n));
    this.len = 0;
  }

  /** The current chunk into `ready`. */
  private handOut(): void {
    this.ready.push(this.buf.subarray(0, this.len));
    if (this.buf.length === CHUNK) this.lent.push(this.buf);
  }

  text(s: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit.
    this.room(s.length * 3);
    this.len += this.buf.write(s, this.len);
  }

  /** room() for a loop that keeps the length in a local: its length is written back first, and the new one returned. */
  private reserve(len: number, n: number): number {
    this.len = len;
    this.room(n);
    return this.len;
  }

  private byte(b: number): void {
    this.room(1);
    this.buf[this.len++] = b;
  }

  /** A newline and the indentation of `depth` levels (two spaces each). */
  private newline(depth: number): void {
    const n = 1 + 2 * depth;
    this.room(n);
    const buf = this.buf;
    let at = this.len;
    buf[at++] = NEWLINE;
    // A few bytes: a loop costs less than a call into fill().
    for (let k = 2 * depth; k > 0; k--) buf[at++] = SPACE;
    this.len = at;
  }

  /**
   * Compact JSON (src[start..end)) as JSON.stringify(value, null, 2) writes it
   * when it sits `depth` levels deep: the same tokens, with its white space.
   * White space already in the text is dropped (it was never in compact text).
   */
  json(src: Uint8Array, start: number, end: number, depth: number): void {
    // The chunk and its length in locals (written back before room() and at the end):
    // this loop runs once per byte of every document's results.
    let buf = this.buf;
    let len = this.len;
    let i = start;
    while (i < end) {
      const c = src[i]!;
      if (c === QUOTE) {
        // A string, copied as it is (escapes skipped over).
        const j = skipString(src, i, end);
        const n = j - i;
        if (len + n > buf.length) {
          len = this.reserve(len, n);
          buf = this.buf;
        }
        if (n < 64) {
          // Most strings are short (keys, rule ids): a loop costs less than a view and a copy call.
          for (let k = i; k < j; k++) buf[len++] = src[k]!;
        } else {
          buf.set(src.subarray(i, j), len);
          len += n;
        }
        i = j;
        continue;
      }
      // Room for the most a structural character writes: itself, a newline and the indentation one level deeper.
      const most = 4 + 2 * depth;
      if (len + most > buf.length) {
        len = this.reserve(len, most);
        buf = this.buf;
      }
      switch (c) {
        case OPEN_BRACE:
        case OPEN_BRACKET: {
          const next = skipSpace(src, i + 1, end);
          if (next < end && src[next] === (c === OPEN_BRACE ? CLOSE_BRACE : CLOSE_BRACKET)) {
            // An empty object or array stays as it is: {} and [].
            buf[len++] = c;
            buf[len++] = src[next]!;
            i = next + 1;
            continue;
          }
          buf[len++] = c;
          buf[len++] = NEWLINE;
          depth++;
          for (let k = 2 * depth; k > 0; k--) buf[len++] = SPACE;
          break;
        }
        case CLOSE_BRACE:
        case CLOSE_BRACKET:
          depth--;
          buf[len++] = NEWLINE;
          for (let k = 2 * depth; k > 0; k--) buf[len++] = SPACE;
          buf[len++] = c;
          break;
        case COMMA:
          buf[len++] = COMMA;
          buf[len++] = NEWLINE;
          for (let k = 2 * depth; k > 0; k--) buf[len++] = SPACE;
          break;
        case COLON:
          buf[len++] = COLON;
          buf[len++] = SPACE;
          break;
        case SPACE:
        case NEWLINE:
        case 0x09:
        case 0x0d:
          break;
        default: {
          // A number or a literal: copied up to the next structural character.
          const j = skipLiteral(src, i, end);
          const n = j - i;
          if (len + n > buf.length) {
            len = this.reserve(len, n);
            buf = this.buf;
          }
          for (let k = i; k < j; k++) buf[len++] = src[k]!;
          i = j;
          continue;
        }
      }
      i++;
    }
    this.len = len;
  }

  /** A string of compact JSON, as json() writes it. */
  jsonText(s: string, depth: number): void {
    const { src, start, end } = this.scratchOf(s);
    this.json(src, start, end, depth);
  }


  /**
   * A document's results, the entries' objects merged (each entry holds one
   * operation's results as `{"id":…}`; see run.ts), `depth` levels deep.
   */
  results(entries: readonly CacheEntry[], depth: number): void {
    if (entries.length === 1) return this.entry(entries[0]!, depth);
    let first = true;
    for (const e of entries) {
      const { src, start, end } = this.source(e);
      // The members between the entry's braces.
      const from = skipSpace(src, start + 1, end);
      let to = end - 1;
      while (to > from && isSpace(src[to - 1]!)) to--;
      if (to <= from) continue;
      if (first) {
        this.byte(OPEN_BRACE);
        first = false;
      } else this.byte(COMMA);
      this.newline(depth + 1);
      this.json(src, from, to, depth + 1);
    }
    if (first) this.text('{}');
    else {
      this.newline(depth);
      this.byte(CLOSE_BRACE);
    }
  }

  private entry(e: CacheEntry, depth: number): void {
    const { src, start, end } = this.source(e);
    this.json(src, start, end, depth);
  }

  /** An entry's results as compact JSON bytes. */
  private source(e: CacheEntry): { src: Uint8Array; start: number; end: number } {
    // Results already parsed (a workspace phase read their facts) lose their members as objects, not as text.
    if (this.omit.size > 0 && e.json === undefined && e.results !== undefined) return this.scratchOf(JSON.stringify(omitted(e.results, this.omitted)));
    const bytes = this.bytesOf(e);
    if (this.omit.size === 0) return bytes;
    const kept = withoutMembers(bytes.src, bytes.start, bytes.end, this.omit);
    return kept ? { src: kept, start: 0, end: kept.length } : bytes;
  }

  private bytesOf(e: CacheEntry): { src: Uint8Array; start: number; end: number } {
    const json = e.json;
    if (json !== undefined && typeof json !== 'string') return { src: json.bytes, start: json.start, end: json.end };
    return this.scratchOf(json ?? JSON.stringify(e.results ?? {}));
  }

  private scratchOf(s: string): { src: Uint8Array; start: number; end: number } {
    if (this.scratch.length < s.length * 3) this.scratch = Buffer.allocUnsafe(Math.max(this.scratch.length * 2, s.length * 3));
    return { src: this.scratch, start: 0, end: this.scratch.write(s, 0) };
  }

  /** The chunks completed so far (all of them with `all`). */
  *take(all = false): Generator<Buffer> {
    if (all && this.len > 0) {
      this.handOut();
      this.buf = this.spare.pop() ?? Buffer.allocUnsafe(CHUNK);
      this.len = 0;
    }
    const ready = this.ready;
    this.ready = [];
    yield* ready;
    // The writer asked for more, so it is done with these: their memory holds the next ones.
    if (this.reuse) this.spare.push(...this.lent);
    this.lent = [];
  }
}
