// The run's counts and the summary's folds. Operations with a fold take each
// result as it settles (a run keeps no result for the summary's sake): folds that
// merge are folded by the executor per batch and merged here, the others here from
// each result. Cached results still unparsed from a loaded cache file wait in
// `deferred` until the summary is read, and are then folded from their briefs
// (SummaryFold.brief) or else parsed. Operations without a fold keep every entry.
import { entryResults, type CacheEntry } from '../cache/cache';
import { entryIs, jsonText, peekResults } from '../cache/cache-entry';
import { foldsOnExecutor } from '../process/batch';
import type { CacheStats, Counts, FailReason, OperationResults, Progress, RunLimitName, SkipReason, Summary } from '../types';
import type { Operation } from '../../operations/operation';

const MB = 1024 * 1024;

/** What the run adds to the tally's figures for a progress report. */
export interface ProgressContext {
  readonly queued: number;
  /** performance.now() at the run's start. */
  readonly started: number;
  readonly discoveryDone: boolean;
  readonly memory: Progress['memory'];
  readonly cacheHitRate: number;
}

/** What the run adds to the tally's figures for its summary. */
export interface SummaryContext {
  readonly queued: number;
  readonly started: number;
  readonly peakRss: number;
  readonly peakOwn?: Summary['peakOwn'];
  readonly cache: CacheStats;
  readonly state: Summary['state'];
  readonly limit: RunLimitName | undefined;
  readonly findings: Summary['findings'];
}

export class RunTally {
  readonly counts: Counts = { discovered: 0, queued: 0, processed: 0, cached: 0, skipped: 0, failed: 0 };
  readonly skippedBy: Partial<Record<SkipReason, number>> = {};
  readonly failedBy: Partial<Record<FailReason, number>> = {};
  /** Bytes of the processed and cached documents. */
  bytes = 0;
  private readonly folded: unknown[];
  /** Some fold cannot merge, so processed results are parsed here to fold them. */
  private readonly foldsHere: boolean;
  private readonly allFold: boolean;
  private readonly deferred: CacheEntry[] = [];
  private readonly kept: CacheEntry[] = [];
  private operations: Record<string, unknown> | undefined;

  constructor(private readonly ops: readonly Operation[]) {
    this.folded = ops.map((op) => op.fold?.start());
    this.allFold = ops.every((op) => op.fold);
    this.foldsHere = ops.some((op) => op.fold && !foldsOnExecutor(op));
  }

  /** Documents settled so far, whatever their outcome. */
  settled(): number {
    const c = this.counts;
    return c.processed + c.cached + c.skipped + c.failed;
  }

  skipped(reason: SkipReason): void {
    this.counts.skipped++;
    this.skippedBy[reason] = (this.skippedBy[reason] ?? 0) + 1;
  }

  failed(reason: FailReason): void {
    this.counts.failed++;
    this.failedBy[reason] = (this.failedBy[reason] ?? 0) + 1;
  }

  /**
   * @param entries the document's results, one entry per operation
   * @param foldedOnExecutor the executor already folded these results into its batch's folds
   * @param cachedTail how many of the last entries came from the cache (a partial hit), not from the executor
   */
  tally(kind: 'processed' | 'cached', size: number, entries: readonly CacheEntry[], foldedOnExecutor: boolean, cachedTail = 0): void {
    this.counts[kind]++;
    this.bytes += size;
    const n = entries.length;
    for (let i = 0; i < n; i++) this.collect(entries[i]!, foldedOnExecutor && i < n - cachedTail);
  }

