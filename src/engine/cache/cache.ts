// The result cache: lru-cache bounded by entries, bytes and age. A result is
// found by the file's identity (path + size + mtime) without reading it; when the
// identity changed, the stored content hash lets a worker prove the bytes did not,
// and the result is reused without analysis.
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { CacheEntry } from './cache-entry';
import { readSteps, writeCacheFile, writeCacheFileSliced, type SavedEntries } from './cache-file';
import { runInSlices, runNow } from '../slices';
import type { CacheStats } from '../types';
import type { WriteResult } from '../write/atomic-write';
import { SETTINGS } from '../../settings/table';

export { entryOf, entryResults, SavedJson, type CacheEntry } from './cache-entry';
export { CACHE_FORMAT, CACHE_FORMAT_VERSION } from './cache-file';

export interface CacheOptions {
  maxEntries: number;
  maxBytes: number;
  ttlMs: number;
}

export const DEFAULT_CACHE: CacheOptions = {
  // lru-cache allocates its index for `max` entries up front: a bound far above
  // real trees costs start-up time and memory on every run.
  maxEntries: 200_000,
  // The settings table's bound, so the command line and the editor keep the same cache.
  maxBytes: SETTINGS.cacheMaxMB.default * 1e6,
  ttlMs: SETTINGS.cacheTtlHours.default * 3600 * 1000,
};

/** Bytes a persisted cache file may have before it is refused unread. */
const MAX_FILE_FACTOR = 2;

export interface LoadResult {
  readonly loaded: number;
  readonly warning?: string;
}

export type Lookup =
  | { readonly kind: 'hit'; readonly entry: CacheEntry }
  /** The path is known but its identity changed: the worker may compare this hash. */
  | { readonly kind: 'stale'; readonly hash: string }
  | { readonly kind: 'miss' };

/**
 * A document's entries, one per operation that accepts it, judged together
 * (counted once): every one current is a hit; some current and some not is a
 * partial hit (only the others' operations need to run); none current, all
 * with one content hash, is stale (the worker may prove the bytes unchanged).
 */
export type DocumentLookup =
  | { readonly kind: 'hit'; readonly entries: readonly CacheEntry[] }
  | { readonly kind: 'partial'; readonly hits: readonly CacheEntry[]; readonly missing: readonly number[] }
  | { readonly kind: 'stale'; readonly hash: string }
  | { readonly kind: 'miss' };

export class ResultCache {
  private lru: LRUCache<string, CacheEntry>;
  private hits = 0;
  private misses = 0;
  private evictions = 0;
  /** Stored, replaced or removed since the last save or load. */
  private changed = false;
  /** Saves started: the latest one writes the file (see saveSliced). */
  private saves = 0;
  /** Calls that may change or reorder lru-cache's list (see snapshotSteps). */
  private touched = 0;
  /** Clears so far: a sliced load gives up when one happens under it. */
  private generation = 0;
  /** A sliced load under way (see loadSliced). */
  loading: Promise<LoadResult> | undefined;

  constructor(readonly options: CacheOptions = DEFAULT_CACHE) {
    this.lru = this.makeLru();
  }

