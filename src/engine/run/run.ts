// A batch run: discovery feeds the priority queue (identity cache hits are settled
// on the spot, without a read), the dispatcher hands batches to the executor under
// a p-limit bound, and every discovered document ends as exactly one outcome.
import pLimit, { type LimitFunction } from 'p-limit';
import type { CacheEntry, DocumentLookup } from '../cache/cache';
import { discover } from '../discover/discover';
import { failedOutcome, skippedOutcome } from '../outcome';
import { generatedOptions } from '../read/generated';
import { TypedEmitter } from '../events';
import { watchPressure } from './memory';
import type { BatchResult, JobOutcome } from '../process/batch';
import type { DocJob } from '../process/job';
import { joinRanges, planRanges, runRanges, type Split } from '../process/split';
import { RunQueue } from './run-queue';
import { RunGate } from './gate';
import { LimitWatch } from './limits';
import { configureExecutor } from './configure';
import { RunTally } from './tally';
import { IdentityJudge } from './identity-judge';
import { cachedOutcome, processedOutcome, withJobStrings } from './outcomes';
import type { RunContext, RunEvents, RunOptions, RunReport, RunState } from './options';
import { UNSTATED, type Candidate, type Outcome, type Progress, type SkipReason, type Summary } from '../types';
import { createOperations } from '../../operations/registry';
import type { Operation, WorkspaceResolver } from '../../operations/operation';
import { FindingsStore } from '../findings/store';
import { OperationScopes } from './scopes';
import { DocumentFindings } from './document-findings';

export type { RunLimits, RunOptions, RunEvents, RunState, RunReport, RunContext } from './options';


/** Discovery waits while this many documents are queued: a million-file walk must not outrun the workers into memory. */
const QUEUE_HIGH_WATER = 20_000;
export class BatchRun extends TypedEmitter<RunEvents> {
  readonly done: Promise<RunReport>;
  private state: RunState = 'running';
  private readonly queue: RunQueue;
  private readonly tally: RunTally;
  private readonly limits: LimitWatch;
  private readonly identity: IdentityJudge;
  private readonly outcomes: Outcome[] = [];
  /** outcomes[i]'s result entries (RunReport.entries). */
  private readonly outcomeEntries: (readonly CacheEntry[] | undefined)[] = [];
  private started = 0;
  /** A batch went to the executor (see holdFirstBatch). */
  private dispatched = false;
  private discoveryDone = false;
  private readonly ops: readonly Operation[];
  /** Byte ranges for large files (0: never split). */
  private readonly rangeBytes: number;
  private readonly scopes: OperationScopes;
  /** Cached results of a document queued for its other operations only (a partial hit). */
  private readonly partialHits = new Map<string, readonly CacheEntry[]>();
  private readonly findings: FindingsStore;
  private readonly docFindings: DocumentFindings;
  private readonly limit: LimitFunction;
  private readonly abort = new AbortController();
  /** Aborted by cancel() alone (not by a run limit): what host operations' calls are stopped by. */
  private readonly cancelled = new AbortController();
  private readonly gate = new RunGate();

  constructor(
    private readonly options: RunOptions,
    private readonly ctx: RunContext,
  ) {
    super();
    const specs = options.operations ?? [{ id: 'analyze' }];
    this.ops = createOperations(specs);
    const generated = generatedOptions(options.generated);
    this.scopes = new OperationScopes(this.ops, generated);
    this.findings = options.findings ?? new FindingsStore();
    this.docFindings = new DocumentFindings(this.ops, this.findings);
    this.queue = new RunQueue(options.priority, options.overrides);
    this.tally = new RunTally(this.ops);
    this.limits = new LimitWatch(options.limits);
    this.identity = new IdentityJudge(ctx.executor, {
      // Only runs with a cache send identity checks.
      judge: (c, entries) => this.judged(c, ctx.cache!.judgeAll(entries, c.size, c.mtimeMs)),
      requeue: (c) => this.queue.push(c, undefined),
      cancelled: () => this.abort.signal.aborted,
      poke: () => this.gate.poke(),
      warn: (message) => this.emit('warning', { message }),
    });
    const threads = Math.max(1, ctx.executor.threads);
    this.limit = pLimit(threads * (1 + (options.prefetch ?? 1)));
    this.rangeBytes = configureExecutor(ctx.executor, this.ops, specs, options, generated, ctx.cache !== undefined);
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
    this.gate.close();
    this.emit('state', { state: 'paused' });
  }

