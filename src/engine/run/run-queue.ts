// The run's documents waiting for the executor, in priority order (open editors
// first), and how they leave it: in batches, prioritised ones alone so they come
// back first.
import { PriorityQueue } from '../schedule/queue';
import type { DocJob } from '../process/job';
import { UNSTATED, type Candidate } from '../types';
import { statted } from './outcomes';

/** A queued document; `ops` limits it to the operations whose results were not cached (see DocJob.ops). */
export type Queued = Candidate & { readonly knownHash?: string; readonly ops?: readonly string[] };

/** Bytes per batch message, at most. */
const BATCH_BYTES = 4 * 1024 * 1024;

export class RunQueue {
  private readonly queue = new PriorityQueue<Queued>();

  constructor(
    /** Larger is sooner; absent: every document 0. */
    private readonly priority: ((path: string) => number) | undefined,
    /** Unsaved editor buffers: their documents travel with their text. */
    private readonly overrides: ReadonlyMap<string, string> | undefined,
  ) {}

  get size(): number {
    return this.queue.size;
  }

  push(c: Candidate, knownHash: string | undefined, ops?: readonly string[]): void {
    const item: Queued =
      knownHash || ops
        ? { path: c.path, root: c.root, size: c.size, mtimeMs: c.mtimeMs, seq: c.seq, ...(knownHash ? { knownHash } : {}), ...(ops ? { ops } : {}) }
        : c;
    this.queue.push(item, this.priority ? this.priority(c.path) : 0);
  }

  bump(path: string, priority: number): boolean {
    return this.queue.bump(path, priority);
  }

  drain(): Iterable<Queued> {
    return this.queue.drain();
  }

  /**
   * With a priority function (open editors), the first batch waits until the walk
   * has found a batch's worth or finished, unless a prioritised document is already
   * queued: otherwise a walk slower than one time slice (a loaded machine, a second
   * root) hands out its first folder before it reaches the open documents.
   */
  holdFirstBatch(batchSize: number): boolean {
    if (!this.priority) return false;
    if (this.queue.size >= batchSize) return false;
    return (this.queue.priorityOf(this.queue.peek()!.path) ?? 0) <= 0;
  }

  /** The next batch: at most `max` documents and BATCH_BYTES; a prioritised document travels alone. */
  takeBatch(max: number): DocJob[] {
    const top = this.queue.peek()!;
    const urgent = (this.queue.priorityOf(top.path) ?? 0) > 0;
    const n = urgent ? Math.min(1, max) : max;
    const jobs: DocJob[] = [];
    let bytes = 0;
    while (jobs.length < n && bytes < BATCH_BYTES) {
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
    const text = this.overrides?.get(c.path);
    if (text === undefined) return c;
    // An unsaved buffer is not read from disk, but its outcome still names the file's mtime.
    const d = c.size === UNSTATED ? statted(c) : c;
    return { path: d.path, root: d.root, size: d.size, mtimeMs: d.mtimeMs, text };
  }
}
