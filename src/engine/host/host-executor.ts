// The executor of a run with host operations: it wraps the executor of the worker
// operations (a WorkerPool, or inline) and runs the host operations' functions on
// this thread, each operation under its own concurrency limit (p-limit) and rate
// limit (a token bucket), honouring the run's cancel and pause. Their JSON answers
// join the worker results in each ProcessedText (ids/parts), so the run's cache
// scopes, folds and findings treat them like any other operation's.
import { promises as fsp } from 'node:fs';
import { performance } from 'node:perf_hooks';
import pLimit, { type LimitFunction } from 'p-limit';
import { createOperations, type OperationSpec } from '../../operations/registry';
import type { Operation } from '../../operations/operation';
import { fileFilterMatcher } from '../../operations/file-filter';
import type { BatchResult, JobOutcome, ProcessedText } from '../process/batch';
import { DocumentError, failureFromError } from '../read/document-error';
import { GeneratedDetector } from '../read/generated';
import { failedOutcome, skippedOutcome, tooLarge } from '../outcome';
import type { DocJob, ProcessOptions } from '../process/job';
import type { RangeJob, RangeOutcome } from '../process/range';
import { textFromBytes, textFromString } from '../read/read';
import type { Executor, RunControl, WorkerMemory } from '../schedule/executors';
import { DEFAULT_MAX_FILE_SIZE, UNSTATED, type TextEncodingName } from '../types';
import { hostResultOf, type HostOperation, type HostOperationSet } from './host-operation';
import { abortError, systemClock, TokenBucket, type Clock } from './rate-limit';

export interface HostExecutorOptions {
  readonly clock?: Clock;
  /** Reads a document's bytes (default: the file system). */
  readonly readFile?: (path: string) => Promise<Uint8Array>;
  /** A host operation's progress message about a document. */
  readonly onProgress?: (operation: string, path: string, message: string) => void;
}

/** One host operation's limits; kept across runs, so a rate limit holds across them too. */
interface Lane {
  readonly op: HostOperation;
  readonly limit: LimitFunction;
  readonly bucket: TokenBucket | undefined;
}

interface ConfiguredLane {
  readonly lane: Lane;
  readonly accepts: (path: string) => boolean;
}

/** A document's text as the host operations get it, with what its outcome reports. */
interface HostText {
  readonly text: string;
  readonly hash: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly encoding: TextEncodingName;
  readonly source: 'disk' | 'memory';
}

const NEVER = new AbortController().signal;

export class HostExecutor implements Executor {
  private readonly lanes = new Map<string, Lane>();
  private configured: readonly ConfiguredLane[] = [];
  private workerOps: readonly Operation[] = [];
  /** For each of the run's operations (in its order), its index among the worker operations, or -1. */
  private workerIndex: readonly number[] = [];
  private options: ProcessOptions | undefined;
  private readonly clock: Clock;
  private readonly readFile: (path: string) => Promise<Uint8Array>;

  constructor(
    /** The executor of the worker operations (a pool, inline, or adaptive). */
    readonly inner: Executor,
    private readonly hosts: HostOperationSet,
    private readonly hostOptions: HostExecutorOptions = {},
  ) {
    this.clock = hostOptions.clock ?? systemClock;
    this.readFile = hostOptions.readFile ?? ((p) => fsp.readFile(p));
  }

  get threads(): number {
    return this.inner.threads;
  }

  configure(ops: readonly OperationSpec[], options: ProcessOptions): void {
    const worker = ops.filter((s) => !this.hosts.has(s.id));
    const host = ops.filter((s) => this.hosts.has(s.id));
    this.configured = host.map((spec) => {
      const lane = this.laneOf(this.hosts.get(spec.id)!);
      const own = fileFilterMatcher(lane.op.accepts);
      const narrowed = fileFilterMatcher(spec.accepts);
      return { lane, accepts: (p: string) => own(p) && narrowed(p) };
    });
    this.workerOps = createOperations(worker);
    let w = 0;
    this.workerIndex = ops.map((s) => (this.hosts.has(s.id) ? -1 : w++));
    this.options = options;
    // A host operation needs the document whole: no worker cuts it into ranges.
    this.inner.configure(worker, host.length > 0 ? { ...options, read: { ...options.read, rangeBytes: 0 } } : options);
  }

