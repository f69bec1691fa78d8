// The executor that runs documents on the caller's thread: the command line's
// start (adaptive.ts starts the pool only when the work is worth it), and runs
// with --concurrency 0 or an injected file system (tests' fault seam).
import type { Operation } from '../../operations/operation';
import { createOperations } from '../../operations/registry';
import type { FileSystem } from '../read/fs';
import { nodeFileSystem } from '../read/fs';
import { statPaths } from '../read/identity';
import { BatchCollector, type BatchResult } from '../process/batch';
import { processDocument } from '../process/process';
import type { DocJob, ProcessOptions } from '../process/job';
import { processRange, type RangeJob, type RangeOutcome } from '../process/range';
import type { Executor } from './executors';
import type { OperationSpec } from './protocol';

/** The inline executor measures every document's CPU time until this many, then one in SAMPLE_EVERY. */
const SAMPLE_EVERY_AFTER = 256;
const SAMPLE_EVERY = 16;
/** Documents (measured) the recent cost per document mostly reflects: an exponential moving average's 1/alpha. */
const RECENT_WINDOW = 32;

/** This process's CPU time in milliseconds (process.cpuUsage(): a system call, 16 microseconds here). */
export function threadCpuMs(): number {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
}

/** Runs documents on the caller's thread, yielding between them. */
export class InlineExecutor implements Executor {
  readonly threads = 0;
  private ops: readonly Operation[] = [];
  private options: ProcessOptions | undefined;

  constructor(
    private readonly fileSystem?: FileSystem,
    /**
     * The clock documents are measured by (threadCpuMs, or a fake in tests), for
     * whoever reads `spent` (the adaptive executor). Without one nothing is
     * measured: a run with --concurrency 0 over tldr spent 86 ms, 4% of it,
     * reading a clock nobody looked at.
     */
    private readonly cpuMs?: () => number,
  ) {}

  configure(ops: readonly OperationSpec[], options: ProcessOptions): void {
    this.ops = createOperations(ops);
    this.options = options;
  }

  /**
   * CPU milliseconds spent processing the documents measured so far, how many were
   * measured, and what one costs recently (adaptive.ts judges the documents waiting at
   * that cost once enough are measured; the total is the average's). Every document is measured until
   * SAMPLE_EVERY_AFTER, then one in SAMPLE_EVERY: process.cpuUsage() is a system call,
   * and two per document were a sixth of a command-line run over tldr's 38,000 files.
   */
  readonly spent = { ms: 0, documents: 0, recentMsPerDocument: 0 };
  private seen = 0;

  async run(jobs: readonly DocJob[]): Promise<BatchResult> {
    const batch = new BatchCollector(this.ops, this.options!.briefs);
    for (const job of jobs) {
      const clock = this.cpuMs;
      const measure = clock !== undefined && (this.seen++ < SAMPLE_EVERY_AFTER || this.seen % SAMPLE_EVERY === 0);
      const started = measure ? clock() : undefined;
      batch.add(processDocument(job, this.ops, this.options!, this.fileSystem));
      if (started !== undefined) {
        const ms = clock!() - started;
        this.spent.ms += ms;
        this.spent.documents++;
        // What a document costs now: the first ones pay for the JIT warming up (a third of a
        // Markdown parser's first pass over rust-rfcs), which the documents still waiting will not.
        const recent = this.spent.recentMsPerDocument;
        this.spent.recentMsPerDocument = this.spent.documents === 1 ? ms : recent + (ms - recent) / RECENT_WINDOW;
      }
      await new Promise<void>((resolve) => setImmediate(resolve));
    }
    return batch.finish();
  }

  async stat(paths: readonly string[]): Promise<Float64Array> {
    return statPaths(paths, this.fileSystem ?? nodeFileSystem);
  }

  async runRange(job: RangeJob): Promise<RangeOutcome> {
    return processRange(job, this.ops, this.options!, this.fileSystem);
  }

  async close(): Promise<void> {}
}
