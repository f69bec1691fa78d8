// A batch run: discovery feeds the priority queue (identity cache hits are settled
// on the spot, without a read), the dispatcher hands batches to the executor under
// a p-limit bound, and every discovered document ends as exactly one outcome.
import pLimit, { type LimitFunction } from 'p-limit';
import { cacheScope, entryResults, type CacheEntry, type DocumentLookup, type ResultCache } from './cache';
import type { ChunkerOptions } from './chunk';
import { DEFAULT_CHUNKER } from './chunk';
import { DEFAULT_MAX_FILE_SIZE, discover, type DiscoverOptions, type DiscoveryItem } from './discover';
import { nodeFileSystem } from './fs';
import { statPaths } from './identity';
import { failedOutcome, skippedOutcome } from './outcome';
import { generatedOptions, type GeneratedOptions } from './generated';
import { TypedEmitter } from './events';
import { throttleFor, type MemoryManager } from './memory';
import { peekResults } from './cache-entry';
import { foldsOnExecutor, type BatchResult, type JobOutcome, type ProcessedText } from './batch';
import type { DocJob } from './process';
import { joinRanges, planRanges, runRanges, type Split } from './split';
import type { OperationSpec } from './protocol';
import { PriorityQueue } from './queue';
import { DEFAULT_READ, type ReadOptions } from './read';
import type { Executor } from './schedule';
import { UNSTATED, type Cached, type Candidate, type Counts, type FailReason, type OperationResults, type Outcome, type Processed, type Progress, type RunLimitName, type SkipReason, type Summary } from './types';
import { createOperations } from '../operations/registry';
import type { Operation, WorkspaceResolver } from '../operations/operation';
import { FindingsStore } from './findings/store';
import { runWorkspacePhase, type WorkspaceDocument } from './findings/workspace';

export interface RunLimits {
  /** Stop after this many documents were settled (processed, cached, skipped or failed). */
  maxDocuments?: number;
  /** Stop after this many bytes of documents were settled. */
  maxBytes?: number;
  /** Stop when this many outcomes are kept for the report (keepOutcomes), so a huge tree cannot exhaust memory. */
  maxResults?: number;
}

export interface RunOptions {
  roots: readonly string[];
  discover?: Omit<DiscoverOptions, 'signal'>;
  /** Instead of walking `roots`: a ready stream of discovery items (e.g. from an editor's virtual file system). */
  source?: AsyncIterable<DiscoveryItem[]>;
  read?: Partial<ReadOptions>;
  chunk?: ChunkerOptions;
  /** Thresholds that mark a file generated or minified (skipped as 'generated'); 0 turns a check off. */
  generated?: Partial<GeneratedOptions>;
  operations?: readonly OperationSpec[];
  /** Larger is sooner. The editor passes: visible editors, then open tabs, then 0 for the rest. */
  priority?: (path: string) => number;
  /** In-memory text that replaces a file's content (unsaved editor buffers). Never cached. */
  overrides?: ReadonlyMap<string, string>;
  /** Content for paths the executor cannot read itself (non-file roots). */
  contentProvider?: (path: string) => Promise<Uint8Array>;
  signal?: AbortSignal;
  limits?: RunLimits;
  /** Batches in flight per executor thread beyond the one being worked on. Default 1. */
  prefetch?: number;
  /** Documents per batch message. Default 64. */
  batchSize?: number;
  progressIntervalMs?: number;
  /** Keep every outcome for the report (default true). Huge runs may stream outcomes from events instead. */
  keepOutcomes?: boolean;
  /** Where the run puts its findings (the editor keeps one across runs); default a new store, in the report. */
  findings?: FindingsStore;
  /**
   * Workspace-phase resolvers by operation id, kept by the caller across runs (the
   * editor: a saved file then re-resolves just what depends on it). Default: new ones per run.
   */
  resolvers?: Map<string, WorkspaceResolver>;
}

export interface RunEvents {
  started: { readonly roots: readonly string[]; readonly at: number };
  document: Outcome;
  progress: Progress;
  warning: { readonly message: string; readonly path?: string };
  state: { readonly state: RunState };
  finished: Summary;
}

export type RunState = 'running' | 'paused' | 'cancelled' | 'finished';

export interface RunReport {
  readonly summary: Summary;
  /** Every outcome, in the order they settled (empty when keepOutcomes is false). */
  readonly outcomes: readonly Outcome[];
  /** Every operation's findings (the store passed in RunOptions.findings, or the run's own). */
  readonly findings: FindingsStore;
  /**
   * Aligned with outcomes: the cache entries that hold a processed or cached
   * document's results (one per operation, as JSON text until read), so a report
   * can copy the text instead of parsing it; undefined for the others.
   */
  readonly entries?: readonly (readonly CacheEntry[] | undefined)[];
}

export interface RunContext {
  readonly executor: Executor;
  readonly cache?: ResultCache;
  readonly memory?: MemoryManager;
}