  addModules(modulePaths: readonly string[]): void {
    this.inner.addModules?.(modulePaths);
  }

  async run(jobs: readonly DocJob[], control: RunControl = {}): Promise<BatchResult> {
    if (this.configured.length === 0) return this.inner.run(jobs, control);
    const hostLanes = jobs.map((job) => this.configured.filter((c) => c.accepts(job.path) && (job.ops === undefined || job.ops.includes(c.lane.op.id))));
    const toWorker: number[] = [];
    jobs.forEach((job, i) => {
      if (hostLanes[i]!.length === 0 || this.wantsWorker(job)) toWorker.push(i);
    });
    const outcomes: (JobOutcome | undefined)[] = new Array(jobs.length);
    let folds: readonly unknown[] | undefined;
    if (toWorker.length > 0) {
      const result = await this.inner.run(toWorker.map((i) => jobs[i]!), control);
      toWorker.forEach((i, k) => (outcomes[i] = result.outcomes[k]));
      const inner = result.folds;
      if (inner) folds = this.workerIndex.map((w) => (w < 0 ? undefined : inner[w]));
    }
    await Promise.all(
      jobs.map(async (job, i) => {
        const lanes = hostLanes[i]!;
        if (lanes.length === 0) return;
        outcomes[i] = await this.runHost(job, outcomes[i], lanes.map((c) => c.lane), control);
      }),
    );
    return { outcomes: outcomes as JobOutcome[], ...(folds ? { folds } : {}) };
  }

  /** The wrapped executor plans its threads (adaptive.ts): without this, the command line's pool never starts. */
  plan(waiting: number, walking: boolean): void {
    this.inner.plan?.(waiting, walking);
  }

  /** Passed on for the same reason as plan(). */
  waitsForWalk(waiting: number): boolean {
    return this.inner.waitsForWalk?.(waiting) ?? false;
  }

  stat(paths: readonly string[]): Promise<Float64Array> {
    return this.inner.stat(paths);
  }

  runRange(job: RangeJob): Promise<RangeOutcome> {
    return this.inner.runRange(job);
  }

