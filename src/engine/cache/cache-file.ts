// The result cache's file: written through the one write path (atomically, and
// never over a file that is not a cache file), and read back only when
// everything in it checks out.
//
// Layout: one JSON header line (format, version, entry count, body size and the
// SHA-256 of the body), then one line per entry: key, size, mtime, hash, cost,
// expiry (0: none) and the result's brief for the summary (empty: none) separated
// by tabs, then the results as JSON (a key holding a tab or a line break is
// written as a JSON string). Entries are least recent first, so loading in order
// rebuilds the same recency. Version 2 (no brief) is still read.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import { SavedJson, jsonText, type CacheEntry } from './cache-entry';
import { runInSlices, runNow } from '../slices';
import { writeAtomic, writeAtomicAsync, type WriteResult } from '../write/atomic-write';
import type { CacheTarget } from '../write/write-target';

export const CACHE_FORMAT = 'batch-ops-cache';
export const CACHE_FORMAT_VERSION = 3;
/** The version before briefs: its entries read as entries without one. */
const BRIEFLESS_VERSION = 2;

/** A cache's entries as saved or loaded, least recent first (parallel arrays: a tuple per entry was most of a load's garbage). */
export interface SavedEntries {
  keys: string[];
  entries: CacheEntry[];
  /** Epoch ms after which an entry is void; 0: never. */
  expires: number[];
}

/** Lines per piece of the body: the unit of work between two looks at the clock. */
const PIECE_LINES = 256;

/** The cache's target: a file that is missing or carries the cache's header (anything else is the user's, and refused). */
export function cacheTarget(file: string, otherOutputs?: readonly string[]): CacheTarget {
  return { kind: 'cache', path: file, recognise: isCacheHead, ...(otherOutputs ? { otherOutputs } : {}) };
}

/** Whether a file starts with this cache's header (any version: an older cache file is still ours to replace). */
export function isCacheHead(head: Buffer): boolean {
  return head.toString('latin1', 0, CACHE_HEAD.length) === CACHE_HEAD;
}

/** The header line's first bytes, as headerLine writes them. */
const CACHE_HEAD = `{"format":${JSON.stringify(CACHE_FORMAT)}`;

/** Writes `saved` to `file` in one go, through the one write path (write/atomic-write.ts). */
export function writeCacheFile(file: string, saved: SavedEntries, now: number): WriteResult {
  const body = runNow(bodySteps(saved));
  return writeAtomic(cacheTarget(file), [headerLine(saved, body, now), ...body.pieces]);
}

/**
 * The same file, made in slices of about `sliceMs` (see slices.ts) and written
 * with asynchronous calls. Before the rename it asks `current()`: false (a newer
 * save has started since, or the cache was cleared) leaves the file alone
 * ('superseded').
 */
export async function writeCacheFileSliced(file: string, saved: SavedEntries, now: number, sliceMs: number, current: () => boolean): Promise<WriteResult> {
  const body = await runInSlices(bodySteps(saved), sliceMs);
  return writeAtomicAsync(cacheTarget(file), [headerLine(saved, body, now), ...body.pieces], current);
}

/** The body as pieces of PIECE_LINES lines, with the size and checksum the header gives. */
interface Body {
  readonly pieces: string[];
  readonly bytes: number;
  readonly checksum: string;
}

function* bodySteps(saved: SavedEntries): Generator<void, Body> {
  const pieces: string[] = [];
  const checksum = createHash('sha256');
  let bytes = 0;
  for (let from = 0; from < saved.keys.length; from += PIECE_LINES) {
    const to = Math.min(saved.keys.length, from + PIECE_LINES);
    let piece = '';
    for (let i = from; i < to; i++) {
      if (i > 0) piece += '\n';
      piece += entryLine(saved.keys[i]!, saved.entries[i]!, saved.expires[i]!);
    }
    pieces.push(piece);
    checksum.update(piece);
    bytes += Buffer.byteLength(piece);
    yield;
  }
  return { pieces, bytes, checksum: checksum.digest('hex') };
}

