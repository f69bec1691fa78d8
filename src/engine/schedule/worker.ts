// Worker-thread entry: builds the operations once, then processes batches of
// documents, publishing which document it is on so the scheduler can tell a
// hung or crashed document from its neighbours.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { getHeapStatistics } from 'node:v8';
import { parentPort, workerData } from 'node:worker_threads';
import { createOperations, registerOperationsFrom } from '../../operations/registry';
import { warmUpAnalyze } from '../../operations/analyze/warmup';
import type { Operation } from '../../operations/operation';
import { BatchCollector } from '../process/batch';
import { nodeFileSystem } from '../read/fs';
import { splitPaths, statPaths } from '../read/identity';
import { processDocument } from '../process/process';
import type { ProcessOptions } from '../process/job';
import { processRange } from '../process/range';
import { STATE_BATCH, STATE_INDEX, type FromWorker, type ToWorker } from './protocol';

const state = new Int32Array(workerData.state as SharedArrayBuffer);
if (workerData.lowerPriority !== false) lowerThreadPriority();
const loadedModules = new Set<string>();
loadModules(workerData.modules as string[]);
let ops: readonly Operation[] = [];
let options: ProcessOptions | undefined;
let primed = false;

parentPort!.on('message', (message: ToWorker) => {
  try {
    if (message.type === 'init') {
      // Modules registered after this worker started (an extension's operation) come with the next run's init.
      loadModules(message.modules ?? []);
      ops = createOperations(message.ops);
      options = message.options;
      return;
    }
    if (message.type === 'stat') {
      const stats = statPaths(splitPaths(message.paths), nodeFileSystem);
      parentPort!.postMessage({ type: 'stats', id: message.id, stats, heapUsed: heapUsed() } satisfies FromWorker, [stats.buffer as ArrayBuffer]);
      return;
    }
    if (message.type === 'range') {
      Atomics.store(state, STATE_BATCH, message.id);
      Atomics.store(state, STATE_INDEX, 0);
      const job = message.job;
      const outcome = processRange(job, ops, options!);
      Atomics.store(state, STATE_INDEX, -1);
      parentPort!.postMessage({ type: 'ranged', id: message.id, outcome, heapUsed: heapUsed() } satisfies FromWorker);
      return;
    }
    primeOnce();
    const batch = new BatchCollector(ops, options!.briefs);
    Atomics.store(state, STATE_BATCH, message.id);
    message.jobs.forEach((job, index) => {
      Atomics.store(state, STATE_INDEX, index);
      batch.add(processDocument(job, ops, options!));
    });
    Atomics.store(state, STATE_INDEX, -1);
    parentPort!.postMessage({ type: 'done', id: message.id, ...batch.finish(), heapUsed: heapUsed() } satisfies FromWorker);
  } catch (err) {
    parentPort!.postMessage({ type: 'fatal', message: String(err) } satisfies FromWorker);
  }
});

/** This thread's V8 heap in use (each worker is its own isolate): a microsecond, once per answer. */
function heapUsed(): number {
  return getHeapStatistics().used_heap_size;
}

function loadModules(paths: readonly string[]): void {
  for (const modulePath of paths) {
    if (loadedModules.has(modulePath)) continue;
    registerOperationsFrom(modulePath);
    loadedModules.add(modulePath);
  }
}

/** Primes the analysis before the first document (not before identity checks, which must answer at once). */
function primeOnce(): void {
  if (primed) return;
  primed = true;
  const analyze = ops.find((op) => op.id === 'analyze');
  if (analyze) warmUpAnalyze(analyze);
}

/**
 * Analysis yields the CPU to the thread that started it (an editor's extension
 * host, or the engine's own event loop and its garbage collector). On Linux a
 * thread's nice value is its own: /proc/thread-self names this thread's id.
 * Elsewhere, or without permission, the worker keeps the normal priority.
 */
function lowerThreadPriority(): void {
  try {
    const tid = Number(fs.readlinkSync('/proc/thread-self').split('/').pop());
    if (Number.isInteger(tid) && tid > 0) os.setPriority(tid, 10);
  } catch {
    // Not Linux, or not allowed: nothing to do.
  }
}