/** A queued document; `ops` limits it to the operations whose results were not cached (see DocJob.ops). */
type Queued = Candidate & { readonly knownHash?: string; readonly ops?: readonly string[] };

const MB = 1024 * 1024;
/** Discovery waits while this many documents are queued: a million-file walk must not outrun the workers into memory. */
const QUEUE_HIGH_WATER = 20_000;
/** Paths per identity-check message, and messages in flight before the walk waits. */
const IDENTITY_BATCH = 512;
const MAX_CHECKS = 8;
/** Identity checks are judged in slices of about this long (see judgeLater). */
const JUDGE_SLICE_MS = 8;

export class BatchRun extends TypedEmitter<RunEvents> {
  readonly done: Promise<RunReport>;
  private state: RunState = 'running';
  private readonly queue = new PriorityQueue<Queued>();
  /** Paths with a cached result, waiting to be sent for an identity check. */
  private identity: { candidates: Candidate[]; entries: (CacheEntry | undefined)[][] } = { candidates: [], entries: [] };
  /** Identity checks in flight. */
  private readonly checking = new Set<Promise<void>>();
  /** Answered identity checks waiting to be judged (see judgeLater). */
  private readonly judging: Array<{
    readonly candidates: readonly Candidate[];
    readonly entries: readonly (readonly (CacheEntry | undefined)[])[];
    readonly stats: Float64Array;
    next: number;
    readonly resolve: () => void;
    readonly reject: (err: unknown) => void;
  }> = [];
  private readonly counts: Counts = { discovered: 0, queued: 0, processed: 0, cached: 0, skipped: 0, failed: 0 };
  private readonly skippedBy: Partial<Record<SkipReason, number>> = {};
  private readonly failedBy: Partial<Record<FailReason, number>> = {};
  private readonly outcomes: Outcome[] = [];
  /** outcomes[i]'s result entries (RunReport.entries). */
  private readonly outcomeEntries: (readonly CacheEntry[] | undefined)[] = [];
  /**
   * The summary's inputs. Operations with a fold take each result as it settles
   * (a run keeps no result for the summary's sake): folds that merge are folded by
   * the executor per batch and merged here, the others here from each result.
   * Cached results still unparsed from a loaded cache file wait in `deferred` and
   * are parsed only if the summary is read. Operations without a fold keep every entry.
   */
  private readonly folded: unknown[];
  /** Some fold cannot merge, so processed results are parsed here to fold them. */
  private readonly foldsHere: boolean;
  private readonly deferred: CacheEntry[] = [];
  private readonly kept: CacheEntry[] = [];
  private readonly allFold: boolean;
  private bytes = 0;
  private started = 0;
  /** A batch went to the executor (see holdFirstBatch). */
  private dispatched = false;
  private discoveryDone = false;
  private limitHit: RunLimitName | undefined;
  /** Documents handed to the executor and not settled yet: maxDocuments counts them as taken. */
  private inflightDocs = 0;
  private readonly ops: readonly Operation[];
  /** Byte ranges for large files (0: never split). */
  private readonly rangeBytes: number;
  /** The cache scope of each operation: a result is cached per operation, so adding one leaves the others' results valid. */
  private readonly scopes: readonly string[];
  /** An operation's index in the run, by id (results come back named by id). */
  private readonly opIndex: ReadonlyMap<string, number>;
  /** Cached results of a document queued for its other operations only (a partial hit). */
  private readonly partialHits = new Map<string, readonly CacheEntry[]>();
  private readonly findings: FindingsStore;
  /** Operations with findings or a workspace phase, by index: their results are read as documents settle. */
  private readonly findingOps: readonly number[];
  /** Documents whose results feed a workspace phase, with the entries that hold them. */
  private readonly workspaceDocs: WorkspaceDocument[] = [];
  private readonly limit: LimitFunction;
  private readonly abort = new AbortController();
  /** Aborted by cancel() alone (not by a run limit): what host operations' calls are stopped by. */
  private readonly cancelled = new AbortController();
  private wake: (() => void) | undefined;
  private drained: (() => void) | undefined;
  private resumed: Promise<void> | undefined;
  private resumeNow: (() => void) | undefined;

