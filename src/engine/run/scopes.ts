// Where each operation's results are cached: one scope per operation (its id,
// version and settings), so adding an operation leaves the others' results valid,
// refined per document by what else its result depends on (Operation.cacheKeyFor).
import { cacheScope, type CacheEntry, type ResultCache } from '../cache/cache';
import type { GeneratedOptions } from '../read/generated';
import type { Operation } from '../../operations/operation';
import type { ProcessedText } from '../process/batch';
import type { Unchanged } from '../process/job';
import type { Processed } from '../types';

export class OperationScopes {
  private readonly scopes: readonly string[];
  /** An operation's index in the run, by id (results come back named by id). */
  private readonly byId: ReadonlyMap<string, number>;

  constructor(
    private readonly ops: readonly Operation[],
    generated: GeneratedOptions,
  ) {
    this.scopes = ops.map((op) => cacheScope([op], { generated }));
    this.byId = new Map(ops.map((op, i) => [op.id, i]));
  }

  indexOf(id: string): number {
    const i = this.byId.get(id);
    if (i === undefined) throw new Error(`no operation "${id}" in this run`);
    return i;
  }

  /** Operation i's cache scope for a document. */
  scopeOf(i: number, doc: { readonly path: string; readonly root: string }): string {
    const op = this.ops[i]!;
    return op.cacheKeyFor ? `${this.scopes[i]!}:${op.cacheKeyFor(doc)}` : this.scopes[i]!;
  }

  /**
   * The cached entry of each operation that accepts the file (undefined where it has
   * none), in the order of those operations; null when no operation accepts it.
   */
  entriesOf(cache: ResultCache, c: { readonly path: string; readonly root: string }): (CacheEntry | undefined)[] | null {
    const ops = this.ops;
    const path = c.path;
    if (ops.length === 1) return ops[0]!.accepts(path) ? [cache.entry(this.scopeOf(0, c), path)] : null;
    const entries: (CacheEntry | undefined)[] = [];
    for (let i = 0; i < ops.length; i++) if (ops[i]!.accepts(path)) entries.push(cache.entry(this.scopeOf(i, c), path));
    return entries.length === 0 ? null : entries;
  }

  /** The ids of the operations that accept a path, in the run's order (aligned with entriesOf). */
  acceptingIds(path: string): string[] {
    return this.ops.filter((op) => op.accepts(path)).map((op) => op.id);
  }

  /** A document joined from ranges on this thread: its results as entries, one per operation, cached. */
  storeJoined(cache: ResultCache | undefined, o: Processed): CacheEntry[] {
    const entries: CacheEntry[] = [];
    this.ops.forEach((op, i) => {
      const r = o.results[op.id];
      if (r === undefined) return;
      const json = JSON.stringify({ [op.id]: r });
      const brief = op.fold?.brief?.of(r);
      const entry: CacheEntry = { size: o.size, mtimeMs: o.mtimeMs, hash: o.hash, json, brief, cost: 96 + (json.length + (brief?.length ?? 0)) * 2 };
      cache?.set(this.scopeOf(i, o), o.path, entry);
      entries.push(entry);
    });
    return entries;
  }

  /** A processed document's results (JSON text from the executor) as entries, cached when `cache` is given. */
  storeProcessed(cache: ResultCache | undefined, o: ProcessedText): CacheEntry[] {
    const fresh: CacheEntry[] = o.ids.map((id, k) => {
      const json = `{${JSON.stringify(id)}:${o.parts[k]!}}`;
      const brief = o.briefs?.[k];
      return { size: o.size, mtimeMs: o.mtimeMs, hash: o.hash, json, brief, cost: Math.ceil(o.cost / o.ids.length) };
    });
    if (cache) o.ids.forEach((id, k) => cache.set(this.scopeOf(this.indexOf(id), o), o.path, fresh[k]!));
    return fresh;
  }

  /** A document whose content the worker found unchanged: its cached entries, confirmed as hits; null if one was evicted meanwhile. */
  confirmUnchanged(cache: ResultCache | undefined, o: Unchanged): CacheEntry[] | null {
    if (!cache) return null;
    const entries: CacheEntry[] = [];
    for (let i = 0; i < this.ops.length; i++) {
      if (!this.ops[i]!.accepts(o.path)) continue;
      const entry = cache.confirmHit(this.scopeOf(i, o), o.path, o.size, o.mtimeMs, entries.length === 0);
      if (!entry) return null;
      entries.push(entry);
    }
    return entries;
  }
}