  resume(): void {
    if (this.state !== 'paused') return;
    this.state = 'running';
    this.gate.open();
    this.emit('state', { state: 'running' });
    this.gate.poke();
  }

  cancel(): void {
    if (this.state === 'finished' || this.state === 'cancelled') return;
    this.state = 'cancelled';
    this.abort.abort();
    this.cancelled.abort();
    this.gate.open();
    this.gate.releaseDrain();
    this.emit('state', { state: 'cancelled' });
    this.gate.poke();
  }

  /** Moves a queued document up (an editor the user just focused). */
  bump(path: string, priority: number): boolean {
    return this.queue.bump(path, priority);
  }

  progress(): Progress {
    const memory = this.ctx.memory?.latest ?? {
      rss: process.memoryUsage.rss(),
      heapUsed: 0,
      heapTotal: 0,
      external: 0,
      pressure: 'normal' as const,
      concurrency: this.limit.concurrency,
    };
    return this.tally.progress({ queued: this.queue.size, started: this.started, discoveryDone: this.discoveryDone, memory, cacheHitRate: this.ctx.cache?.stats().hitRate ?? 0 });
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
    const reason: SkipReason = this.limits.reached ? 'limit-reached' : 'cancelled';
    for (const item of this.queue.drain()) {
      this.settle(skippedOutcome(item, reason, this.limits.reached ? `run limit ${this.limits.reached} reached` : 'run cancelled'));
    }
    // Across documents, from their facts (a cancelled run's facts are partial: nothing is concluded from them).
    if (this.state !== 'cancelled') {
      const resolvers = this.options.resolvers ?? new Map<string, WorkspaceResolver>();
      await this.docFindings.resolveWorkspace(resolvers, this.abort.signal);
    }
    this.findings.flush();
    // The peaks include the run's end: a run shorter than the sampling interval had only
    // its start's sample, and reported the extension's own memory as 0 bytes.
    this.ctx.memory?.sample();
    const summary = this.summary();
    if (this.state !== 'cancelled') this.state = 'finished';
    this.emit('progress', this.progress());
    this.emit('state', { state: this.state });
    this.emit('finished', summary);
    return { summary, outcomes: this.outcomes, findings: this.findings, entries: this.outcomeEntries, notices: this.docFindings.notices() };
  }