  constructor(
    private readonly options: RunOptions,
    private readonly ctx: RunContext,
  ) {
    super();
    const specs = options.operations ?? [{ id: 'analyze' }];
    this.ops = createOperations(specs);
    const generated = generatedOptions(options.generated);
    this.scopes = this.ops.map((op) => cacheScope([op], { generated }));
    this.opIndex = new Map(this.ops.map((op, i) => [op.id, i]));
    this.findings = options.findings ?? new FindingsStore();
    this.findingOps = this.ops.flatMap((op, i) => (op.findings || op.workspace ? [i] : []));
    this.folded = this.ops.map((op) => op.fold?.start());
    this.allFold = this.ops.every((op) => op.fold);
    this.foldsHere = this.ops.some((op) => op.fold && !foldsOnExecutor(op));
    const threads = Math.max(1, ctx.executor.threads);
    this.limit = pLimit(threads * (1 + (options.prefetch ?? 1)));
    const read = { ...DEFAULT_READ, ...options.read };
    // Ranges pay only when at least two threads can take them.
    this.rangeBytes = ctx.executor.threads >= 2 ? (read.rangeBytes ?? 0) : 0;
    ctx.executor.configure(
      this.ops.map((op, i) => ({ id: op.id, settings: op.settings, ...(specs[i]!.accepts ? { accepts: specs[i]!.accepts } : {}) })),
      {
        files: { maxFileSize: options.discover?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, streamLarge: options.discover?.streamLarge ?? false },
        read: { ...read, rangeBytes: this.rangeBytes },
        chunk: options.chunk ?? DEFAULT_CHUNKER,
        generated,
      },
    );
    if (options.signal) {
      if (options.signal.aborted) this.abort.abort();
      else options.signal.addEventListener('abort', () => this.cancel(), { once: true });
    }
    // Start on the next tick so callers can attach listeners first.
    this.done = new Promise<void>((resolve) => setImmediate(resolve)).then(() => this.execute());
  }

  get currentState(): RunState {
    return this.state;
  }

  pause(): void {
    if (this.state !== 'running') return;
    this.state = 'paused';
    this.resumed = new Promise((resolve) => (this.resumeNow = resolve));
    this.emit('state', { state: 'paused' });
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'running';
    this.resumeNow?.();
    this.resumed = undefined;
    this.emit('state', { state: 'running' });
    this.poke();
  }

  cancel(): void {
    if (this.state === 'finished' || this.state === 'cancelled') return;
    this.state = 'cancelled';
    this.abort.abort();
    this.cancelled.abort();
    this.resumeNow?.();
    this.drained?.();
    this.emit('state', { state: 'cancelled' });
    this.poke();
  }

  /** Moves a queued document up (an editor the user just focused). */
  bump(path: string, priority: number): boolean {
    return this.queue.bump(path, priority);
  }

  progress(): Progress {
    const elapsedMs = Math.max(1, performance.now() - this.started);
    const settled = this.settled();
    const docsPerSec = (settled * 1000) / elapsedMs;
    const remaining = this.counts.discovered - settled;
    const memory = this.ctx.memory?.latest ?? {
      rss: process.memoryUsage.rss(),
      heapUsed: 0,
      heapTotal: 0,
      external: 0,
      pressure: 'normal' as const,
      concurrency: this.limit.concurrency,
    };
    return {
      counts: { ...this.counts, queued: this.queue.size },
      bytes: this.bytes,
      elapsedMs,
      docsPerSec,
      mbPerSec: this.bytes / MB / (elapsedMs / 1000),
      etaMs: this.discoveryDone && docsPerSec > 0 ? (remaining / docsPerSec) * 1000 : undefined,
      discoveryDone: this.discoveryDone,
      memory,
      cacheHitRate: this.ctx.cache?.stats().hitRate ?? 0,
    };
  }

  private settled(): number {
    const c = this.counts;
    return c.processed + c.cached + c.skipped + c.failed;
  }

