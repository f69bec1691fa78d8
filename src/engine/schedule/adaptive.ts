// An executor that starts on the caller's thread and starts its worker pool only
// when the work in sight is worth it. Workers cost a start (a thread, the bundle
// compiled again, the analysis primed) and memory each: a small tree, a warm run
// (identity checks only) or one saved file is done sooner on one thread. The
// command line uses it for its default concurrency; the editor keeps its pool
// (its thread is the extension host's).
import type { Executor, WorkerMemory, WorkerPool } from './executors';
import { InlineExecutor, threadCpuMs } from './inline-executor';
import type { BatchResult } from '../process/batch';
import type { DocJob, ProcessOptions } from '../process/job';
import type { OperationSpec } from './protocol';
import type { RangeJob, RangeOutcome } from '../process/range';

/** The pool starts when the documents waiting would take the caller's thread more CPU time than this. */
export const POOL_AFTER_MS = 1500;
/** Documents processed inline before their cost is trusted as an estimate. */
const SAMPLE_DOCS = 64;
/** Until then, this many waiting documents start the pool. */
const POOL_AFTER_DOCS = 10_000;

/**
 * Whether the documents waiting would take the caller's thread more CPU time than
 * the budget, at what a document costs recently (not on average: the first
 * documents paid for the JIT warming up, which the ones waiting will not).
 */
export function worthThePool(spent: { readonly recentMsPerDocument: number; readonly documents: number }, waiting: number, walking: boolean): boolean {
  const budget = walking ? POOL_AFTER_MS / 2 : POOL_AFTER_MS;
  return spent.documents >= SAMPLE_DOCS ? waiting * spent.recentMsPerDocument > budget : waiting > POOL_AFTER_DOCS;
}

export class AdaptiveExecutor implements Executor {
  /** The pool's threads: a run plans for them from the start. */
  readonly threads: number;
  private readonly inline = new InlineExecutor(undefined, threadCpuMs);
  private pool: WorkerPool | undefined;
  private config: [readonly OperationSpec[], ProcessOptions] | undefined;

  constructor(
    threads: number,
    private readonly makePool: () => WorkerPool,
  ) {
    this.threads = threads;
  }

  /** Whether the worker pool runs (tests, reports). */
  get pooled(): boolean {
    return this.pool !== undefined;
  }

  configure(ops: readonly OperationSpec[], options: ProcessOptions): void {
    this.config = [ops, options];
    this.inline.configure(ops, options);
    this.pool?.configure(ops, options);
  }

  /**
   * What a run has waiting: starts the pool when it would take the caller's thread
   * more than POOL_AFTER_MS, or half that while the walk is still finding more
   * (it holds at most QUEUE_HIGH_WATER documents queued).
   */
  plan(waiting: number, walking: boolean): void {
    if (this.pool) return;
    // CPU time per document, not wall time: on a busy machine the wall clock would overstate the work.
    if (worthThePool(this.inline.spent, waiting, walking)) this.startPool();
  }

  /**
   * Before its first document: the walk goes on until it ends or has found what
   * worthThePool starts the pool for (more than POOL_AFTER_DOCS, nothing measured
   * yet), and plan() then chooses with the tree in sight. The walk and the
   * documents share the caller's thread, so a small tree loses nothing by
   * waiting; a big one no longer has its first few hundred documents run there,
   * which cost the caller's thread a warm-up of the analysis that each worker then
   * paid again (tldr, cold: 6% of the run, most of what --concurrency 2 saves).
   */
  waitsForWalk(waiting: number): boolean {
    // The same rule as plan()'s, so the wait ends exactly where the pool would start.
    return this.pool === undefined && this.inline.spent.documents === 0 && !worthThePool(this.inline.spent, waiting, true);
  }

  private startPool(): WorkerPool {
    if (!this.pool) {
      this.pool = this.makePool();
      if (this.config) this.pool.configure(...this.config);
    }
    return this.pool;
  }

  async run(jobs: readonly DocJob[]): Promise<BatchResult> {
    return this.pool ? this.pool.run(jobs) : this.inline.run(jobs);
  }

  stat(paths: readonly string[]): Promise<Float64Array> {
    return this.pool ? this.pool.stat(paths) : this.inline.stat(paths);
  }

  /** A file worth cutting in ranges is worth the threads. */
  runRange(job: RangeJob): Promise<RangeOutcome> {
    return this.startPool().runRange(job);
  }

  workerMemory(): WorkerMemory {
    return this.pool?.workerMemory() ?? { threads: 0, heapUsed: 0 };
  }

  async close(): Promise<void> {
    await this.pool?.close();
  }
}
