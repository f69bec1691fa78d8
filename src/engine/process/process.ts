// One document through the pipeline: read (whole or streamed) -> chunk -> map
// every chunk with every operation -> combine -> finish. Synchronous on purpose:
// it runs on a worker thread, where blocking costs nobody anything.
import { performance } from 'node:perf_hooks';
import { finishAt, foldChunk, type Chunk, type Operation } from '../../operations/operation';
import { Chunker } from './chunk';
import { GeneratedDetector } from '../read/generated';
import { DocumentError } from '../read/document-error';
import type { FileSystem, StatLike } from '../read/fs';
import { nodeFileSystem } from '../read/fs';
import { failedOutcome, skippedOutcome, tooLarge } from '../outcome';
import { openText, skip, streamedBom, textFromBytes, textFromString, type TextSource } from '../read/read';
import { worthSplitting, type Split } from './split';
import { DEFAULT_FILE_LIMITS, type DocJob, type ProcessOptions, type Unchanged } from './job';
import { UNSTATED, type Failed, type FailReason, type Processed, type Skipped, type SkipReason } from '../types';

/** What processing one document ends in, on the thread that did it (a Split is analysed in ranges next). */
export type DocOutcome = Processed | Skipped | Failed | Unchanged | Split;

export function processDocument(
  job: DocJob,
  ops: readonly Operation[],
  options: ProcessOptions,
  fs: FileSystem = nodeFileSystem,
): DocOutcome {
  const started = performance.now();
  let base = { path: job.path, root: job.root, size: job.size, mtimeMs: job.mtimeMs };
  try {
    // A file the walk did not stat is statted once it is open (fstat: cheaper than a
    // stat by path), and measured against the limits discovery would have applied.
    const onStat = (st: StatLike) => {
      base = { ...base, size: st.size, mtimeMs: st.mtimeMs };
      const { maxFileSize, streamLarge } = options.files ?? DEFAULT_FILE_LIMITS;
      const refused = st.isFile() ? tooLarge(st.size, maxFileSize, streamLarge) : undefined;
      if (refused) throw skip('too-large', refused);
    };
    const source = openSource(job, options, fs, job.size === UNSTATED ? onStat : undefined);
    const only = job.ops;
    const wanted = ops.filter((op) => op.accepts(job.path) && (only === undefined || only.includes(op.id)));
    if (wanted.length === 0) return skippedOutcome(base, 'unsupported-type', 'no operation accepts this file');

    // For whole reads the hash is known before any analysis: an unchanged file costs a read and a hash.
    if (job.knownHash !== undefined && !isStreamed(job, base.size, options)) {
      const hash = source.hash();
      if (hash === job.knownHash) return { kind: 'unchanged', ...base, hash };
    }

    // A large UTF-8 file whose operations can all be cut: the caller analyses it in ranges on every thread.
    const bom = streamedBom(source);
    const rangeBytes = options.read.rangeBytes ?? 0;
    if (bom !== undefined && source.encoding === 'utf-8' && worthSplitting(base.size, rangeBytes) && wanted.every((op) => op.splittable)) {
      return { kind: 'split', ...base, bom };
    }

    const partials = wanted.map((op) => op.empty());
    const chunker = new Chunker(options.chunk);
    const feed = (chunks: readonly Chunk[]) => {
      for (const chunk of chunks) {
        for (let i = 0; i < wanted.length; i++) {
          const op = wanted[i]!;
          partials[i] = foldChunk(op, partials[i], chunk);
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
      results[op.id] = finishAt(op, partials[i], base);
    });
    const hash = source.hash();
    return {
      kind: 'processed',
      ...base,
      size: job.text !== undefined || job.bytes !== undefined ? source.size : base.size,
      hash,
      results,
      source: job.text !== undefined || job.bytes !== undefined ? 'memory' : 'disk',
      encoding: source.encoding,
      ms: performance.now() - started,
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

function openSource(job: DocJob, options: ProcessOptions, fs: FileSystem, onStat?: (st: StatLike) => void): TextSource {
  if (job.text !== undefined) return textFromString(job.text);
  if (job.bytes !== undefined) return textFromBytes(job.bytes);
  return onStat ? openText(job.path, options.read, fs, undefined, onStat) : openText(job.path, options.read, fs, { size: job.size });
}

function isStreamed(job: DocJob, size: number, options: ProcessOptions): boolean {
  return job.text === undefined && job.bytes === undefined && size > options.read.wholeThreshold;
}