  private poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  private sleep(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  private async execute(): Promise<RunReport> {
    this.started = performance.now();
    this.ctx.cache?.resetCounters();
    this.ctx.memory?.resetPeak();
    this.emit('started', { roots: this.options.roots, at: Date.now() });
    const unsubscribe = this.watchMemory();
    const ticker = setInterval(() => this.emit('progress', this.progress()), this.options.progressIntervalMs ?? 250);
    ticker.unref();
    try {
      // A cache still loading in slices (the editor's start-up): looking things up before it ends would miss them all.
      // Its failure is the loader's to report; the run then starts from what the cache holds.
      if (this.ctx.cache?.loading) await this.ctx.cache.loading.catch(() => undefined);
      await Promise.all([this.discoverAll(), this.dispatchAll()]);
    } finally {
      clearInterval(ticker);
      unsubscribe();
    }
    // Whatever is still queued was cut off by a cancel or a limit: it is accounted, not lost.
    const reason: SkipReason = this.limitHit ? 'limit-reached' : 'cancelled';
    for (const item of this.queue.drain()) {
      this.settle(skippedOutcome(item, reason, this.limitHit ? `run limit ${this.limitHit} reached` : 'run cancelled'));
    }
    // Across documents, from their facts (a cancelled run's facts are partial: nothing is concluded from them).
    if (this.state !== 'cancelled') {
      const resolvers = this.options.resolvers ?? new Map<string, WorkspaceResolver>();
      await runWorkspacePhase(this.ops, this.workspaceDocs, resolvers, this.findings, this.abort.signal);
    }
    this.findings.flush();
    const summary = this.summary();
    if (this.state !== 'cancelled') this.state = 'finished';
    this.emit('progress', this.progress());
    this.emit('state', { state: this.state });
    this.emit('finished', summary);
    return { summary, outcomes: this.outcomes, findings: this.findings, entries: this.outcomeEntries };
  }

  private watchMemory(): () => void {
    const memory = this.ctx.memory;
    if (!memory) return () => {};
    const base = this.limit.concurrency;
    memory.concurrency = base;
    memory.start();
    const off = memory.on('pressure', ({ to }) => {
      const t = throttleFor(to, base, this.options.prefetch ?? 1);
      this.limit.concurrency = Math.max(1, Math.min(base, t.concurrency * (1 + t.prefetch)));
      memory.concurrency = this.limit.concurrency;
      if (t.trimCacheTo !== undefined) this.ctx.cache?.trim(t.trimCacheTo);
      this.emit('warning', { message: `memory pressure ${to}: concurrency ${this.limit.concurrency}` });
    });
    return () => {
      off();
      memory.stop();
    };
  }

  private async discoverAll(): Promise<void> {
    // Regular files are not statted here: each worker stats its own, just before reading.
    const source = this.options.source ?? discover(this.options.roots, { statFiles: false, ...this.options.discover, signal: this.abort.signal });
    const overrides = this.options.overrides;
    const cache = this.ctx.cache;
    // Held once: the signal getter validates its receiver on every call, per document.
    const signal = this.abort.signal;
    try {
      for await (const batch of source) {
        if (this.resumed) await this.resumed;
        for (const item of batch) {
          if (signal.aborted) break;
          if (item.type === 'warning') {
            this.emit('warning', { message: item.message, path: item.path });
            continue;
          }
          this.counts.discovered++;
          if (item.type === 'skip') {
            this.settle(item.outcome);
            continue;
          }
          const c = item.candidate;
          const entries = cache && !overrides?.has(c.path) ? this.entriesOf(cache, c) : undefined;
          if (entries === null) {
            this.settle(skippedOutcome(c, 'unsupported-type', 'no operation accepts this file'));
            continue;
          }
          if (cache && entries) {
            // The walk does not stat. A path with a cached result has its identity checked
            // on an executor thread, so an unchanged file costs one stat there and no read.
            if (c.size === UNSTATED && entries.some((e) => e !== undefined)) {
              this.checkIdentity(c, entries);
              continue;
            }
            this.judged(c, cache.judgeAll(entries, c.size, c.mtimeMs));
            continue;
          }
          if (!cache && !this.ops.some((op) => op.accepts(c.path))) {
            this.settle(skippedOutcome(c, 'unsupported-type', 'no operation accepts this file'));
            continue;
          }
          this.enqueue(c, undefined);
        }
        this.poke();
        if (signal.aborted) break;
        while (this.checking.size >= MAX_CHECKS) await Promise.race(this.checking);
        while (this.queue.size > QUEUE_HIGH_WATER && !signal.aborted) {
          await new Promise<void>((resolve) => (this.drained = resolve));
        }
      }
    } catch (err) {
      this.emit('warning', { message: `discovery stopped: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      this.flushIdentity();
      while (this.checking.size > 0) await Promise.all(this.checking);
      this.discoveryDone = true;
      this.poke();
    }
  }

  /**
   * The cached entry of each operation that accepts the file (undefined where it has
   * none), in the order of those operations; null when no operation accepts it.
   */
  private entriesOf(cache: ResultCache, c: Candidate): (CacheEntry | undefined)[] | null {
    const ops = this.ops;
    const path = c.path;
    if (ops.length === 1) return ops[0]!.accepts(path) ? [cache.entry(this.scopeOf(0, c), path)] : null;
    const entries: (CacheEntry | undefined)[] = [];
    for (let i = 0; i < ops.length; i++) if (ops[i]!.accepts(path)) entries.push(cache.entry(this.scopeOf(i, c), path));
    return entries.length === 0 ? null : entries;
  }

  /** Operation i's cache scope for a document: its settings' scope, and what else the document's result depends on (cacheKeyFor). */
  private scopeOf(i: number, doc: { readonly path: string; readonly root: string }): string {
    const op = this.ops[i]!;
    return op.cacheKeyFor ? `${this.scopes[i]!}:${op.cacheKeyFor(doc)}` : this.scopes[i]!;
  }

  /** The ids of the operations that accept a path, in the run's order (aligned with entriesOf). */
  private acceptingIds(path: string): string[] {
    return this.ops.filter((op) => op.accepts(path)).map((op) => op.id);
  }

  /**
   * Settles a cache hit at once; anything else waits in the queue (a stale entry lends
   * its hash; a partial hit runs only the operations whose results are not cached).
   */
  private judged(c: Candidate, found: DocumentLookup): void {
    if (found.kind === 'partial') {
      const ids = this.acceptingIds(c.path);
      this.partialHits.set(c.path, found.hits);
      this.enqueue(c, undefined, found.missing.map((i) => ids[i]!));
    } else if (found.kind !== 'hit') this.enqueue(c, found.kind === 'stale' ? found.hash : undefined);
    else if (this.observed() || this.findingOps.length > 0) this.settle(cachedOutcome(c, found.entries, 'identity'), found.entries);
    else {
      this.tally('cached', c.size, found.entries, false);
      this.checkLimits();
    }
  }

  /** Whether outcomes are kept or heard; a headless run counts the processed and cached ones without building them. */
  private observed(): boolean {
    return this.options.keepOutcomes !== false || this.listens('document');
  }

  private enqueue(c: Candidate, knownHash: string | undefined, ops?: readonly string[]): void {
    const priority = this.options.priority;
    const item: Queued =
      knownHash || ops
        ? { path: c.path, root: c.root, size: c.size, mtimeMs: c.mtimeMs, seq: c.seq, ...(knownHash ? { knownHash } : {}), ...(ops ? { ops } : {}) }
        : c;
    this.queue.push(item, priority ? priority(c.path) : 0);
  }

  private checkIdentity(c: Candidate, entries: (CacheEntry | undefined)[]): void {
    const group = this.identity;
    group.candidates.push(c);
    group.entries.push(entries);
    if (group.candidates.length >= IDENTITY_BATCH) this.flushIdentity();
  }

  /** Sends the waiting identity checks to the executor; if it cannot take them, they are statted here. */
  private flushIdentity(): void {
    const { candidates, entries } = this.identity;
    if (candidates.length === 0) return;
    this.identity = { candidates: [], entries: [] };
    const paths = candidates.map((c) => c.path);
    const task: Promise<void> = this.ctx.executor
      .stat(paths)
      .catch(() => statPaths(paths, nodeFileSystem))
      .then((stats) => this.judgeLater(candidates, entries, stats))
      // Only a throwing 'document' listener gets here; like one during the walk, it is reported, not fatal.
      .catch((err: unknown) => this.emit('warning', { message: `identity checks stopped: ${err instanceof Error ? err.message : String(err)}` }))
      .finally(() => this.checking.delete(task));
    this.checking.add(task);
  }

  /**
   * Judges a group of identity checks later, in slices. Answers from the workers
   * tend to arrive together, and Node runs every message waiting on a port in one
   * go: judged on arrival (with an editor's listeners on every outcome) they held
   * the event loop for tens of milliseconds. Groups wait in one queue, worked
   * through at most JUDGE_SLICE_MS at a time, after the event loop has turned.
   */
  private judgeLater(candidates: readonly Candidate[], entries: readonly (readonly (CacheEntry | undefined)[])[], stats: Float64Array): Promise<void> {
    return new Promise((resolve, reject) => {
      // An empty queue has no judgeSome on its way.
      if (this.judging.length === 0) setImmediate(() => this.judgeSome());
      this.judging.push({ candidates, entries, stats, next: 0, resolve, reject });
    });
  }

  private judgeSome(): void {
    const started = performance.now();
    const cache = this.ctx.cache!;
    let n = 0;
    while (this.judging.length > 0) {
      const group = this.judging[0]!;
      try {
        while (group.next < group.candidates.length) {
          if ((++n & 31) === 0 && performance.now() - started > JUDGE_SLICE_MS) {
            this.poke();
            setImmediate(() => this.judgeSome());
            return;
          }
          const i = group.next++;
          // Not statted (gone, not a file): judged a miss; the read that follows reports why.
          const d = measured(group.candidates[i]!, group.stats[2 * i]!, group.stats[2 * i + 1]!);
          // After a cancel, hits wait in the queue too, and are accounted with the rest of it
          // (not judged: a cancelled document is neither a cache hit nor a miss).
          if (this.abort.signal.aborted) this.enqueue(d, undefined);
          else {
            const entries = group.entries[i]!;
            this.judged(d, cache.judgeAll(entries, d.size, d.mtimeMs));
          }
        }
        this.judging.shift();
        group.resolve();
      } catch (err) {
        // A throwing 'document' listener: the group stops, as one judged on arrival did.
        this.judging.shift();
        group.reject(err);
      }
    }
    this.poke();
  }

  private async dispatchAll(): Promise<void> {
    // p-limit bounds and counts the batches in flight; the end of each wakes this loop
    // (after the limiter has counted it out: a macrotask later), a failure included.
    const failure: { error?: unknown; failed: boolean } = { failed: false };
    const ended = () => setImmediate(() => this.poke());
    const busy = () => this.limit.activeCount + this.limit.pendingCount;
    for (;;) {
      if (failure.failed) throw failure.error;
      if (this.resumed) await this.resumed;
      if (this.abort.signal.aborted) break;
      if (this.queue.size === 0) {
        if (this.discoveryDone) break;
        await this.sleep();
        continue;
      }
      // Keep the queue, not the limiter, holding waiting documents so bumps still reorder them.
      if (busy() >= this.limit.concurrency) {
        await this.sleep();
        continue;
      }
      if (this.holdFirstBatch()) {
        await this.sleep();
        continue;
      }
      this.ctx.executor.plan?.(this.queue.size, !this.discoveryDone);
      const jobs = this.takeBatch();
      this.dispatched = true;
      this.inflightDocs += jobs.length;
      this.limit(() => this.runBatch(jobs)).then(ended, (error: unknown) => {
        if (!failure.failed) Object.assign(failure, { failed: true, error });
        ended();
      });
      // The batch may have taken the last documents maxDocuments allows.
      this.checkLimits();
    }
    while (busy() > 0 && !failure.failed) await this.sleep();
    if (failure.failed) throw failure.error;
  }

  /**
   * With a priority function (open editors), the first batch waits until the walk
   * has found a batch's worth or finished, unless a prioritised document is already
   * queued: otherwise a walk slower than one time slice (a loaded machine, a second
   * root) hands out its first folder before it reaches the open documents.
   */
  private holdFirstBatch(): boolean {
    if (this.dispatched || this.discoveryDone || !this.options.priority) return false;
    if (this.queue.size >= (this.options.batchSize ?? 64)) return false;
    return (this.queue.priorityOf(this.queue.peek()!.path) ?? 0) <= 0;
  }

  /** Prioritised documents travel in small batches so they come back first. */
  private takeBatch(): DocJob[] {
    if (this.drained && this.queue.size <= QUEUE_HIGH_WATER / 2) {
      const resume = this.drained;
      this.drained = undefined;
      resume();
    }
    const top = this.queue.peek()!;
    const urgent = (this.queue.priorityOf(top.path) ?? 0) > 0;
    const max = Math.min(urgent ? 1 : (this.options.batchSize ?? 64), this.documentsLeft());
    const jobs: DocJob[] = [];
    let bytes = 0;
    while (jobs.length < max && bytes < 4 * MB) {
      const next = this.queue.peek();
      if (!next) break;
      if (urgent && (this.queue.priorityOf(next.path) ?? 0) <= 0) break;
      this.queue.pop();
      bytes += Math.max(0, next.size);
      jobs.push(this.jobOf(next));
    }
    return jobs;
  }

  /** The queued candidate is the job (its `seq` travels along): no copy per document. */
  private jobOf(c: Queued): DocJob {
    const text = this.options.overrides?.get(c.path);
    if (text === undefined) return c;
    // An unsaved buffer is not read from disk, but its outcome still names the file's mtime.
    const d = c.size === UNSTATED ? statted(c) : c;
    return { path: d.path, root: d.root, size: d.size, mtimeMs: d.mtimeMs, text };
  }

  private async runBatch(jobs: DocJob[]): Promise<void> {
    // Documents taken within maxDocuments are analysed although the limit has now been reached (unless the run is cancelled).
    if (this.abort.signal.aborted && (this.state === 'cancelled' || this.limitHit !== 'maxDocuments')) {
      this.inflightDocs -= jobs.length;
      const cut = this.state !== 'cancelled' && this.limitHit;
      for (const j of jobs) this.settle(cut ? skippedOutcome(j, 'limit-reached', `run limit ${cut} reached`) : skippedOutcome(j, 'cancelled', 'run cancelled'));
      return;
    }
    const provider = this.options.contentProvider;
    if (provider) jobs = await Promise.all(jobs.map((j) => (j.text !== undefined ? j : provider(j.path).then((bytes) => ({ ...j, bytes }), () => j))));
    let result: BatchResult;
    try {
      result = await this.ctx.executor.run(jobs, { signal: this.cancelled.signal, paused: () => this.resumed });
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      result = { outcomes: jobs.map((j) => failedOutcome(j, 'worker-crashed', detail)) };
    }
    this.mergeFolds(result.folds);
    const splits: Array<Promise<void>> = [];
    result.outcomes.forEach((o, i) => {
      if (o.kind === 'split') splits.push(this.runSplit(o));
      else {
        this.inflightDocs--;
        this.settleJob(jobs[i]!, o);
      }
    });
    this.poke();
    // The batch's slot stays taken while its ranges run: they occupy the threads.
    if (splits.length > 0) await Promise.all(splits);
  }

  /** A large file the executor found worth cutting: its ranges on every thread, joined here. */
  private async runSplit(s: Split): Promise<void> {
    const started = performance.now();
    const executor = this.ctx.executor;
    const plan = planRanges(s, this.rangeBytes);
    // As many lanes as the run may use now (fewer under memory pressure); none while paused.
    const lanes = Math.max(1, Math.min(executor.threads, this.limit.concurrency));
    const answers = await runRanges(plan, (job) => executor.runRange(job), lanes, this.abort.signal, () => this.resumed);
    this.inflightDocs--;
    if (!answers) {
      // Cut off like whatever is still queued (see execute).
      this.settle(this.limitHit ? skippedOutcome(s, 'limit-reached', `run limit ${this.limitHit} reached`) : skippedOutcome(s, 'cancelled', 'run cancelled'));
      this.poke();
      return;
    }
    const o = joinRanges(s, this.ops.filter((op) => op.accepts(s.path)), answers, started);
    if (o.kind !== 'processed') {
      this.settle(o);
    } else {
      const entries: CacheEntry[] = [];
      this.ops.forEach((op, i) => {
        const r = o.results[op.id];
        if (r === undefined) return;
        const json = JSON.stringify({ [op.id]: r });
        const entry: CacheEntry = { size: o.size, mtimeMs: o.mtimeMs, hash: o.hash, json, cost: 96 + json.length * 2 };
        this.ctx.cache?.set(this.scopeOf(i, o), o.path, entry);
        entries.push(entry);
      });
      this.partialHits.delete(s.path);
      // Joined here, so folded here too.
      this.settle(o, entries, false);
    }
    this.poke();
  }

  private settleJob(job: DocJob, o: Exclude<JobOutcome, Split>): void {
    const cache = this.ctx.cache;
    const kept = this.partialHits.get(o.path);
    if (kept) this.partialHits.delete(o.path);
    if (o.kind === 'unchanged') {
      const entries: CacheEntry[] = [];
      let evicted = !cache;
      this.ops.forEach((op, i) => {
        if (evicted || !op.accepts(o.path)) return;
        const entry = cache!.confirmHit(this.scopeOf(i, o), o.path, o.size, o.mtimeMs, entries.length === 0);
        if (entry) entries.push(entry);
        else evicted = true;
      });
      if (!evicted) {
        this.settle(cachedOutcome(o, entries, 'content'), entries);
      } else {
        // Evicted while the worker checked: analyse it for real next time; account for it now.
        this.settle(failedOutcome(o, 'operation-error', 'cached result evicted during the run'));
      }
      return;
    }
    if (o.kind === 'processed') {
      const fresh: CacheEntry[] = o.ids.map((id, k) => {
        const json = `{${JSON.stringify(id)}:${o.parts[k]!}}`;
        return { size: o.size, mtimeMs: o.mtimeMs, hash: o.hash, json, cost: Math.ceil(o.cost / o.ids.length) };
      });
      if (cache && job.text === undefined) {
        o.ids.forEach((id, k) => cache.set(this.scopeOf(this.opIndex.get(id)!, o), o.path, fresh[k]!));
      }
      const all = kept ? [...fresh, ...kept] : fresh;
      if (this.observed() || this.findingOps.length > 0) this.settle(processedOutcome(o, all), all, true, kept?.length ?? 0);
      else {
        this.tally('processed', o.size, all, true, kept?.length ?? 0);
        this.checkLimits();
      }
      return;
    }
    this.settle(o);
  }

  /**
   * @param entries the document's results, one entry per operation
   * @param foldedOnExecutor the executor already folded these results into its batch's folds
   * @param cachedTail how many of the last entries came from the cache (a partial hit), not from the executor
   */
  private settle(o: Outcome, entries?: readonly CacheEntry[], foldedOnExecutor = false, cachedTail = 0): void {
    switch (o.kind) {
      case 'processed':
      case 'cached':
        this.tally(o.kind, o.size, entries ?? [{ size: o.size, mtimeMs: o.mtimeMs, hash: o.hash, results: o.results, cost: 0 }], foldedOnExecutor, cachedTail);
        this.noteFindings(o, entries);
        break;
      case 'skipped':
        this.counts.skipped++;
        this.skippedBy[o.reason] = (this.skippedBy[o.reason] ?? 0) + 1;
        break;
      case 'failed':
        this.counts.failed++;
        this.failedBy[o.reason] = (this.failedBy[o.reason] ?? 0) + 1;
        break;
    }
    if (this.options.keepOutcomes !== false) {
      this.outcomes.push(o);
      this.outcomeEntries.push(entries);
    }
    this.emit('document', o);
    this.checkLimits();
  }

  private tally(kind: 'processed' | 'cached', size: number, entries: readonly CacheEntry[], foldedOnExecutor: boolean, cachedTail = 0): void {
    this.counts[kind]++;
    this.bytes += size;
    const n = entries.length;
    for (let i = 0; i < n; i++) this.collect(entries[i]!, foldedOnExecutor && i < n - cachedTail);
  }

  /** A settled document's findings into the store, and its facts for the workspace phases. */
  private noteFindings(o: Processed | Cached, entries?: readonly CacheEntry[]): void {
    if (this.findingOps.length === 0) return;
    if (entries && this.provenFindingless(o.path, entries)) return;
    const results = o.results;
    for (const i of this.findingOps) {
      const op = this.ops[i]!;
      const r = results[op.id];
      if (r === undefined) continue;
      if (op.findings) this.findings.set(o.path, op.id, 'document', op.findings(r));
      if (op.workspace) this.workspaceDocs.push({ op: i, path: o.path, root: o.root, facts: op.workspace.facts(r) });
    }
  }

  /**
   * A run of one operation whose result is still JSON text that shows it has no
   * findings (Operation.noFindingsText): its (empty) findings are noted without
   * parsing the result, which is then parsed only if something reads it.
   */
  private provenFindingless(path: string, entries: readonly CacheEntry[]): boolean {
    const op = this.ops[0]!;
    const mark = op.noFindingsText;
    if (mark === undefined || this.ops.length !== 1 || entries.length !== 1 || op.workspace) return false;
    const json = entries[0]!.json;
    if (json === undefined) return false;
    const free = typeof json === 'string' ? json.includes(mark) : json.bytes.subarray(json.start, json.end).includes(mark);
    if (free) this.findings.set(path, op.id, 'document', []);
    return free;
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

  /** @param onlyHere only the folds the executor does not do */
  private foldIn(results: OperationResults, onlyHere: boolean): void {
    this.ops.forEach((op, i) => {
      const r = results[op.id];
      if (op.fold && r !== undefined && !(onlyHere && foldsOnExecutor(op))) this.folded[i] = op.fold.add(this.folded[i], r);
    });
  }

  /** A batch's folds, aligned with this run's operations (the executor was configured with them in this order). */
  private mergeFolds(folds: readonly unknown[] | undefined): void {
    if (!folds) return;
    this.ops.forEach((op, i) => {
      const f = folds[i];
      if (f !== undefined && foldsOnExecutor(op)) this.folded[i] = op.fold!.merge!(this.folded[i], f);
    });
  }

  private checkLimits(): void {
    if (this.limitHit) return;
    const limits = this.options.limits;
    if (!limits) return;
    if (limits.maxDocuments !== undefined && this.documentsLeft() <= 0) this.limitHit = 'maxDocuments';
    else if (limits.maxBytes !== undefined && this.bytes >= limits.maxBytes) this.limitHit = 'maxBytes';
    else if (limits.maxResults !== undefined && this.outcomes.length >= limits.maxResults) this.limitHit = 'maxResults';
    if (this.limitHit) {
      this.emit('warning', { message: `run limit ${this.limitHit} reached: stopping` });
      this.abort.abort();
      this.drained?.();
      this.poke();
    }
  }

  /** How many more documents maxDocuments lets the run take: settled and in flight count. */
  private documentsLeft(): number {
    const max = this.options.limits?.maxDocuments;
    return max === undefined ? Infinity : max - this.settled() - this.inflightDocs;
  }

  private summary(): Summary {
    const elapsedMs = Math.max(1, performance.now() - this.started);
    const c = { ...this.counts, queued: this.queue.size };
    // Computed when first read: a warm run whose caller wants only counts never parses saved results.
    let operations: Record<string, unknown> | undefined;
    const summarize = () => {
      if (!operations) {
        operations = {};
        for (const entry of this.deferred.splice(0)) this.foldIn(peekResults(entry), false);
        const all = this.allFold ? [] : this.kept.map(entryResults);
        this.ops.forEach((op, i) => {
          operations![op.id] = op.fold ? op.fold.end(this.folded[i]) : op.summarize(all.map((r) => r[op.id]).filter((r) => r !== undefined));
        });
      }
      return operations;
    };
    const settled = c.processed + c.cached + c.skipped + c.failed;
    return {
      counts: c,
      accounted: settled === c.discovered,
      bytes: this.bytes,
      elapsedMs,
      docsPerSec: (settled * 1000) / elapsedMs,
      mbPerSec: this.bytes / MB / (elapsedMs / 1000),
      peakRss: Math.max(this.ctx.memory?.peakRss ?? 0, process.memoryUsage.rss()),
      cache: this.ctx.cache?.stats() ?? { hits: 0, misses: 0, evictions: 0, entries: 0, bytes: 0, hitRate: 0 },
      state: this.limitHit ? 'limited' : this.state === 'cancelled' ? 'cancelled' : 'finished',
      ...(this.limitHit ? { limit: this.limitHit } : {}),
      skippedByReason: { ...this.skippedBy },
      failedByReason: { ...this.failedBy },
      findings: this.findings.counts(this.ops.map((op) => op.id)),
      get operations() {
        return summarize();
      },
    };
  }
}

/** The candidate statted on this thread (an unsaved buffer's file: buffers are few). */
function statted(c: Candidate): Candidate {
  const stats = statPaths([c.path], nodeFileSystem);
  return measured(c, stats[0]!, stats[1]!);
}

/**
 * The candidate with the size and mtime a stat found; unchanged when there was
 * none (UNSTATED: the worker then meets the same condition and reports it).
 */
function measured(c: Candidate, size: number, mtimeMs: number): Candidate {
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
function processedOutcome(o: ProcessedText, entries: readonly CacheEntry[]): Processed {
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
function cachedOutcome(c: { path: string; root: string; size: number; mtimeMs: number }, entries: readonly CacheEntry[], via: Cached['via']): Cached {
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