  private watchMemory(): () => void {
    const memory = this.ctx.memory;
    if (!memory) return () => {};
    return watchPressure(memory, this.limit, this.options.prefetch ?? 1, {
      trimCache: (bytes) => this.ctx.cache?.trim(bytes),
      warn: (message) => this.emit('warning', { message }),
    });
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
        if (this.gate.resumed) await this.gate.resumed;
        for (const item of batch) {
          if (signal.aborted) break;
          if (item.type === 'warning') {
            this.emit('warning', { message: item.message, path: item.path });
            continue;
          }
          this.tally.counts.discovered++;
          if (item.type === 'skip') {
            this.settle(item.outcome);
            continue;
          }
          const c = item.candidate;
          const entries = cache && !overrides?.has(c.path) ? this.scopes.entriesOf(cache, c) : undefined;
          if (entries === null) {
            this.settle(skippedOutcome(c, 'unsupported-type', 'no operation accepts this file'));
            continue;
          }
          if (cache && entries) {
            // The walk does not stat. A path with a cached result has its identity checked
            // on an executor thread, so an unchanged file costs one stat there and no read.
            if (c.size === UNSTATED && entries.some((e) => e !== undefined)) {
              this.identity.check(c, entries);
              continue;
            }
            this.judged(c, cache.judgeAll(entries, c.size, c.mtimeMs));
            continue;
          }
          if (!cache && !this.ops.some((op) => op.accepts(c.path))) {
            this.settle(skippedOutcome(c, 'unsupported-type', 'no operation accepts this file'));
            continue;
          }
          this.queue.push(c, undefined);
        }
        this.gate.poke();
        if (signal.aborted) break;
        await this.identity.roomForMore();
        while (this.queue.size > QUEUE_HIGH_WATER && !signal.aborted) {
          await this.gate.waitForDrain();
        }
      }
    } catch (err) {
      this.emit('warning', { message: `discovery stopped: ${err instanceof Error ? err.message : String(err)}` });
    } finally {
      await this.identity.finish();
      this.discoveryDone = true;
      this.gate.poke();
    }
  }

  /**
   * Settles a cache hit at once; anything else waits in the queue (a stale entry lends
   * its hash; a partial hit runs only the operations whose results are not cached).
   */
  private judged(c: Candidate, found: DocumentLookup): void {
    if (found.kind === 'partial') {
      const ids = this.scopes.acceptingIds(c.path);
      this.partialHits.set(c.path, found.hits);
      this.queue.push(c, undefined, found.missing.map((i) => ids[i]!));
    } else if (found.kind !== 'hit') this.queue.push(c, found.kind === 'stale' ? found.hash : undefined);
    else if (this.observed() || this.docFindings.wanted) this.settle(cachedOutcome(c, found.entries, 'identity'), found.entries);
    else {
      this.tally.tally('cached', c.size, found.entries, false);
      this.checkLimits();
    }
  }

  /** Whether outcomes are kept or heard; a headless run counts the processed and cached ones without building them. */
  private observed(): boolean {
    return this.options.keepOutcomes !== false || this.listens('document');
  }

  private async dispatchAll(): Promise<void> {
    // p-limit bounds and counts the batches in flight; the end of each wakes this loop
    // (after the limiter has counted it out: a macrotask later), a failure included.
    const failure: { error?: unknown; failed: boolean } = { failed: false };
    const ended = () => setImmediate(() => this.gate.poke());
    const busy = () => this.limit.activeCount + this.limit.pendingCount;
    for (;;) {
      if (failure.failed) throw failure.error;
      if (this.gate.resumed) await this.gate.resumed;
      if (this.abort.signal.aborted) break;
      if (this.queue.size === 0) {
        if (this.discoveryDone) break;
        await this.gate.sleep();
        continue;
      }
      // Keep the queue, not the limiter, holding waiting documents so bumps still reorder them.
      if (busy() >= this.limit.concurrency) {
        await this.gate.sleep();
        continue;
      }
      if (this.holdFirstBatch()) {
        await this.gate.sleep();
        continue;
      }
      this.ctx.executor.plan?.(this.queue.size, !this.discoveryDone);
      const jobs = this.takeBatch();
      this.dispatched = true;
      this.limits.inflight += jobs.length;
      this.limit(() => this.runBatch(jobs)).then(ended, (error: unknown) => {
        if (!failure.failed) Object.assign(failure, { failed: true, error });
        ended();
      });
      // The batch may have taken the last documents maxDocuments allows.
      this.checkLimits();
    }
    while (busy() > 0 && !failure.failed) await this.gate.sleep();
    if (failure.failed) throw failure.error;
  }

  private holdFirstBatch(): boolean {
    if (this.dispatched || this.discoveryDone) return false;
    return this.queue.holdFirstBatch(this.options.batchSize ?? 64) || (this.ctx.executor.waitsForWalk?.(this.queue.size) ?? false);
  }

  private takeBatch(): DocJob[] {
    if (this.gate.draining && this.queue.size <= QUEUE_HIGH_WATER / 2) this.gate.releaseDrain();
    return this.queue.takeBatch(Math.min(this.options.batchSize ?? 64, this.documentsLeft()));
  }

  private async runBatch(jobs: DocJob[]): Promise<void> {
    // Documents taken within maxDocuments are analysed although the limit has now been reached (unless the run is cancelled).
    if (this.abort.signal.aborted && (this.state === 'cancelled' || this.limits.reached !== 'maxDocuments')) {
      this.limits.inflight -= jobs.length;
      const cut = this.state !== 'cancelled' && this.limits.reached;
      for (const j of jobs) this.settle(cut ? skippedOutcome(j, 'limit-reached', `run limit ${cut} reached`) : skippedOutcome(j, 'cancelled', 'run cancelled'));
      return;
    }
    const provider = this.options.contentProvider;
    if (provider) jobs = await Promise.all(jobs.map((j) => (j.text !== undefined ? j : provider(j.path).then((bytes) => ({ ...j, bytes }), () => j))));
    let result: BatchResult;
    try {
      result = await this.ctx.executor.run(jobs, { signal: this.cancelled.signal, paused: () => this.gate.resumed });
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      result = { outcomes: jobs.map((j) => failedOutcome(j, 'worker-crashed', detail)) };
    }
    this.tally.mergeFolds(result.folds);
    const splits: Array<Promise<void>> = [];
    result.outcomes.forEach((o, i) => {
      if (o.kind === 'split') splits.push(this.runSplit(o));
      else {
        this.limits.inflight--;
        this.settleJob(jobs[i]!, o);
      }
    });
    this.gate.poke();
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
    const answers = await runRanges(plan, (job) => executor.runRange(job), lanes, this.abort.signal, () => this.gate.resumed);
    this.limits.inflight--;
    if (!answers) {
      // Cut off like whatever is still queued (see execute).
      this.settle(this.limits.reached ? skippedOutcome(s, 'limit-reached', `run limit ${this.limits.reached} reached`) : skippedOutcome(s, 'cancelled', 'run cancelled'));
      this.gate.poke();
      return;
    }
    const o = joinRanges(s, this.ops.filter((op) => op.accepts(s.path)), answers, started);
    if (o.kind !== 'processed') {
      this.settle(o);
    } else {
      const entries = this.scopes.storeJoined(this.ctx.cache, o);
      this.partialHits.delete(s.path);
      // Joined here, so folded here too.
      this.settle(o, entries, false);
    }
    this.gate.poke();
  }

  private settleJob(job: DocJob, fromExecutor: Exclude<JobOutcome, Split>): void {
    const o = withJobStrings(job, fromExecutor);
    const cache = this.ctx.cache;
    const kept = this.partialHits.get(o.path);
    if (kept) this.partialHits.delete(o.path);
    if (o.kind === 'unchanged') {
      const entries = this.scopes.confirmUnchanged(cache, o);
      if (entries) {
        this.settle(cachedOutcome(o, entries, 'content'), entries);
      } else {
        // Evicted while the worker checked: analyse it for real next time; account for it now.
        this.settle(failedOutcome(o, 'operation-error', 'cached result evicted during the run'));
      }
      return;
    }
    if (o.kind === 'processed') {
      // An unsaved buffer's results are never cached.
      const fresh = this.scopes.storeProcessed(job.text === undefined ? cache : undefined, o);
      const all = kept ? [...fresh, ...kept] : fresh;
      if (this.observed() || this.docFindings.wanted) this.settle(processedOutcome(o, all), all, true, kept?.length ?? 0);
      else {
        this.tally.tally('processed', o.size, all, true, kept?.length ?? 0);
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
        this.tally.tally(o.kind, o.size, entries ?? [{ size: o.size, mtimeMs: o.mtimeMs, hash: o.hash, results: o.results, cost: 0 }], foldedOnExecutor, cachedTail);
        this.docFindings.note(o, entries);
        break;
      case 'skipped':
        this.tally.skipped(o.reason);
        break;
      case 'failed':
        this.tally.failed(o.reason);
        break;
    }
    if (this.options.keepOutcomes !== false) {
      this.outcomes.push(o);
      this.outcomeEntries.push(entries);
    }
    this.emit('document', o);
    this.checkLimits();
  }

  private checkLimits(): void {
    const hit = this.limits.check({ settled: this.tally.settled(), bytes: this.tally.bytes, kept: this.outcomes.length });
    if (!hit) return;
    this.emit('warning', { message: `run limit ${hit} reached: stopping` });
    this.abort.abort();
    this.gate.releaseDrain();
    this.gate.poke();
  }

  private documentsLeft(): number {
    return this.limits.documentsLeft(this.tally.settled());
  }

  private summary(): Summary {
    return this.tally.summary({
      queued: this.queue.size,
      started: this.started,
      peakRss: Math.max(this.ctx.memory?.peakRss ?? 0, process.memoryUsage.rss()),
      peakOwn: this.ctx.memory?.peakOwn,
      cache: this.ctx.cache?.stats() ?? { hits: 0, misses: 0, evictions: 0, entries: 0, bytes: 0, hitRate: 0 },
      state: this.limits.reached ? 'limited' : this.state === 'cancelled' ? 'cancelled' : 'finished',
      limit: this.limits.reached,
      findings: this.findings.counts(this.ops.map((op) => op.id)),
    });
  }
}