  progress(ctx: ProgressContext): Progress {
    const elapsedMs = Math.max(1, performance.now() - ctx.started);
    const settled = this.settled();
    const docsPerSec = (settled * 1000) / elapsedMs;
    const remaining = this.counts.discovered - settled;
    return {
      counts: { ...this.counts, queued: ctx.queued },
      bytes: this.bytes,
      elapsedMs,
      docsPerSec,
      mbPerSec: this.bytes / MB / (elapsedMs / 1000),
      etaMs: ctx.discoveryDone && docsPerSec > 0 ? (remaining / docsPerSec) * 1000 : undefined,
      discoveryDone: ctx.discoveryDone,
      memory: ctx.memory,
      cacheHitRate: ctx.cacheHitRate,
    };
  }

  /** The run's summary; its `operations` are computed when first read. */
  summary(ctx: SummaryContext): Summary {
    const elapsedMs = Math.max(1, performance.now() - ctx.started);
    const c = { ...this.counts, queued: ctx.queued };
    const settled = this.settled();
    const operationSummaries = () => this.operationSummaries();
    return {
      counts: c,
      accounted: settled === c.discovered,
      bytes: this.bytes,
      elapsedMs,
      docsPerSec: (settled * 1000) / elapsedMs,
      mbPerSec: this.bytes / MB / (elapsedMs / 1000),
      peakRss: ctx.peakRss,
      ...(ctx.peakOwn ? { peakOwn: ctx.peakOwn } : {}),
      cache: ctx.cache,
      state: ctx.state,
      ...(ctx.limit ? { limit: ctx.limit } : {}),
      skippedByReason: { ...this.skippedBy },
      failedByReason: { ...this.failedBy },
      findings: ctx.findings,
      get operations() {
        return operationSummaries();
      },
    };
  }

  /** A batch's folds, aligned with this run's operations (the executor was configured with them in this order). */
  mergeFolds(folds: readonly unknown[] | undefined): void {
    if (!folds) return;
    this.ops.forEach((op, i) => {
      const f = folds[i];
      if (f !== undefined && foldsOnExecutor(op)) this.folded[i] = op.fold!.merge!(this.folded[i], f);
    });
  }

  /** Each operation's summary, computed when first asked for: a warm run whose caller wants only counts never parses saved results. */
  operationSummaries(): Record<string, unknown> {
    if (!this.operations) {
      const operations: Record<string, unknown> = {};
      for (const entry of this.deferred.splice(0)) if (!this.foldBrief(entry)) this.foldIn(peekResults(entry), false);
      const all = this.allFold ? [] : this.kept.map(entryResults);
      this.ops.forEach((op, i) => {
        operations[op.id] = op.fold ? op.fold.end(this.folded[i]) : op.summarize(all.map((r) => r[op.id]).filter((r) => r !== undefined));
      });
      this.operations = operations;
    }
    return this.operations;
  }

  private collect(entry: CacheEntry, foldedOnExecutor: boolean): void {
    if (!this.allFold) this.kept.push(entry);
    if (foldedOnExecutor) {
      if (this.foldsHere) this.foldIn(entryResults(entry), true);
      return;
    }
    if (entry.results === undefined) {
      this.deferred.push(entry);
      return;
    }
    this.foldIn(entry.results, false);
  }

  /** Folds an unparsed entry from its brief; false when it has none its operation reads. */
  private foldBrief(entry: CacheEntry): boolean {
    if (entry.brief === undefined || entry.json === undefined) return false;
    const only = this.ops.length === 1; // then every entry is that operation's
    for (let i = 0; i < this.ops.length; i++) {
      const brief = this.ops[i]!.fold?.brief;
      if (brief && (only || entryIs(entry.json, this.ops[i]!.id))) {
        this.folded[i] = brief.add(this.folded[i], jsonText(entry.brief));
        return true;
      }
    }
    return false;
  }

  /** @param onlyHere only the folds the executor does not do */
  private foldIn(results: OperationResults, onlyHere: boolean): void {
    this.ops.forEach((op, i) => {
      const r = results[op.id];
      if (op.fold && r !== undefined && !(onlyHere && foldsOnExecutor(op))) this.folded[i] = op.fold.add(this.folded[i], r);
    });
  }
}
