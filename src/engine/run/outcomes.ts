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

/** A processed outcome whose results are parsed from the entries' text when first asked for. */
export function processedOutcome(o: ProcessedText, entries: readonly CacheEntry[]): Processed {
  let results: OperationResults | undefined;
  return {
    kind: 'processed',
    path: o.path,
    root: o.root,
    size: o.size,
    mtimeMs: o.mtimeMs,
    hash: o.hash,
    source: o.source,
    encoding: o.encoding,
    ms: o.ms,
    get results() {
      return (results ??= mergedResults(entries));
    },
  };
}

/** A cached outcome whose results are read from the entries when first asked for. */
export function cachedOutcome(c: { path: string; root: string; size: number; mtimeMs: number }, entries: readonly CacheEntry[], via: Cached['via']): Cached {
  const entry = entries[0]!;
  if (entries.length === 1 && entry.results !== undefined) return { kind: 'cached', path: c.path, root: c.root, size: c.size, mtimeMs: c.mtimeMs, hash: entry.hash, results: entry.results, via };
  let results: OperationResults | undefined;
  // An own, enumerable getter (reports and JSON see `results`), written as a literal:
  // Object.defineProperty per outcome cost more than the rest of a warm hit.
  return {
    kind: 'cached',
    path: c.path,
    root: c.root,
    size: c.size,
    mtimeMs: c.mtimeMs,
    hash: entry.hash,
    via,
    get results() {
      return (results ??= mergedResults(entries));
    },
  };
}
