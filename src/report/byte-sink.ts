// The JSON report's bytes, collected into chunks for the writer (json-stream.ts).
//
// A document's results are kept as compact JSON text (what an executor made, or
// still the bytes of a loaded cache file; see cache-entry.ts): the report has
// each document on a line of its own, as compact JSON, so those bytes are copied
// as they are, never parsed and stringified again.
import type { CacheEntry } from '../engine/cache/cache-entry';
import { omitted, type ReportMeta } from './format';
import { isSpace, skipSpace, withoutMembers } from './json-members';

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

  /** Bytes copied as they are. */
  bytes(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.room(n);
    this.buf.set(src.subarray(start, end), this.len);
    this.len += n;
  }

  /**
   * A document's results as compact JSON, the entries' objects merged (each
   * entry holds one operation's results as `{"id":…}`; see run.ts).
   */
  results(entries: readonly CacheEntry[]): void {
    if (entries.length === 1) {
      const { src, start, end } = this.source(entries[0]!);
      return this.bytes(src, start, end);
    }
    let first = true;
    for (const e of entries) {
      const { src, start, end } = this.source(e);
      // The members between the entry's braces.
      const from = skipSpace(src, start + 1, end);
      let to = end - 1;
      while (to > from && isSpace(src[to - 1]!)) to--;
      if (to <= from) continue;
      this.text(first ? '{' : ',');
      first = false;
      this.bytes(src, from, to);
    }
    this.text(first ? '{}' : '}');
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
