// The result cache: lru-cache bounded by entries, bytes and age. A result is
// found by the file's identity (path + size + mtime) without reading it; when the
// identity changed, the stored content hash lets a worker prove the bytes did not,
// and the result is reused without analysis.
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { LRUCache } from 'lru-cache';
import type { CacheStats, OperationResults } from './types';

export interface CacheEntry {
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
  /** The results, or undefined until `json` (as loaded from a file) is first read. */
  results?: OperationResults;
  /**
   * The results as JSON text, parsed only when something reads them (see
   * entryResults): as an executor made them, or still in a loaded file's bytes.
   */
  json?: string | SavedJson;
  /** Approximate bytes this entry costs (computed where the result was made). */
  readonly cost: number;
}

/**
 * An entry's results. Loading a saved cache keeps each entry's results as text:
 * a warm run over unchanged files then costs a split per entry, not a parse.
 */
export function entryResults(entry: CacheEntry): OperationResults {
  if (entry.results === undefined) {
    entry.results = JSON.parse(entry.json ? jsonText(entry.json) : '{}') as OperationResults;
    entry.json = undefined;
  }
  return entry.results;
}

function jsonText(json: string | SavedJson): string {
  return typeof json === 'string' ? json : json.bytes.toString('utf8', json.start, json.end);
}

/**
 * Results still in the bytes of a loaded cache file (UTF-8 JSON). Three fields,
 * not a Buffer view per entry: a view cost several times the memory and time.
 */
export class SavedJson {
  constructor(
    readonly bytes: Buffer,
    readonly start: number,
    readonly end: number,
  ) {}
}

export interface CacheOptions {
  maxEntries: number;
  maxBytes: number;
  ttlMs: number;
}

export const DEFAULT_CACHE: CacheOptions = {
  // lru-cache allocates its index for `max` entries up front: a bound far above
  // real trees costs start-up time and memory on every run.
  maxEntries: 200_000,
  maxBytes: 256 * 1024 * 1024,
  ttlMs: 7 * 24 * 3600 * 1000,
};

export const CACHE_FORMAT = 'batch-ops-cache';
export const CACHE_FORMAT_VERSION = 2;

/** Bytes a persisted cache file may have before it is refused unread. */
const MAX_FILE_FACTOR = 2;

export type Lookup =
  | { readonly kind: 'hit'; readonly entry: CacheEntry }
  /** The path is known but its identity changed: the worker may compare this hash. */
  | { readonly kind: 'stale'; readonly hash: string }
  | { readonly kind: 'miss' };

export class ResultCache {
  private lru: LRUCache<string, CacheEntry>;
  private hits = 0;
  private misses = 0;
  private evictions = 0;

  constructor(readonly options: CacheOptions = DEFAULT_CACHE) {
    this.lru = this.makeLru();
  }

  private makeLru(): LRUCache<string, CacheEntry> {
    return new LRUCache<string, CacheEntry>({
      max: this.options.maxEntries,
      maxSize: this.options.maxBytes,
      ttl: this.options.ttlMs,
      // Never hand out an expired entry, and only pay for the age check on read.
      ttlAutopurge: false,
      sizeCalculation: (entry, key) => entry.cost + key.length * 2,
      maxEntrySize: this.options.maxBytes,
      dispose: (_value, _key, reason) => {
        if (reason === 'evict') this.evictions++;
      },
    });
  }

  /** Finds a result by identity. `scope` ties it to the operations and their settings. */
  lookup(scope: string, filePath: string, size: number, mtimeMs: number): Lookup {
    return this.judge(this.entry(scope, filePath), size, mtimeMs);
  }

  /**
   * The entry stored for a path, whatever its identity (not counted): a run looks
   * once, stats the file only if there is an entry, then has it judged.
   */
  entry(scope: string, filePath: string): CacheEntry | undefined {
    return this.lru.get(scope + '\0' + filePath);
  }

