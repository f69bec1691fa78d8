// The scheduler's executors. A WorkerPool runs batches on worker threads so the
// caller's event loop (the extension host) stays responsive; a watchdog reads
// which document each worker is on and replaces a worker whose document runs past
// the timeout or that dies, failing only that document and re-running the rest.
// The InlineExecutor (inline-executor.ts) runs on the caller's thread; it yields
// between documents but cannot enforce timeouts.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { joinPaths } from '../read/identity';
import { failedOutcome } from '../outcome';
import type { BatchResult } from '../process/batch';
import type { DocJob, ProcessOptions } from '../process/job';
import type { RangeJob, RangeOutcome } from '../process/range';
import { STATE_BATCH, STATE_INDEX, STATE_SLOTS, type FromWorker, type OperationSpec, type ToWorker } from './protocol';
import type { FailReason } from '../types';
import { SETTINGS } from '../../settings/table';

/** What a run tells its executor about itself (host operations honour it; worker batches are cut by the run). */
export interface RunControl {
  /** Aborted when the run is cancelled. */
  readonly signal?: AbortSignal;
  /** While the run is paused: a promise that settles on resume; undefined while it runs. */
  paused?(): Promise<void> | undefined;
}

export interface Executor {
  /** Worker threads (0 for inline). */
  readonly threads: number;
  configure(ops: readonly OperationSpec[], options: ProcessOptions): void;
  /** The batch's outcomes, in the order of `jobs`. */
  run(jobs: readonly DocJob[], control?: RunControl): Promise<BatchResult>;
  /** Modules of operations (registerOperationsFrom) to load on every thread before the next configure. */
  addModules?(modulePaths: readonly string[]): void;
  /** [size, mtimeMs] per path (UNSTATED for both where there is no regular file to stat); see identity.ts. */
  stat(paths: readonly string[]): Promise<Float64Array>;
  /** One byte range of a large file (see range.ts). */
  runRange(job: RangeJob): Promise<RangeOutcome>;
  /** Optional: told before each batch how many documents wait, and whether the walk may find more (see adaptive.ts). */
  plan?(waiting: number, walking: boolean): void;
  /** Optional: while the walk goes on, whether the first batch should wait for it to find more (see adaptive.ts). */
  waitsForWalk?(waiting: number): boolean;
  /** Optional: the live worker threads and their V8 heaps in use, as each last reported it (bytes). */
  workerMemory?(): WorkerMemory;
  close(): Promise<void>;
}

export interface WorkerMemory {
  readonly threads: number;
  readonly heapUsed: number;
}

export const DEFAULT_TIMEOUT_MS = SETTINGS.timeoutSeconds.default * 1000;

/** Where the bundled worker lives: next to the bundle, or in dist/ when running from sources (src/engine/schedule/). */
export function defaultWorkerFile(): string {
  const here = path.join(__dirname, 'worker.js');
  if (fs.existsSync(here)) return here;
  return path.resolve(__dirname, '..', '..', '..', 'dist', 'worker.js');
}

interface PendingBatch {
  readonly kind: 'batch';
  readonly id: number;
  readonly jobs: readonly DocJob[];
  resolve(result: BatchResult): void;
  reject(err: Error): void;
}

interface PendingStat {
  readonly kind: 'stat';
  readonly id: number;
  readonly paths: string;
  resolve(stats: Float64Array): void;
  reject(err: Error): void;
}

interface PendingRange {
  readonly kind: 'range';
  readonly id: number;
  readonly job: RangeJob;
  resolve(outcome: RangeOutcome): void;
  reject(err: Error): void;
}

type Pending = PendingBatch | PendingStat | PendingRange;

interface Slot {
  worker: Worker;
  state: Int32Array;
  pending: Pending[];
  /** What the watchdog saw last: batch/index and since when. */
  seen: { batch: number; index: number; since: number };
  /** Batches this worker completed; a worker that dies before any is suspect. */
  completed: number;
  dead: boolean;
  /** The worker's V8 heap in use, from its last answer (0 until it answers). */
  heapUsed: number;
}

/**
 * A worker's heap. A smaller young generation keeps a streaming worker's memory
 * flat: its garbage is short-lived. The old generation's bound is not there to
 * be reached: V8 lets a heap grow by a factor it picks from that bound, up to 4x
 * the live size for a bound of 2 GB or more (a worker's default here) and 1.6x
 * at 1 GB. Lint, whose garbage is large, shows it: over tldr it peaked at 239
 * and 252 MiB instead of 296 and 298 (markdownlint-cli2: 254), for 15% more
 * time (two runs each, same order). A 3 MB Markdown document took 1.0 GB
 * instead of 1.5; a 10 MB one runs into the document timeout either way. One
 * that would need more than the bound fails as worker-crashed, with V8's reason.
 */
