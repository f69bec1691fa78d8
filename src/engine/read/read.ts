// Reading a document as text: whole for ordinary files, streamed in pieces for
// large ones, with encoding sniffing, validation and a content hash.
//
// Everything goes through the synchronous FileSystem seam. This runs on worker
// threads where blocking is fine, and it must be cheap: tens of thousands of
// small files per second per thread. A whole read therefore costs open, one or
// two reads and close (plus fstat when the caller does not know the size), and
// reads into a reused scratch buffer.
import * as crypto from 'node:crypto';
import { StreamDecoder, decodeWhole, sniff, type Sniffed } from './decode';
import { fail, failureFromError, skip } from './document-error';
import { errorCode, nodeFileSystem, type FileSystem, type StatLike } from './fs';
import type { TextEncodingName } from '../types';

export { DocumentError, fail, failureFromError, skip } from './document-error';

export interface ReadOptions {
  /** Files up to this many bytes are read whole. */
  wholeThreshold: number;
  /** Larger files are streamed in pieces of this many bytes, never held whole. */
  chunkBytes: number;
  /** How many leading bytes are looked at for NUL / BOM-less UTF-16. */
  sniffBytes: number;
  /**
   * Streamed UTF-8 files of at least twice this many bytes are analysed in ranges of
   * this many bytes on every worker thread, when all their operations are splittable
   * (see split.ts). 0 turns it off; so does a run with fewer than two threads. Default 32 MiB.
   */
  rangeBytes?: number;
  /**
   * Total time to back off and retry an open that failed with EMFILE/ENFILE
   * (delays 5, 10, 20, ... ms) before failing 'too-many-open-files'.
   * Default 1000. Optional so that literals of the three fields above still fit.
   */
  retryBudgetMs?: number;
}

export const DEFAULT_READ: ReadOptions = Object.freeze({
  wholeThreshold: 1024 * 1024,
  chunkBytes: 1024 * 1024,
  sniffBytes: 8192,
  rangeBytes: 32 * 1024 * 1024,
  retryBudgetMs: 1000,
});

export interface TextSource {
  readonly encoding: TextEncodingName;
  /** Bytes of the source (file size, or the in-memory text's UTF-8 length). */
  readonly size: number;
  /**
   * Decoded text, in order; for a whole read one piece. Iterate once.
   * Throws DocumentError on a read/decoding failure midway.
   */
  pieces(): Iterable<string>;
  /** Hex content hash of all bytes; available after pieces() was fully iterated (for whole reads at once). */
  hash(): string;
}

// ---------------------------------------------------------------------------
// Hashing

const HASH = 'sha1';
type OneShotHash = (algorithm: string, data: crypto.BinaryLike, encoding: 'hex') => string;
const oneShot: OneShotHash | undefined =
  typeof (crypto as { hash?: unknown }).hash === 'function' ? (crypto as { hash: OneShotHash }).hash : undefined;

/**
 * The content hash of a document's bytes (its whole bytes, a byte-order mark
 * included): what outcomes carry as `hash`, and what a document write checks
 * (write-target.ts) before it replaces a file.
 */
export function hashBytes(data: Uint8Array | string): string {
  return oneShot ? oneShot(HASH, data, 'hex') : crypto.createHash(HASH).update(data).digest('hex');
}

// ---------------------------------------------------------------------------
// Sources

class WholeSource implements TextSource {
  constructor(
    readonly encoding: TextEncodingName,
    readonly size: number,
    private readonly text: string,
    private digest: string | undefined,
  ) {}

  /** One piece. Unlike a stream, this may be iterated again. */
  pieces(): Iterable<string> {
    return [this.text];
  }

  hash(): string {
    // In-memory strings hash lazily: an editor buffer may never need it.
    return (this.digest ??= hashBytes(this.text));
  }
}

/** Reads `bytes` as text, applying the same sniffing and validation as a file. */
export function textFromBytes(bytes: Uint8Array): TextSource {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return decodeBuffer(buf, buf.length, DEFAULT_READ.sniffBytes);
}

/** An unsaved editor buffer: UTF-8, size is its UTF-8 byte length, hash of its UTF-8 bytes. */
export function textFromString(text: string): TextSource {
  return new WholeSource('utf-8', Buffer.byteLength(text, 'utf8'), text, undefined);
}

function decodeBuffer(buf: Buffer, length: number, sniffBytes: number): TextSource {
  const { encoding, bom } = sniff(buf, length, sniffBytes);
  const text = decodeWhole(buf, Math.min(bom, length), length, encoding);
  return new WholeSource(encoding, length, text, hashBytes(buf.subarray(0, length)));
}

// ---------------------------------------------------------------------------
// Files

/** Whole reads up to this size use one module-level buffer (per worker thread). */
const SCRATCH_BYTES = 64 * 1024;
let scratch: Buffer | undefined;