  /** An entry (or none) against a file's current identity; counted as a hit or a miss. */
  judge(entry: CacheEntry | undefined, size: number, mtimeMs: number): Lookup {
    if (entry && entry.size === size && entry.mtimeMs === mtimeMs) {
      this.hits++;
      return { kind: 'hit', entry };
    }
    this.misses++;
    return entry ? { kind: 'stale', hash: entry.hash } : { kind: 'miss' };
  }

  /** A stale lookup turned out to have the same content: count it as a hit; the entry takes on the new identity. */
  confirmHit(scope: string, filePath: string, size: number, mtimeMs: number): CacheEntry | undefined {
    const key = scope + '\0' + filePath;
    const entry = this.lru.get(key);
    if (!entry) return undefined;
    this.misses--;
    this.hits++;
    if (entry.size === size && entry.mtimeMs === mtimeMs) return entry;
    const updated: CacheEntry = { ...entry, size, mtimeMs };
    this.lru.set(key, updated);
    return updated;
  }

  set(scope: string, filePath: string, entry: CacheEntry): void {
    this.lru.set(scope + '\0' + filePath, entry);
  }

  delete(scope: string, filePath: string): void {
    this.lru.delete(scope + '\0' + filePath);
  }

  clear(): void {
    this.lru.clear();
  }

  /** Evicts least-recently-used entries until the cache holds at most `fraction` of its bytes. */
  trim(fraction: number): number {
    const target = this.lru.calculatedSize * Math.max(0, Math.min(1, fraction));
    let removed = 0;
    while (this.lru.calculatedSize > target && this.lru.size > 0) {
      // pop() evicts: the dispose hook counts it.
      if (this.lru.pop() === undefined) break;
      removed++;
    }
    return removed;
  }

  resetCounters(): void {
    this.hits = 0;
    this.misses = 0;
    this.evictions = 0;
  }

  stats(): CacheStats {
    const total = this.hits + this.misses;
    return {
      hits: this.hits,
      misses: this.misses,
      evictions: this.evictions,
      entries: this.lru.size,
      bytes: this.lru.calculatedSize,
      hitRate: total === 0 ? 0 : this.hits / total,
    };
  }

