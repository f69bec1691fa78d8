// What the executor is told before a run: the run's operations (in the run's
// order: batch folds come back aligned with it), how to read, chunk and judge
// files, and whether to make results' briefs (a run with a cache keeps them).
// Returns the byte-range size large files are split into (0: never).
import { DEFAULT_CHUNKER } from '../process/chunk';
import { DEFAULT_MAX_FILE_SIZE } from '../discover/discover';
import type { GeneratedOptions } from '../read/generated';
import { DEFAULT_READ } from '../read/read';
import type { Executor } from '../schedule/executors';
import type { OperationSpec } from '../schedule/protocol';
import type { Operation } from '../../operations/operation';
import type { RunOptions } from './options';

export function configureExecutor(
  executor: Executor,
  ops: readonly Operation[],
  specs: readonly OperationSpec[],
  options: RunOptions,
  generated: GeneratedOptions,
  briefs: boolean,
): number {
  const read = { ...DEFAULT_READ, ...options.read };
  // Ranges pay only when at least two threads can take them.
  const rangeBytes = executor.threads >= 2 ? (read.rangeBytes ?? 0) : 0;
  executor.configure(
    ops.map((op, i) => ({ id: op.id, settings: op.settings, ...(specs[i]!.accepts ? { accepts: specs[i]!.accepts } : {}) })),
    {
      files: { maxFileSize: options.discover?.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, streamLarge: options.discover?.streamLarge ?? false },
      read: { ...read, rangeBytes },
      chunk: options.chunk ?? DEFAULT_CHUNKER,
      generated,
      briefs,
    },
  );
  return rangeBytes;
}
