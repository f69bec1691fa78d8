// One document through the pipeline: read (whole or streamed) -> chunk -> map
// every chunk with every operation -> combine -> finish. Synchronous on purpose:
// it runs on a worker thread, where blocking costs nobody anything.
import { performance } from 'node:perf_hooks';
import type { Chunk, Operation } from '../operations/operation';
import { Chunker, type ChunkerOptions } from './chunk';
import { GeneratedDetector, type GeneratedOptions } from './generated';
import { DocumentError } from './document-error';
import type { FileSystem } from './fs';
import { nodeFileSystem } from './fs';
import { failedOutcome, skippedOutcome } from './outcome';
import { openText, textFromBytes, textFromString, type ReadOptions, type TextSource } from './read';
import type { Failed, FailReason, Processed, Skipped, SkipReason } from './types';

/** What the scheduler hands a worker for one document. */
export interface DocJob {
  readonly path: string;
  readonly root: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** The content hash of a cached result for this path whose identity no longer matches. */
  readonly knownHash?: string;
  /** In-memory text (an unsaved editor buffer) that replaces the file's content. */
  readonly text?: string;
  /** In-memory bytes (content fetched through a virtual file system). */
  readonly bytes?: Uint8Array;
}

/** The content hash equalled knownHash: the cached result still holds. */
export interface Unchanged {
  readonly kind: 'unchanged';
  readonly path: string;
  readonly root: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
}

export type JobOutcome = (Processed & { readonly cost: number }) | Skipped | Failed | Unchanged;

export interface ProcessOptions {
  readonly read: ReadOptions;
  readonly chunk: ChunkerOptions;
  readonly generated: GeneratedOptions;
}

export function processDocument(
  job: DocJob,
  ops: readonly Operation[],
  options: ProcessOptions,
  fs: FileSystem = nodeFileSystem,
): JobOutcome {
  const started = performance.now();
  const base = { path: job.path, root: job.root, size: job.size, mtimeMs: job.mtimeMs };
  try {
    const source = openSource(job, options, fs);
    const wanted = ops.filter((op) => op.accepts(job.path));
    if (wanted.length === 0) return skippedOutcome(base, 'unsupported-type', 'no operation accepts this file');

    // For whole reads the hash is known before any analysis: an unchanged file costs a read and a hash.
    if (job.knownHash !== undefined && !isStreamed(job, options)) {
      const hash = source.hash();
      if (hash === job.knownHash) return { kind: 'unchanged', ...base, hash };
    }

    const partials = wanted.map((op) => op.empty());
    const chunker = new Chunker(options.chunk);
    const feed = (chunks: readonly Chunk[]) => {
      for (const chunk of chunks) {
        for (let i = 0; i < wanted.length; i++) {
          const op = wanted[i]!;
          partials[i] = op.combine(partials[i], op.map(chunk));
        }
      }
    };
    const detector = new GeneratedDetector(options.generated);
    for (const piece of source.pieces()) {
      const generated = detector.feed(piece);
      if (generated) return skippedOutcome(base, 'generated', generated);
      feed(chunker.push(piece));
    }
    feed(chunker.end());

    const results: Record<string, unknown> = {};
    wanted.forEach((op, i) => {
      results[op.id] = op.finish(partials[i]);
    });
    const hash = source.hash();
    return {
      kind: 'processed',
      ...base,
      size: job.text !== undefined || job.bytes !== undefined ? source.size : job.size,
      hash,
      results,
      source: job.text !== undefined || job.bytes !== undefined ? 'memory' : 'disk',
      encoding: source.encoding,
      ms: performance.now() - started,
      cost: estimateCost(results),
    };
  } catch (err) {
    if (err instanceof DocumentError) {
      return err.outcome === 'skipped'
        ? skippedOutcome(base, err.reason as SkipReason, err.message)
        : failedOutcome(base, err.reason as FailReason, err.message);
    }
    return failedOutcome(base, 'operation-error', err instanceof Error ? `${err.name}: ${err.message}` : String(err));
  }
}

function openSource(job: DocJob, options: ProcessOptions, fs: FileSystem): TextSource {
  if (job.text !== undefined) return textFromString(job.text);
  if (job.bytes !== undefined) return textFromBytes(job.bytes);
  return openText(job.path, options.read, fs, { size: job.size });
}

function isStreamed(job: DocJob, options: ProcessOptions): boolean {
  return job.text === undefined && job.bytes === undefined && job.size > options.read.wholeThreshold;
}

/**
 * Bytes a result will cost in the cache, estimated on the worker by a walk over
 * the value (no serialisation: JSON.stringify here was a tenth of a small file's cost).
 */
export function estimateCost(value: unknown): number {
  switch (typeof value) {
    case 'string':
      return 32 + value.length * 2;
    case 'number':
    case 'boolean':
    case 'undefined':
      return 8;
    case 'object': {
      // What V8 really spends: an object header and a slot per property (measured
      // on a million-file run, where a lower estimate let the cache outgrow its bound).
      if (value === null) return 8;
      let bytes = 64;
      if (Array.isArray(value)) for (const v of value) bytes += 16 + estimateCost(v);
      else for (const k in value) bytes += 32 + estimateCost((value as Record<string, unknown>)[k]);
      return bytes;
    }
    default:
      return 16;
  }
}