  /**
   * Writes the cache to `file` atomically: a temporary file in the same folder,
   * then a rename, so a crash mid-write leaves the previous file intact.
   * Layout: one JSON header line (format, version, entry count, checksum of the
   * body), then one line per entry: key, size, mtime, hash, cost and expiry
   * separated by tabs, then the results as JSON (a key holding a tab or a line
   * break is written as a JSON string).
   */
  save(file: string): void {
    const now = Date.now();
    const lines: string[] = [];
    for (const [key, entry] of this.lru.entries()) {
      const ttl = this.lru.getRemainingTTL(key);
      if (ttl <= 0) continue;
      const json = entry.json ? jsonText(entry.json) : JSON.stringify(entry.results ?? {});
      const expires = Number.isFinite(ttl) ? Math.round(now + ttl) : 0;
      lines.push(`${plainKey(key) ? key : JSON.stringify(key)}\t${entry.size}\t${entry.mtimeMs}\t${entry.hash}\t${entry.cost}\t${expires}\t${json}`);
    }
    // Least recent first, so loading in order rebuilds the same recency.
    lines.reverse();
    const body = lines.join('\n');
    const header = {
      format: CACHE_FORMAT,
      version: CACHE_FORMAT_VERSION,
      entries: lines.length,
      bodyBytes: Buffer.byteLength(body),
      checksum: sha256(body),
      savedAt: new Date(now).toISOString(),
    };
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.${Date.now()}.tmp`;
    try {
      const fd = fs.openSync(tmp, 'w');
      try {
        fs.writeSync(fd, JSON.stringify(header) + '\n');
        fs.writeSync(fd, body);
        fs.fsyncSync(fd);
      } finally {
        fs.closeSync(fd);
      }
      fs.renameSync(tmp, file);
    } catch (err) {
      fs.rmSync(tmp, { force: true });
      throw err;
    }
  }

  /**
   * Replaces the contents with those saved in `file`. Anything doubtful (missing,
   * truncated, corrupt, another format or version, oversized) is not trusted:
   * the cache stays empty and the returned warning says why. Results stay text
   * until read (entryResults).
   */
  load(file: string): { loaded: number; warning?: string } {
    const fail = (why: string) => {
      this.lru.clear();
      return { loaded: 0, warning: `cache file ${file} ignored: ${why}` };
    };
    // Bytes, not text: the checksum is over the body's bytes, lines and fields are
    // found with memchr-speed indexOf, and each entry's results stay a view of
    // these bytes until read. Decoding the whole file to a string cost more than
    // everything else together.
    let buf: Buffer;
    try {
      const size = fs.statSync(file).size;
      if (size > this.options.maxBytes * MAX_FILE_FACTOR + 4096) return fail(`it is ${size} bytes, over the cache's bound`);
      buf = fs.readFileSync(file);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { loaded: 0 };
      return fail(`cannot be read (${code ?? String(err)})`);
    }
    const newline = buf.indexOf(NL);
    if (newline < 0) return fail('truncated (no header line)');
    let header: Record<string, unknown>;
    try {
      header = JSON.parse(buf.toString('utf8', 0, newline));
    } catch {
      return fail('corrupt header');
    }
    if (header === null || typeof header !== 'object' || header.format !== CACHE_FORMAT) return fail('not a batch-ops cache file');
    if (header.version !== CACHE_FORMAT_VERSION) return fail(`format version ${String(header.version)}, expected ${CACHE_FORMAT_VERSION}`);
    const body = buf.subarray(newline + 1);
    if (body.length !== header.bodyBytes) return fail('truncated or padded body');
    if (sha256(body) !== header.checksum) return fail('checksum mismatch (corrupt)');
    // Everything is parsed before the cache is touched: a bad line leaves it as it was.
    const parsed: ParsedLines = { keys: [], entries: [], expires: [] };
    const now = Date.now();
    let at = 0;
    let line = 2;
    while (at < body.length) {
      let end = body.indexOf(NL, at);
      if (end < 0) end = body.length;
      if (!parseLine(body, at, end, now, parsed)) return fail(`unexpected entry at line ${line}`);
      at = end + 1;
      line++;
    }
    if (line - 2 > Number(header.entries)) return fail('more entries than the header says');
    this.lru.clear();
    const { keys, entries, expires } = parsed;
    for (let i = 0; i < keys.length; i++) this.lru.set(keys[i]!, entries[i]!, expires[i] === 0 ? undefined : { ttl: expires[i]! - now });
    return { loaded: this.lru.size };
  }
}

const NL = 0x0a;
const TAB = 0x09;

/** Keys are written as they are unless a tab, a line break or a leading quote would make them ambiguous. */
function plainKey(key: string): boolean {
  return !key.startsWith('"') && !/[\t\n\r]/.test(key);
}

/** Parsed lines, as parallel arrays (a tuple per entry was most of the load's garbage). */
interface ParsedLines {
  keys: string[];
  entries: CacheEntry[];
  expires: number[];
}

const tabs = new Int32Array(6);

/**
 * One saved entry: key, size, mtime, hash, cost, expiry (0: none), results JSON.
 * Appends it unless expired; false if the line is malformed.
 */
function parseLine(body: Buffer, start: number, end: number, now: number, out: ParsedLines): boolean {
  let at = start;
  for (let i = 0; i < 6; i++) {
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
  out.entries.push({ size, mtimeMs, hash: body.toString('latin1', tabs[2]! + 1, tabs[3]), cost, json: new SavedJson(body, at, end) });
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

function sha256(text: string | Uint8Array): string {
  return createHash('sha256').update(text).digest('hex');
}

/** The cache scope of a set of operations: their ids, versions and result-changing settings, and the engine's own (what counts as generated). */
export function cacheScope(ops: readonly { id: string; version: number; settings: unknown }[], engineSettings: unknown = null): string {
  const canonical = JSON.stringify([ops.map((o) => [o.id, o.version, o.settings]), engineSettings]);
  return createHash('sha1').update(canonical).digest('hex').slice(0, 16);
}
