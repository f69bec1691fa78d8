// The engine a caller keeps: one executor (worker pool), one result cache and one
// memory manager shared by successive runs, so a second run is warm and workers
// are started once.
import * as os from 'node:os';
import { registerOperation, registerOperationsFrom, unregisterOperation } from '../operations/registry';
import { HostExecutor, type HostExecutorOptions } from './host/host-executor';
import { HostOperationSet, hostOperationFacade, type HostOperation } from './host/host-operation';
import { DEFAULT_CACHE, ResultCache, type CacheOptions } from './cache/cache';
import type { FileSystem } from './read/fs';
import { MemoryManager, defaultMemoryOptions, type MemoryOptions } from './run/memory';
import { AdaptiveExecutor } from './schedule/adaptive';
import { BatchRun, type RunOptions } from './run/run';
import { DEFAULT_TIMEOUT_MS, WorkerPool, type Executor } from './schedule/executors';
import { InlineExecutor } from './schedule/inline-executor';

export interface EngineOptions {
  /** Worker threads; 'auto' uses every core; 0 runs on the caller's thread (no timeouts). */
  concurrency?: number | 'auto';
  timeoutMs?: number;
  cache?: Partial<CacheOptions>;
  memory?: Partial<MemoryOptions>;
  /** Inline runs only: the file-system seam (fault injection in tests). */
  fs?: FileSystem;
  workerFile?: string;
  /** Modules that add operations (`exports.operations = { id: factory }`), loaded here and in every worker. */
  workerModules?: readonly string[];
  /**
   * Start on the caller's thread and start the workers only when the work in sight
   * is worth them (see adaptive.ts): the command line's default. Not for the
   * editor, whose thread must stay free.
   */
  startInline?: boolean;
  /** How host operations read files, report progress and keep time. */
  host?: HostExecutorOptions;
}

export function resolveConcurrency(c: number | 'auto' | undefined): number {
  if (c === undefined || c === 'auto') return Math.max(1, os.availableParallelism());
  return Math.max(0, Math.floor(c));
}

export class Engine {
  readonly cache: ResultCache;
  readonly memory: MemoryManager;
  readonly executor: Executor;
  private current: BatchRun | undefined;
  private readonly hosts = new HostOperationSet();

  constructor(options: EngineOptions = {}) {
    for (const modulePath of options.workerModules ?? []) registerOperationsFrom(modulePath);
    this.cache = new ResultCache({ ...DEFAULT_CACHE, ...options.cache });
    this.memory = new MemoryManager({ ...defaultMemoryOptions(), ...options.memory });
    const threads = resolveConcurrency(options.concurrency);
    const pool = () =>
      new WorkerPool({
        threads,
        timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
        workerFile: options.workerFile,
        modules: options.workerModules,
        // The command line's own thread waits on its workers: they keep the normal priority.
        lowerPriority: !options.startInline,
      });
    const inner = threads === 0 || options.fs ? new InlineExecutor(options.fs) : options.startInline ? new AdaptiveExecutor(threads, pool) : pool();
    this.executor = new HostExecutor(inner, this.hosts, options.host);
    this.memory.attribute = () => {
      const w = this.executor.workerMemory?.() ?? { threads: 0, heapUsed: 0 };
      return { workerThreads: w.threads, workersHeapUsed: w.heapUsed, cacheBytes: this.cache.stats().bytes };
    };
  }

  /**
   * Adds an operation whose function runs on this thread (see HostOperation); runs
   * name it by id in RunOptions.operations. Replaces one of the same id.
   */
  addHostOperation(op: HostOperation): void {
    if (this.current) throw new Error('operations cannot change during a run');
    registerOperation(op.id, () => hostOperationFacade(op));
    this.hosts.add(op);
  }

  /** Removes a host operation added with addHostOperation. */
  deleteHostOperation(id: string): void {
    if (!this.hosts.has(id)) return;
    this.hosts.delete(id);
    unregisterOperation(id);
  }

  /**
   * Loads a module of worker operations (`exports.operations = { id: factory }`)
   * here and, from the next run on, in every worker (started or not). Returns its ids.
   */
  addOperationModule(modulePath: string): string[] {
    const ids = registerOperationsFrom(modulePath);
    this.executor.addModules?.([modulePath]);
    return ids;
  }

  /** The run in progress, if any. */
  get active(): BatchRun | undefined {
    return this.current;
  }

  run(options: RunOptions): BatchRun {
    if (this.current) throw new Error('a run is already in progress on this engine');
    const cache = options.resultCache === false ? undefined : this.cache;
    const run = new BatchRun(options, { executor: this.executor, cache, memory: this.memory });
    this.current = run;
    void run.done.finally(() => {
      if (this.current === run) this.current = undefined;
    });
    return run;
  }

  async close(): Promise<void> {
    this.current?.cancel();
    await this.current?.done.catch(() => undefined);
    this.memory.stop();
    await this.executor.close();
  }
}