  workerMemory(): WorkerMemory {
    return this.inner.workerMemory?.() ?? { threads: 0, heapUsed: 0 };
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private laneOf(op: HostOperation): Lane {
    const known = this.lanes.get(op.id);
    if (known && known.op === op) return known;
    const lane: Lane = {
      op,
      limit: pLimit(Math.max(1, Math.floor(op.concurrency ?? 4))),
      bucket: op.requestsPerSecond ? new TokenBucket(op.requestsPerSecond, op.burst ?? 1, this.clock) : undefined,
    };
    this.lanes.set(op.id, lane);
    return lane;
  }

  private wantsWorker(job: DocJob): boolean {
    return this.workerOps.some((op) => (job.ops === undefined || job.ops.includes(op.id)) && op.accepts(job.path));
  }

  /**
   * The document's host operations after its worker outcome (undefined: no worker
   * operation wanted it). A worker that skipped or failed it settles it; so does a
   * cancel (skipped), and a host function that throws (failed, operation-error).
   */
  private async runHost(job: DocJob, worker: JobOutcome | undefined, lanes: readonly Lane[], control: RunControl): Promise<JobOutcome> {
    if (worker && worker.kind !== 'processed') return worker;
    const started = performance.now();
    const signal = control.signal ?? NEVER;
    let doc: HostText;
    try {
      doc = await this.textOf(job, worker);
    } catch (err) {
      const e = err instanceof DocumentError ? err : failureFromError(err, job.path);
      return e.outcome === 'skipped' ? skippedOutcome(job, e.reason as never, e.message) : failedOutcome(job, e.reason as never, e.message);
    }
    if (!worker && job.knownHash !== undefined && doc.hash === job.knownHash) {
      return { kind: 'unchanged', path: job.path, root: job.root, size: doc.size, mtimeMs: doc.mtimeMs, hash: doc.hash };
    }
    const base = { path: job.path, root: job.root, size: doc.size, mtimeMs: doc.mtimeMs };
    const answers = await Promise.allSettled(lanes.map((lane) => this.call(lane, { path: job.path, root: job.root, text: doc.text, hash: doc.hash }, signal, control)));
    if (signal.aborted) return skippedOutcome(base, 'cancelled', 'run cancelled');
    const ids = worker ? [...worker.ids] : [];
    const parts = worker ? [...worker.parts] : [];
    let chars = 0;
    for (let k = 0; k < lanes.length; k++) {
      const answer = answers[k]!;
      const id = lanes[k]!.op.id;
      if (answer.status === 'rejected') {
        const err: unknown = answer.reason;
        return failedOutcome(base, 'operation-error', `${id}: ${err instanceof Error ? `${err.name}: ${err.message}` : String(err)}`);
      }
      const part = answer.value;
      ids.push(id);
      parts.push(part);
      chars += part.length + id.length + 4;
    }
    const ms = performance.now() - started;
    const processed: ProcessedText = worker
      ? { ...worker, ids, parts, ms: worker.ms + ms, cost: worker.cost + 96 * lanes.length + chars * 2 }
      : { kind: 'processed', ...base, hash: doc.hash, source: doc.source, encoding: doc.encoding, ms, ids, parts, cost: 96 * lanes.length + chars * 2 };
    return processed;
  }

  /** One host function call under its operation's limits, as the result's JSON text; rejects on a throw or a cancel. */
  private call(lane: Lane, doc: Parameters<HostOperation['run']>[0], signal: AbortSignal, control: RunControl): Promise<string> {
    const op = lane.op;
    return lane.limit(async () => {
      for (let paused = control.paused?.(); paused; paused = control.paused?.()) await paused;
      if (signal.aborted) throw abortError(signal);
      await lane.bucket?.take(signal);
      const progress = (message: string) => this.hostOptions.onProgress?.(op.id, doc.path, String(message));
      const answer = await untilAborted(Promise.resolve().then(() => op.run(doc, signal, progress)), signal);
      return JSON.stringify(hostResultOf(op, answer));
    });
  }

  /** The text the worker processed (read again here), or the document read here for host operations alone. */
  private async textOf(job: DocJob, worker: ProcessedText | undefined): Promise<HostText> {
    const memory = job.text !== undefined || job.bytes !== undefined;
    let size = worker?.size ?? job.size;
    let mtimeMs = worker?.mtimeMs ?? job.mtimeMs;
    if (!worker && !memory) {
      const st = await fsp.stat(job.path);
      if (!st.isFile()) throw new DocumentError('skipped', 'unsupported-type', 'not a regular file');
      size = st.size;
      mtimeMs = st.mtimeMs;
      const refused = tooLarge(size, this.options?.files?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, false);
      if (refused) throw new DocumentError('skipped', 'too-large', refused);
    }
    const source = job.text !== undefined ? textFromString(job.text) : textFromBytes(job.bytes ?? (await this.readFile(job.path)));
    const text = [...source.pieces()].join('');
    if (!worker && this.options) {
      const generated = new GeneratedDetector(this.options.generated).feed(text);
      if (generated) throw new DocumentError('skipped', 'generated', generated);
    }
    if (memory) size = source.size;
    return { text, hash: source.hash(), size: size === UNSTATED ? source.size : size, mtimeMs, encoding: source.encoding, source: memory ? 'memory' : 'disk' };
  }
}

/** The promise, or a rejection as soon as signal aborts (a host function that ignores its signal is not waited for). */
function untilAborted<T>(promise: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal === NEVER) return promise;
  return new Promise<T>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError(signal));
      return;
    }
    const onAbort = () => reject(abortError(signal));
    signal.addEventListener('abort', onAbort, { once: true });
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
