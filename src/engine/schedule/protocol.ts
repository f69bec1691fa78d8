// Messages between the scheduler and its worker threads. Documents travel in
// batches: one message per batch, not per document, keeps the caller's thread free.
import type { BatchResult } from '../process/batch';
import type { DocJob, ProcessOptions } from '../process/job';
import type { RangeJob, RangeOutcome } from '../process/range';

export type { OperationSpec } from '../../operations/registry';
import type { OperationSpec } from '../../operations/registry';

/** Slots of the shared progress array a worker updates before each document. */
export const STATE_BATCH = 0;
export const STATE_INDEX = 1;
export const STATE_SLOTS = 2;

export type ToWorker =
  /** modules: the operation modules to load (registerOperationsFrom) before building ops; each is loaded once. */
  | { readonly type: 'init'; readonly ops: readonly OperationSpec[]; readonly options: ProcessOptions; readonly modules?: readonly string[] }
  | { readonly type: 'batch'; readonly id: number; readonly jobs: readonly DocJob[] }
  /** Identity checks: paths joined by NUL (see identity.ts). */
  | { readonly type: 'stat'; readonly id: number; readonly paths: string }
  /** One byte range of a large file (see range.ts). */
  | { readonly type: 'range'; readonly id: number; readonly job: RangeJob };

/** Every answer carries the worker's V8 heap in use after the work (bytes), so the engine can say what its threads hold. */
interface HeapFigure {
  readonly heapUsed?: number;
}

export type FromWorker =
  | ({ readonly type: 'done'; readonly id: number } & BatchResult & HeapFigure)
  /** [size, mtimeMs] per path of a 'stat' message (its buffer is transferred). */
  | ({ readonly type: 'stats'; readonly id: number; readonly stats: Float64Array } & HeapFigure)
  | ({ readonly type: 'ranged'; readonly id: number; readonly outcome: RangeOutcome } & HeapFigure)
  | { readonly type: 'fatal'; readonly message: string };