  private makeLru(): LRUCache<string, CacheEntry> {
    // No `max`: lru-cache would allocate its index for maxEntries up front (42 ms for
    // 200,000, on the editor's thread, when the first run starts). The count is bounded
    // by store(), evicting the least recently used as lru-cache would.
    return new LRUCache<string, CacheEntry>({
      maxSize: this.options.maxBytes,
      ttl: this.options.ttlMs,
      // Never hand out an expired entry, and only pay for the age check on read.
      ttlAutopurge: false,
      sizeCalculation: (entry, key) => entry.cost + key.length * 2,
      maxEntrySize: this.options.maxBytes,
      // Every replacement and removal (set over a key, evict, expire, delete) passes here.
      dispose: (_value, _key, reason) => {
        if (reason === 'evict') this.evictions++;
        this.changed = true;
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
    this.touched++;
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

  /** A document's entries (one per operation, undefined where none) against its identity; counted once. */
  judgeAll(entries: readonly (CacheEntry | undefined)[], size: number, mtimeMs: number): DocumentLookup {
    if (entries.length === 1) {
      const one = this.judge(entries[0], size, mtimeMs);
      return one.kind === 'hit' ? { kind: 'hit', entries: [one.entry] } : one;
    }
    const hits: CacheEntry[] = [];
    const missing: number[] = [];
    let hash: string | undefined;
    let oneHash = true;
    entries.forEach((e, i) => {
      if (e && e.size === size && e.mtimeMs === mtimeMs) return void hits.push(e);
      missing.push(i);
      if (!e) oneHash = false;
      else if (hash === undefined) hash = e.hash;
      else if (e.hash !== hash) oneHash = false;
    });
    if (missing.length === 0) {
      this.hits++;
      return { kind: 'hit', entries: hits };
    }
    this.misses++;
    if (hits.length > 0) return { kind: 'partial', hits, missing };
    return oneHash && hash !== undefined ? { kind: 'stale', hash } : { kind: 'miss' };
  }

  /**
   * A stale lookup turned out to have the same content: count it as a hit (once per
   * document: `counted` false for its other operations' entries); the entry takes on the new identity.
   */
  confirmHit(scope: string, filePath: string, size: number, mtimeMs: number, counted = true): CacheEntry | undefined {
    this.touched++;
    const key = scope + '\0' + filePath;
    const entry = this.lru.get(key);
    if (!entry) return undefined;
    if (counted) {
      this.misses--;
      this.hits++;
    }
    if (entry.size === size && entry.mtimeMs === mtimeMs) return entry;
    const updated: CacheEntry = { ...entry, size, mtimeMs };
    this.lru.set(key, updated);
    return updated;
  }

  set(scope: string, filePath: string, entry: CacheEntry): void {
    this.store(scope + '\0' + filePath, entry);
    this.changed = true;
  }

  /** lru-cache's set, within maxEntries (see makeLru). */
  private store(key: string, entry: CacheEntry, ttl?: number): void {
    this.touched++;
    this.lru.set(key, entry, ttl === undefined ? undefined : { ttl });
    // pop() evicts the least recently used (the dispose hook counts it).
    while (this.lru.size > this.options.maxEntries) this.lru.pop();
  }

  delete(scope: string, filePath: string): void {
    this.touched++;
    this.lru.delete(scope + '\0' + filePath);
  }

  clear(): void {
    this.touched++;
    this.lru.clear();
    // A sliced save still writing holds the results cleared here: it must not write them;
    // a sliced load still reading must not bring them back.
    this.saves++;
    this.generation++;
  }

  /** Evicts least-recently-used entries until the cache holds at most `fraction` of its bytes. */
  trim(fraction: number): number {
    this.touched++;
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
   * Whether anything was stored, replaced or removed since the cache was last
   * saved or loaded (reads that only reorder recency do not count). Never while a
   * sliced load is under way: the file then holds more than the cache does.
   */
  get unsaved(): boolean {
    return this.changed && !this.loading;
  }

  /**
   * Writes the cache to `file` (see cache-file.ts), in one go: for a command line
   * that is about to exit. A refusal (the file is not a cache file, is read-only…)
   * is returned, not thrown, and leaves the cache unsaved.
   */
  save(file: string): WriteResult {
    const now = Date.now();
    const saved = this.snapshot(now);
    this.saves++;
    const result = writeCacheFile(file, saved, now);
    if (result.kind !== 'written') this.changed = true;
    return result;
  }

  /**
   * The same, without holding the caller's thread for more than about `sliceMs`
   * at a time (the editor saves after every run). It saves the entries as they are
   * when its snapshot is complete (a few slices after the call); a later change
   * marks the cache unsaved again. A save started after this one wins: this one
   * then leaves the file alone and resolves 'superseded'.
   */
  async saveSliced(file: string, sliceMs = 8): Promise<WriteResult> {
    const now = Date.now();
    const mine = ++this.saves;
    const saved = await runInSlices(this.snapshotSteps(now), sliceMs);
    const result = await writeCacheFileSliced(file, saved, now, sliceMs, () => this.saves === mine);
    if (result.kind === 'refused') this.changed = true;
    return result;
  }

  /**
   * The live entries, least recent first, with their expiry, in steps of 512; marks
   * the cache saved. lru-cache's iterator must not outlive a change of its list (a
   * lookup reorders it): when one happens between two steps, the snapshot is taken
   * again, in one go.
   */
  private *snapshotSteps(now: number): Generator<void, SavedEntries> {
    const touched = this.touched;
    const saved: SavedEntries = { keys: [], entries: [], expires: [] };
    let n = 0;
    for (const pair of this.lru.rentries()) {
      // lru-cache types its pairs as (K | V)[].
      const key = pair[0] as string;
      const entry = pair[1] as CacheEntry;
      const ttl = this.lru.getRemainingTTL(key);
      if (ttl > 0) {
        saved.keys.push(key);
        saved.entries.push(entry);
        saved.expires.push(Number.isFinite(ttl) ? Math.round(now + ttl) : 0);
      }
      if ((++n & 511) === 0) {
        yield;
        if (this.touched !== touched) return this.snapshot(now);
      }
    }
    this.changed = false;
    return saved;
  }

  /** The live entries, least recent first, with their expiry, in one go; marks the cache saved. */
  private snapshot(now: number): SavedEntries {
    return runNow(this.snapshotSteps(now));
  }


  /**
   * Replaces the contents with those saved in `file`. Anything doubtful (missing,
   * truncated, corrupt, another format or version, oversized) is not trusted:
   * the cache stays empty and the returned warning says why.
   */
  load(file: string): LoadResult {
    return runNow(this.loadSteps(file));
  }

  /**
   * The same, without holding the caller's thread for more than about `sliceMs`
   * at a time. Until it ends, `loading` holds it: a run waits for it before it
   * looks anything up. A clear() meanwhile wins: nothing is loaded.
   */
  loadSliced(file: string, sliceMs = 8): Promise<LoadResult> {
    const loading: Promise<LoadResult> = runInSlices(this.loadSteps(file), sliceMs).finally(() => {
      if (this.loading === loading) this.loading = undefined;
    });
    this.loading = loading;
    return loading;
  }

  private *loadSteps(file: string): Generator<void, LoadResult> {
    const now = Date.now();
    const generation = this.generation;
    const read = yield* readSteps(file, this.options.maxBytes * MAX_FILE_FACTOR + 4096, now);
    if (this.generation !== generation) return { loaded: 0, warning: `cache file ${file} not loaded: the cache was cleared meanwhile` };
    // No file yet: nothing to replace the contents with.
    if (read.kind === 'missing') return { loaded: 0 };
    this.lru.clear();
    if (read.kind === 'refused') {
      this.changed = false;
      return { loaded: 0, warning: `cache file ${file} ignored: ${read.why}` };
    }
    const { keys, entries, expires } = read.saved;
    for (let i = 0; i < keys.length; i++) {
      this.store(keys[i]!, entries[i]!, expires[i] === 0 ? undefined : expires[i]! - now);
      if ((i & 255) === 255) {
        yield;
        if (this.generation !== generation) return { loaded: 0, warning: `cache file ${file} not loaded: the cache was cleared meanwhile` };
      }
    }
    this.changed = false;
    return { loaded: this.lru.size };
  }
}

/** The cache scope of a set of operations: their ids, versions and result-changing settings, and the engine's own (what counts as generated). */
export function cacheScope(ops: readonly { id: string; version: number; settings: unknown }[], engineSettings: unknown = null): string {
  const canonical = JSON.stringify([ops.map((o) => [o.id, o.version, o.settings]), engineSettings]);
  return createHash('sha1').update(canonical).digest('hex').slice(0, 16);
}