const WORKER_HEAP_LIMITS = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 1024 };

export interface WorkerPoolOptions {
  threads: number;
  timeoutMs?: number;
  workerFile?: string;
  /** Extra modules each worker loads before building operations (they may register operations). */
  modules?: readonly string[];
  /**
   * Workers lower their thread priority so the caller's thread (an editor) comes
   * first (default true). The command line, whose own thread waits on them, keeps
   * the normal priority: on a shared machine lowered workers wait behind every
   * other process.
   */
  lowerPriority?: boolean;
}

export class WorkerPool implements Executor {
  readonly threads: number;
  private readonly slots: Slot[] = [];
  private readonly timeoutMs: number;
  private readonly workerFile: string;
  private nextBatch = 1;
  private init: Extract<ToWorker, { type: 'init' }> | undefined;
  private watchdog: NodeJS.Timeout | undefined;
  /** Consecutive deaths of fresh workers: a broken worker file must not respawn forever. */
  private infantDeaths = 0;
  private closed = false;
  private modules: readonly string[];
  private readonly lowerPriority: boolean;

  constructor(options: WorkerPoolOptions) {
    this.threads = Math.max(1, options.threads);
    this.lowerPriority = options.lowerPriority ?? true;
    this.modules = options.modules ?? [];
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.workerFile = options.workerFile ?? defaultWorkerFile();
  }

  configure(ops: readonly OperationSpec[], options: ProcessOptions): void {
    this.init = { type: 'init', ops, options, modules: this.modules };
    for (const slot of this.slots) slot.worker.postMessage(this.init);
  }

  addModules(modulePaths: readonly string[]): void {
    this.modules = [...new Set([...this.modules, ...modulePaths])];
  }

