// The outcomes a run builds for documents it settles from results: a processed or
// cached document whose results are parsed from their cache entries only when read,
// and candidates completed with what a stat found.
import { entryResults, type CacheEntry } from '../cache/cache';
import type { ProcessedText } from '../process/batch';
import { nodeFileSystem } from '../read/fs';
import { statPaths } from '../read/identity';
import { UNSTATED, type Cached, type Candidate, type OperationResults, type Processed } from '../types';

/** The candidate statted on this thread (an unsaved buffer's file: buffers are few). */
export function statted(c: Candidate): Candidate {
  const stats = statPaths([c.path], nodeFileSystem);
  return measured(c, stats[0]!, stats[1]!);
}

/**
 * The candidate with the size and mtime a stat found; unchanged when there was
 * none (UNSTATED: the worker then meets the same condition and reports it).
 */
export function measured(c: Candidate, size: number, mtimeMs: number): Candidate {
  return size === UNSTATED ? c : { path: c.path, root: c.root, size, mtimeMs, seq: c.seq };
}

/** The results of a document's entries (one per operation) as one object; a single entry's own. */
function mergedResults(entries: readonly CacheEntry[]): OperationResults {
  if (entries.length === 1) return entryResults(entries[0]!);
  const out: Record<string, unknown> = {};
  for (const e of entries) Object.assign(out, entryResults(e));
  return out;
}

/**
 * Where an outcome keeps what its lazy `results` need: its entries, and the
 * results once parsed. A symbol-keyed, non-enumerable member, so reports, JSON,
 * spreads and deep comparisons see the outcome's fields and `results` only.
 */
const LAZY = Symbol('lazy results');

interface LazyResults {
  readonly entries: readonly CacheEntry[];
  results?: OperationResults;
}

function readLazyResults(this: { readonly [LAZY]: LazyResults }): OperationResults {
  const lazy = this[LAZY];
  return (lazy.results ??= mergedResults(lazy.entries));
}

/**
 * `results` as an own, enumerable getter, as an object literal's `get results()`
 * would be (reports and JSON see it), but one getter shared by every outcome.
 * A literal with a getter is a new closure per object, and V8 keeps such an
 * object in dictionary mode: about 1 KB per outcome instead of 200 bytes (30 MB
 * over tldr's 38,000 documents, measured with a heap snapshot), and five times
 * slower to make. Defined with a shared getter, the outcomes share one map.
 */
const RESULTS_GETTER: PropertyDescriptor = { get: readLazyResults, enumerable: true, configurable: true };

function withLazyResults<T extends object>(outcome: T, entries: readonly CacheEntry[]): T & { readonly results: OperationResults } {
  Object.defineProperty(outcome, LAZY, { value: { entries } satisfies LazyResults });
  return Object.defineProperty(outcome, 'results', RESULTS_GETTER) as T & { readonly results: OperationResults };
}

/** A processed outcome whose results are parsed from the entries' text when first asked for. */
export function processedOutcome(o: ProcessedText, entries: readonly CacheEntry[]): Processed {
  const outcome = { kind: 'processed' as const, path: o.path, root: o.root, size: o.size, mtimeMs: o.mtimeMs, hash: o.hash, source: o.source, encoding: o.encoding, ms: o.ms };
  return withLazyResults(outcome, entries);
}

/** A cached outcome whose results are read from the entries when first asked for. */
export function cachedOutcome(c: { path: string; root: string; size: number; mtimeMs: number }, entries: readonly CacheEntry[], via: Cached['via']): Cached {
  const entry = entries[0]!;
  if (entries.length === 1 && entry.results !== undefined) return { kind: 'cached', path: c.path, root: c.root, size: c.size, mtimeMs: c.mtimeMs, hash: entry.hash, results: entry.results, via };
  return withLazyResults({ kind: 'cached' as const, path: c.path, root: c.root, size: c.size, mtimeMs: c.mtimeMs, hash: entry.hash, via }, entries);
}

/** The one copy of each recurring value an outcome names (its source and encoding): a handful of distinct strings. */
const RECURRING = new Map<string, string>();
function recurring<T extends string>(value: T): T {
  const known = RECURRING.get(value);
  if (known !== undefined) return known as T;
  RECURRING.set(value, value);
  return value;
}

/**
 * An executor's outcome for `job`, naming the job's own path and root strings
 * and one copy of its source and encoding. A worker's outcome arrives as a
 * structured clone, with copies of all four: kept by every outcome, cache key
 * and finding of a run, they were 7 MB of the main thread's heap over tldr's
 * 38,000 documents (a heap snapshot counted 75,000 copies of paths and 33,000
 * of "utf-8" and of "disk").
 */
export function withJobStrings<O extends { readonly kind: string; readonly path: string; readonly root: string }>(job: { readonly path: string; readonly root: string }, o: O): O {
  if (o.path !== job.path || o.root !== job.root) return o;
  const own = { ...o, path: job.path, root: job.root };
  if (own.kind === 'processed') {
    const p = own as unknown as { source: string; encoding: string };
    p.source = recurring(p.source);
    p.encoding = recurring(p.encoding);
  }
  return own;
}