/**
 * Opens `path` as text. Small files (<= wholeThreshold) are read and decoded
 * here; larger ones are sniffed here and streamed by pieces().
 *
 * @param expected the size discovery saw; saves an fstat. If the file has a
 *   different size by now, what is actually there is read (a file that grew
 *   past wholeThreshold is streamed instead).
 * @param onStat without `expected`: sees the fstat of the open file before
 *   anything is read (its size and mtime), and may refuse it by throwing.
 * @throws DocumentError
 */
export function openText(
  path: string,
  opts?: Partial<ReadOptions>,
  fs: FileSystem = nodeFileSystem,
  expected?: { size: number },
  onStat?: (st: StatLike) => void,
): TextSource {
  const o = resolveOptions(opts);
  const fd = openWithRetry(fs, path, o.retryBudgetMs ?? 1000);
  try {
    let size: number;
    if (expected && expected.size <= o.wholeThreshold) {
      size = expected.size;
    } else {
      size = statFile(fs, fd, path, onStat);
      if (size > o.wholeThreshold) return sniffForStream(fs, fd, path, size, o);
    }
    return readWhole(fs, fd, path, size, o);
  } catch (err) {
    throw failureFromError(err, path);
  } finally {
    closeQuietly(fs, fd);
  }
}

// Workers pass the same options object for every document: validate it once.
const resolved = new WeakMap<object, ReadOptions>();

function resolveOptions(opts: Partial<ReadOptions> | undefined): ReadOptions {
  if (!opts) return DEFAULT_READ;
  let o = resolved.get(opts);
  if (!o) {
    o = validateOptions(opts);
    resolved.set(opts, o);
  }
  return o;
}

function validateOptions(opts: Partial<ReadOptions>): ReadOptions {
  const o: ReadOptions = { ...DEFAULT_READ };
  for (const [key, value] of Object.entries(opts) as Array<[keyof ReadOptions, number | undefined]>) {
    if (value !== undefined) o[key] = value;
  }
  if (!(Number.isInteger(o.chunkBytes) && o.chunkBytes >= 1)) throw new RangeError(`chunkBytes must be a positive integer, got ${o.chunkBytes}`);
  if (!(o.wholeThreshold >= 0)) throw new RangeError(`wholeThreshold must be >= 0, got ${o.wholeThreshold}`);
  if (!(Number.isInteger(o.sniffBytes) && o.sniffBytes >= 0)) throw new RangeError(`sniffBytes must be an integer >= 0, got ${o.sniffBytes}`);
  if (!(Number.isInteger(o.rangeBytes) && o.rangeBytes! >= 0)) throw new RangeError(`rangeBytes must be an integer >= 0, got ${o.rangeBytes}`);
  return o;
}

/** fstat; returns the size, or throws skip 'not-a-file' (or whatever onStat throws). */
function statFile(fs: FileSystem, fd: number, path: string, onStat?: (st: StatLike) => void): number {
  const st = fs.fstat(fd);
  onStat?.(st);
  if (!st.isFile()) throw skip('not-a-file', `not a regular file: ${path}`);
  return st.size;
}

function readWhole(fs: FileSystem, fd: number, path: string, size: number, o: ReadOptions): TextSource {
  // size + 1: a file that grew since `size` was seen shows up as a full buffer.
  let cap = size + 1;
  let buf = cap <= SCRATCH_BYTES ? (scratch ??= Buffer.allocUnsafe(SCRATCH_BYTES)) : Buffer.allocUnsafe(cap);
  let total = 0;
  for (;;) {
    if (total === cap) {
      // More than expected: the file grew. Learn how much is there now.
      const now = Math.max(statFile(fs, fd, path), total);
      if (now > o.wholeThreshold) return sniffForStream(fs, fd, path, now, o, buf.subarray(0, total));
      cap = now + 1;
      const bigger = cap <= SCRATCH_BYTES && buf === scratch ? buf : Buffer.allocUnsafe(cap);
      if (bigger !== buf) buf.copy(bigger, 0, 0, total);
      buf = bigger;
    }
    const n = fs.read(fd, buf, total, cap - total, total);
    if (n === 0) break;
    total += n;
    // A short read that delivered at least the expected size is taken as EOF
    // (saves the read() that would return 0 on every small file). A read that
    // stays below the expected size goes on until read() says 0.
    if (total >= size && total < cap) break;
  }
  return decodeBuffer(buf, total, o.sniffBytes);
}

/**
 * Sniffs the start of a large file and returns a source that streams it.
 * `have` is data already read from offset 0 (the file grew during a whole read).
 */
function sniffForStream(
  fs: FileSystem,
  fd: number,
  path: string,
  size: number,
  o: ReadOptions,
  have?: Uint8Array,
): TextSource {
  const want = Math.min(size, Math.max(o.sniffBytes, 3));
  const head = Buffer.allocUnsafe(want);
  let got = 0;
  if (have) {
    got = Math.min(want, have.length);
    head.set(have.subarray(0, got));
  }
  while (got < want) {
    const n = fs.read(fd, head, got, want - got, got);
    if (n === 0) break;
    got += n;
  }
  const sniffed = sniff(head, got, o.sniffBytes);
  return new StreamSource(fs, path, size, sniffed, head.subarray(0, got), o);
}