function headerLine(saved: SavedEntries, body: Body, now: number): string {
  const header = {
    format: CACHE_FORMAT,
    version: CACHE_FORMAT_VERSION,
    entries: saved.keys.length,
    bodyBytes: body.bytes,
    checksum: body.checksum,
    savedAt: new Date(now).toISOString(),
  };
  return JSON.stringify(header) + '\n';
}

function entryLine(key: string, entry: CacheEntry, expires: number): string {
  const json = entry.json ? jsonText(entry.json) : JSON.stringify(entry.results ?? {});
  const brief = entry.brief === undefined ? '' : jsonText(entry.brief);
  return `${plainKey(key) ? key : JSON.stringify(key)}\t${entry.size}\t${entry.mtimeMs}\t${entry.hash}\t${entry.cost}\t${expires}\t${oneField(brief) ? brief : ''}\t${json}`;
}

/**
 * Text that cannot break its line of the file: no tab or line break. A key that
 * has one is written quoted; a brief that has one is left out (JSON.stringify
 * never writes one raw; an extension's brief might).
 */
function oneField(text: string): boolean {
  return !/[\t\n\r]/.test(text);
}

export type ReadResult =
  | { readonly kind: 'read'; readonly saved: SavedEntries }
  | { readonly kind: 'missing' }
  | { readonly kind: 'refused'; readonly why: string };

/** Bytes read, or checksummed, per step of a load. */
const READ_STEP = 1 << 20;

/**
 * The steps of reading a saved cache (run with runNow or runInSlices). Anything
 * doubtful (unreadable, truncated, corrupt, another format or version, larger
 * than `maxBytes`) is refused with the reason; entries expired by `now` are left
 * out. Results stay bytes until read (entryResults).
 */
export function* readSteps(file: string, maxBytes: number, now: number): Generator<void, ReadResult> {
  const refuse = (why: string): ReadResult => ({ kind: 'refused', why });
  // Bytes, not text: the checksum is over the body's bytes, lines and fields are
  // found with memchr-speed indexOf, and each entry's results stay a view of
  // these bytes until read. Decoding the whole file to a string cost more than
  // everything else together.
  let buf: Buffer;
  try {
    const got = yield* readBytes(file, maxBytes);
    if (typeof got === 'string') return refuse(got);
    buf = got;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return { kind: 'missing' };
    return refuse(`cannot be read (${code ?? String(err)})`);
  }
  const newline = buf.indexOf(NL);
  if (newline < 0) return refuse('truncated (no header line)');
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(buf.toString('utf8', 0, newline));
  } catch {
    return refuse('corrupt header');
  }
  if (header === null || typeof header !== 'object' || header.format !== CACHE_FORMAT) return refuse('not a batch-ops cache file');
  if (header.version !== CACHE_FORMAT_VERSION && header.version !== BRIEFLESS_VERSION) return refuse(`format version ${String(header.version)}, expected ${CACHE_FORMAT_VERSION}`);
  const fields = header.version === BRIEFLESS_VERSION ? 6 : 7;
  const body = buf.subarray(newline + 1);
  if (body.length !== header.bodyBytes) return refuse('truncated or padded body');
  const checksum = createHash('sha256');
  for (let at = 0; at < body.length; at += READ_STEP) {
    checksum.update(body.subarray(at, at + READ_STEP));
    yield;
  }
  if (checksum.digest('hex') !== header.checksum) return refuse('checksum mismatch (corrupt)');
  const saved: SavedEntries = { keys: [], entries: [], expires: [] };
  let at = 0;
  let line = 2;
  while (at < body.length) {
    let end = body.indexOf(NL, at);
    if (end < 0) end = body.length;
    if (!parseLine(body, at, end, now, fields, saved)) return refuse(`unexpected entry at line ${line}`);
    at = end + 1;
    if (++line % PIECE_LINES === 0) yield;
  }
  if (line - 2 > Number(header.entries)) return refuse('more entries than the header says');
  return { kind: 'read', saved };
}