  run(jobs: readonly DocJob[]): Promise<BatchResult> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    if (jobs.length === 0) return Promise.resolve({ outcomes: [] });
    return new Promise((resolve, reject) => {
      this.dispatch({ kind: 'batch', id: this.nextBatch++, jobs, resolve, reject });
    });
  }

  stat(paths: readonly string[]): Promise<Float64Array> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    if (paths.length === 0) return Promise.resolve(new Float64Array(0));
    return new Promise((resolve, reject) => {
      this.dispatch({ kind: 'stat', id: this.nextBatch++, paths: joinPaths(paths), resolve, reject });
    });
  }

  runRange(job: RangeJob): Promise<RangeOutcome> {
    if (this.closed) return Promise.reject(new Error('worker pool is closed'));
    return new Promise((resolve, reject) => {
      this.dispatch({ kind: 'range', id: this.nextBatch++, job, resolve, reject });
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    if (this.watchdog) clearInterval(this.watchdog);
    const slots = this.slots.splice(0);
    await Promise.all(slots.map((s) => s.worker.terminate()));
    for (const slot of slots) for (const b of slot.pending) b.reject(new Error('worker pool closed'));
  }

  /**
   * Workers start as work needs them: a run over one saved file, or one huge
   * file, starts one thread, not one per core (each costs tens of MB).
   */
  workerMemory(): WorkerMemory {
    let heapUsed = 0;
    for (const slot of this.slots) heapUsed += slot.heapUsed;
    return { threads: this.slots.length, heapUsed };
  }

  private ensureWorkers(): void {
    const idle = this.slots.some((s) => s.pending.length === 0);
    if (!idle && this.slots.length < this.threads) this.slots.push(this.spawn());
    if (!this.watchdog) {
      this.watchdog = setInterval(() => this.check(), Math.max(50, Math.min(1000, this.timeoutMs / 10)));
      this.watchdog.unref();
    }
  }

  private spawn(): Slot {
    const shared = new SharedArrayBuffer(STATE_SLOTS * 4);
    const state = new Int32Array(shared);
    state[STATE_INDEX] = -1;
    const worker = new Worker(this.workerFile, {
      workerData: { state: shared, modules: this.modules, lowerPriority: this.lowerPriority },
      resourceLimits: WORKER_HEAP_LIMITS,
    });
    const slot: Slot = { worker, state, pending: [], seen: { batch: 0, index: -1, since: Date.now() }, completed: 0, dead: false, heapUsed: 0 };
    worker.on('message', (message: FromWorker) => this.onMessage(slot, message));
    worker.on('error', (err) => this.onDeath(slot, 'worker-crashed', `worker error: ${err.message}`));
    worker.on('exit', (code) => this.onDeath(slot, 'worker-crashed', `worker exited with code ${code}`));
    // Workers must never keep a command-line run alive on their own.
    worker.unref();
    if (this.init) worker.postMessage(this.init);
    return slot;
  }

  private dispatch(p: Pending): void {
    this.ensureWorkers();
    let best = this.slots[0]!;
    for (const slot of this.slots) if (slot.pending.length < best.pending.length) best = slot;
    best.pending.push(p);
    if (best.pending.length === 1) best.worker.ref();
    const message: ToWorker =
      p.kind === 'batch'
        ? { type: 'batch', id: p.id, jobs: p.jobs }
        : p.kind === 'stat'
          ? { type: 'stat', id: p.id, paths: p.paths }
          : { type: 'range', id: p.id, job: p.job };
    best.worker.postMessage(message);
  }

  private onMessage(slot: Slot, message: FromWorker): void {
    if (message.type === 'fatal') {
      this.kill(slot, 'worker-crashed', message.message);
      return;
    }
    const index = slot.pending.findIndex((b) => b.id === message.id);
    if (index < 0) return;
    const [p] = slot.pending.splice(index, 1);
    slot.completed++;
    if (message.heapUsed !== undefined) slot.heapUsed = message.heapUsed;
    this.infantDeaths = 0;
    if (slot.pending.length === 0) slot.worker.unref();
    if (p!.kind === 'stat' && message.type === 'stats') p!.resolve(message.stats);
    else if (p!.kind === 'batch' && message.type === 'done') p!.resolve({ outcomes: message.outcomes, folds: message.folds });
    else if (p!.kind === 'range' && message.type === 'ranged') p!.resolve(message.outcome);
    else p!.reject(new Error(`worker answered a '${p!.kind}' message with '${message.type}'`));
  }

  private check(): void {
    const now = Date.now();
    for (const slot of this.slots) {
      if (slot.dead || slot.pending.length === 0) continue;
      const batch = Atomics.load(slot.state, STATE_BATCH);
      const index = Atomics.load(slot.state, STATE_INDEX);
      if (batch !== slot.seen.batch || index !== slot.seen.index) {
        slot.seen = { batch, index, since: now };
      } else if (index >= 0 && now - slot.seen.since > this.timeoutMs) {
        this.kill(slot, 'timeout', `no result after ${seconds(now - slot.seen.since)} (timeout ${seconds(this.timeoutMs)})`);
      }
    }
  }

  private kill(slot: Slot, reason: FailReason, detail: string): void {
    if (slot.dead) return;
    this.onDeath(slot, reason, detail);
    void slot.worker.terminate();
  }

  /**
   * A worker died or was killed. The document it was on fails with the reason;
   * everything else it held (earlier documents of that batch whose results died
   * with it, later ones, later batches) is run again on a fresh worker.
   */
  private onDeath(slot: Slot, reason: FailReason, detail: string): void {
    if (slot.dead) return;
    slot.dead = true;
    const at = this.slots.indexOf(slot);
    if (at >= 0) this.slots.splice(at, 1);
    if (this.closed) return;
    if (slot.completed === 0) this.infantDeaths++;
    const currentBatch = Atomics.load(slot.state, STATE_BATCH);
    const currentIndex = Atomics.load(slot.state, STATE_INDEX);
    const hopeless = this.infantDeaths > this.threads + 2;
    for (const batch of slot.pending) {
      if (batch.kind === 'stat') {
        // Stats are safe to repeat; a worker that keeps dying fails them, and the run stats on its own thread.
        if (hopeless) batch.reject(new Error(`${detail}; workers keep dying, giving up`));
        else this.dispatch(batch);
        continue;
      }
      if (batch.kind === 'range') {
        // The range the worker was on fails the document; one merely queued there runs elsewhere.
        if (batch.id === currentBatch && currentIndex >= 0) batch.resolve({ kind: 'error', outcome: 'failed', reason, detail });
        else if (hopeless) batch.resolve({ kind: 'error', outcome: 'failed', reason: 'worker-crashed', detail: `${detail}; workers keep dying, giving up` });
        else this.dispatch(batch);
        continue;
      }
      const culprit = batch.id === currentBatch ? currentIndex : -1;
      if (hopeless) {
        batch.resolve({ outcomes: batch.jobs.map((job) => failedOutcome(job, 'worker-crashed', `${detail}; workers keep dying, giving up`)) });
        continue;
      }
      if (culprit < 0) {
        this.dispatch(batch);
        continue;
      }
      const rest = batch.jobs.filter((_, i) => i !== culprit);
      const failedOne = failedOutcome(batch.jobs[culprit]!, reason, detail);
      this.run(rest).then(
        (result) => {
          result.outcomes.splice(culprit, 0, failedOne);
          batch.resolve(result);
        },
        (err: Error) => batch.reject(err),
      );
    }
    slot.pending = [];
  }
}

function seconds(ms: number): string {
  return ms < 10_000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms / 1000)} s`;
}
