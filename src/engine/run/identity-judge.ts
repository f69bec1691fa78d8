// Identity checks of cached documents. The walk does not stat: a path with a
// cached result is sent, with others, to an executor thread that stats them, so an
// unchanged file costs one stat there and no read. The answers are judged here,
// later and in slices: answers from the workers tend to arrive together, and Node
// runs every message waiting on a port in one go, so judged on arrival (with an
// editor's listeners on every outcome) they held the event loop for tens of
// milliseconds. Groups wait in one queue, worked through at most `sliceMs` at a
// time, after the event loop has turned.
import type { CacheEntry } from '../cache/cache';
import { nodeFileSystem } from '../read/fs';
import { statPaths } from '../read/identity';
import type { Executor } from '../schedule/executors';
import type { Candidate } from '../types';
import { measured } from './outcomes';

/** Paths per identity-check message, and messages in flight before the walk waits. */
const IDENTITY_BATCH = 512;
const MAX_CHECKS = 8;
/** Identity checks are judged in slices of about this long. */
const JUDGE_SLICE_MS = 8;

export interface IdentityJudgeHooks {
  /** A candidate with its stat applied (size and mtime), and its cached entries, to judge against the cache. */
  judge(c: Candidate, entries: readonly (CacheEntry | undefined)[]): void;
  /** After a cancel: the candidate goes back to the queue, to be accounted with it (neither a hit nor a miss). */
  requeue(c: Candidate): void;
  cancelled(): boolean;
  /** Something was judged: wake the dispatcher. */
  poke(): void;
  warn(message: string): void;
}

interface Group {
  readonly candidates: readonly Candidate[];
  readonly entries: readonly (readonly (CacheEntry | undefined)[])[];
  readonly stats: Float64Array;
  next: number;
  readonly resolve: () => void;
  readonly reject: (err: unknown) => void;
}

export class IdentityJudge {
  /** Paths with a cached result, waiting to be sent. */
  private waiting: { candidates: Candidate[]; entries: (CacheEntry | undefined)[][] } = { candidates: [], entries: [] };
  /** Checks in flight. */
  private readonly checking = new Set<Promise<void>>();
  /** Answered checks waiting to be judged. */
  private readonly judging: Group[] = [];

  constructor(
    private readonly executor: Executor,
    private readonly hooks: IdentityJudgeHooks,
  ) {}

  check(c: Candidate, entries: (CacheEntry | undefined)[]): void {
    const group = this.waiting;
    group.candidates.push(c);
    group.entries.push(entries);
    if (group.candidates.length >= IDENTITY_BATCH) this.flush();
  }

  /** Resolves when fewer checks are in flight than the walk may have outstanding. */
  async roomForMore(): Promise<void> {
    while (this.checking.size >= MAX_CHECKS) await Promise.race(this.checking);
  }

  /** Sends what waits and resolves when every check is judged. */
  async finish(): Promise<void> {
    this.flush();
    while (this.checking.size > 0) await Promise.all(this.checking);
  }

  /** Sends the waiting checks to the executor; if it cannot take them, they are statted here. */
  private flush(): void {
    const { candidates, entries } = this.waiting;
    if (candidates.length === 0) return;
    this.waiting = { candidates: [], entries: [] };
    const paths = candidates.map((c) => c.path);
    const task: Promise<void> = this.executor
      .stat(paths)
      .catch(() => statPaths(paths, nodeFileSystem))
      .then((stats) => this.judgeLater(candidates, entries, stats))
      // Only a throwing 'document' listener gets here; like one during the walk, it is reported, not fatal.
      .catch((err: unknown) => this.hooks.warn(`identity checks stopped: ${err instanceof Error ? err.message : String(err)}`))
      .finally(() => this.checking.delete(task));
    this.checking.add(task);
  }

  private judgeLater(candidates: readonly Candidate[], entries: readonly (readonly (CacheEntry | undefined)[])[], stats: Float64Array): Promise<void> {
    return new Promise((resolve, reject) => {
      // An empty queue has no judgeSome on its way.
      if (this.judging.length === 0) setImmediate(() => this.judgeSome());
      this.judging.push({ candidates, entries, stats, next: 0, resolve, reject });
    });
  }

  private judgeSome(): void {
    const started = performance.now();
    const hooks = this.hooks;
    let n = 0;
    while (this.judging.length > 0) {
      const group = this.judging[0]!;
      try {
        while (group.next < group.candidates.length) {
          if ((++n & 31) === 0 && performance.now() - started > JUDGE_SLICE_MS) {
            hooks.poke();
            setImmediate(() => this.judgeSome());
            return;
          }
          const i = group.next++;
          // Not statted (gone, not a file): judged a miss; the read that follows reports why.
          const d = measured(group.candidates[i]!, group.stats[2 * i]!, group.stats[2 * i + 1]!);
          // After a cancel, hits wait in the queue too, and are accounted with the rest of it.
          if (hooks.cancelled()) hooks.requeue(d);
          else hooks.judge(d, group.entries[i]!);
        }
        this.judging.shift();
        group.resolve();
      } catch (err) {
        // A throwing 'document' listener: the group stops, as one judged on arrival did.
        this.judging.shift();
        group.reject(err);
      }
    }
    hooks.poke();
  }
}