/** The whole file, a step per READ_STEP bytes, or why it is refused. */
function* readBytes(file: string, maxBytes: number): Generator<void, Buffer | string> {
  const fd = fs.openSync(file, 'r');
  try {
    const size = fs.fstatSync(fd).size;
    if (size > maxBytes) return `it is ${size} bytes, over the cache's bound`;
    const buf = Buffer.allocUnsafe(size);
    let filled = 0;
    while (filled < size) {
      const n = fs.readSync(fd, buf, filled, Math.min(READ_STEP, size - filled), filled);
      if (n === 0) return 'truncated while being read';
      filled += n;
      yield;
    }
    return buf;
  } finally {
    fs.closeSync(fd);
  }
}

const NL = 0x0a;
const TAB = 0x09;

/** Keys are written as they are unless a tab, a line break or a leading quote would make them ambiguous. */
function plainKey(key: string): boolean {
  return !key.startsWith('"') && oneField(key);
}

const tabs = new Int32Array(7);

/**
 * One saved entry: key, size, mtime, hash, cost, expiry (0: none), brief (in a
 * file of 7 fields before the results; empty: none), results JSON. Appends it
 * unless expired; false if the line is malformed.
 */
function parseLine(body: Buffer, start: number, end: number, now: number, fields: 6 | 7, out: SavedEntries): boolean {
  let at = start;
  for (let i = 0; i < fields; i++) {
    const tab = body.indexOf(TAB, at);
    if (tab < 0 || tab >= end) return false;
    tabs[i] = tab;
    at = tab + 1;
  }
  if (end - at < 2 || body[at] !== 0x7b || body[end - 1] !== 0x7d) return false; // { ... }
  let key: unknown = body.toString('utf8', start, tabs[0]);
  if (body[start] === 0x22) {
    try {
      key = JSON.parse(key as string);
    } catch {
      return false;
    }
  }
  const size = numberAt(body, tabs[0]! + 1, tabs[1]!);
  const mtimeMs = numberAt(body, tabs[1]! + 1, tabs[2]!);
  const cost = numberAt(body, tabs[3]! + 1, tabs[4]!);
  const expires = numberAt(body, tabs[4]! + 1, tabs[5]!);
  if (typeof key !== 'string' || !(Number.isFinite(size) && Number.isFinite(mtimeMs) && Number.isFinite(cost) && Number.isFinite(expires))) return false;
  if (!isHashAt(body, tabs[2]! + 1, tabs[3]!)) return false;
  if (expires !== 0 && expires <= now) return true;
  out.keys.push(key);
  const brief = fields === 7 && tabs[6]! > tabs[5]! + 1 ? new SavedJson(body, tabs[5]! + 1, tabs[6]!) : undefined;
  out.entries.push({ size, mtimeMs, hash: body.toString('latin1', tabs[2]! + 1, tabs[3]), cost, json: new SavedJson(body, at, end), brief });
  out.expires.push(expires);
  return true;
}

/**
 * A saved number. Plain integers (sizes, costs, whole-millisecond times: nearly
 * all of them) are read from the digits without making a string; anything else
 * goes through Number, which is what wrote it back exactly.
 */
function numberAt(b: Buffer, start: number, end: number): number {
  let i = start;
  const negative = b[i] === 0x2d;
  if (negative) i++;
  if (i === end || end - i > 15) return Number(b.toString('latin1', start, end));
  let n = 0;
  for (; i < end; i++) {
    const d = b[i]! - 0x30;
    if (d < 0 || d > 9) return Number(b.toString('latin1', start, end));
    n = n * 10 + d;
  }
  return negative ? -n : n;
}

/** A content hash as written: 1 to 128 ASCII letters and digits. */
function isHashAt(b: Buffer, start: number, end: number): boolean {
  if (end <= start || end - start > 128) return false;
  for (let i = start; i < end; i++) {
    const c = b[i]!;
    if (!((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a))) return false;
  }
  return true;
}