/**
 * A large file, read in chunks. The descriptor used for sniffing is closed by
 * openText; pieces() opens the file again, so that nothing stays open if the
 * caller never iterates. The bytes sniffed earlier and the size seen then are
 * checked again, so a file replaced in between is caught.
 */
class StreamSource implements TextSource {
  readonly encoding: TextEncodingName;
  private digest: string | undefined;
  private started = false;

  constructor(
    private readonly fs: FileSystem,
    private readonly path: string,
    readonly size: number,
    private readonly sniffed: Sniffed,
    private readonly head: Uint8Array,
    private readonly o: ReadOptions,
  ) {
    this.encoding = sniffed.encoding;
  }

  /** Bytes of the byte order mark before the text. */
  get bom(): number {
    return this.sniffed.bom;
  }

  pieces(): Iterable<string> {
    if (this.started) throw new Error(`pieces() of a streamed document can be iterated only once: ${this.path}`);
    this.started = true;
    return this.stream();
  }

  hash(): string {
    if (this.digest === undefined) throw new Error(`hash() is available only after pieces() was fully iterated: ${this.path}`);
    return this.digest;
  }

  private *stream(): Generator<string, void, undefined> {
    const { fs, path, size, head, o } = this;
    let fd: number | undefined;
    try {
      fd = openWithRetry(fs, path, o.retryBudgetMs ?? 1000);
      const start = statFile(fs, fd, path);
      if (start !== size) throw changed(path, size, start, 'between sniffing and streaming');
      const buf = Buffer.allocUnsafe(o.chunkBytes);
      const decoder = new StreamDecoder(this.sniffed.encoding, this.sniffed.bom);
      const hasher = crypto.createHash(HASH);
      const bom = this.sniffed.bom;
      let pos = 0;
      for (;;) {
        const n = fs.read(fd, buf, 0, o.chunkBytes, pos);
        if (n === 0) break;
        const chunk = buf.subarray(0, n);
        if (pos < head.length) {
          const overlap = Math.min(n, head.length - pos);
          if (!chunk.subarray(0, overlap).equals(head.subarray(pos, pos + overlap))) {
            throw fail('changed-while-reading', `content changed between sniffing and streaming: ${path}`);
          }
        }
        pos += n;
        if (pos > start) throw changed(path, start, pos, 'while streamed');
        hasher.update(chunk);
        const from = pos - n < bom ? Math.min(bom - (pos - n), n) : 0;
        const text = decoder.push(from === 0 ? chunk : chunk.subarray(from));
        if (text.length > 0) yield text;
      }
      const end = fs.fstat(fd).size;
      if (pos !== start || end !== start) {
        throw changed(path, start, pos !== start ? pos : end, 'while streamed');
      }
      const rest = decoder.end();
      if (rest.length > 0) yield rest;
      this.digest = hasher.digest('hex');
    } catch (err) {
      throw failureFromError(err, path);
    } finally {
      if (fd !== undefined) closeQuietly(fs, fd);
    }
  }
}

/** The byte order mark's length of a streamed source; undefined for a whole one. */
export function streamedBom(source: TextSource): number | undefined {
  return source instanceof StreamSource ? source.bom : undefined;
}

/** The failure of a file whose size moved while it was read. */
export function changed(path: string, before: number, after: number, when: string) {
  const how = after > before ? 'grew' : 'shrank';
  return fail('changed-while-reading', `${how} from ${before} to ${after} bytes ${when}: ${path}`);
}

// ---------------------------------------------------------------------------
// Opening with back-off

const sleeper = new Int32Array(new SharedArrayBuffer(4));

function sleepSync(ms: number): void {
  Atomics.wait(sleeper, 0, 0, ms);
}

/**
 * Opens, backing off on EMFILE/ENFILE (5, 10, 20, ... ms, the last delay cut
 * so the total stays within `budgetMs`). Other errors are thrown as they are.
 */
export function openWithRetry(fs: FileSystem, path: string, budgetMs: number): number {
  let delay = 5;
  let slept = 0;
  let attempts = 0;
  for (;;) {
    try {
      return fs.open(path);
    } catch (err) {
      const code = errorCode(err);
      if (code !== 'EMFILE' && code !== 'ENFILE') throw failureFromError(err, path);
      attempts++;
      const wait = Math.min(delay, budgetMs - slept);
      if (wait <= 0) {
        throw fail('too-many-open-files', `${code} (open) persisted after ${attempts} attempts over ${slept} ms: ${path}`);
      }
      sleepSync(wait);
      slept += wait;
      delay *= 2;
    }
  }
}

export function closeQuietly(fs: FileSystem, fd: number): void {
  try {
    fs.close(fd);
  } catch {
    // Closing a read-only descriptor cannot lose data; the read's outcome stands.
  }
}
