// One byte range of a large file, on a worker: what lets one huge document use
// every worker thread instead of one. The engine's thread cuts the file into
// nominal ranges; each range owns the text from the first line start at or after
// its nominal start to the first line start at or after its nominal end, so the
// owned texts tile the file, and every range starts at a line start: a UTF-8
// character, a "\r\n" and the generated-file check's line state are never cut.
// Only operations that are `splittable` are run this way (see operation.ts).
//
// The file's content hash stays the SHA-1 of its bytes: one more job reads the
// whole file in order and hashes it (about 0.7 ns a byte), next to the ranges.
import * as crypto from 'node:crypto';
import { foldChunk, type Chunk, type Operation } from '../../operations/operation';
import { StreamDecoder } from '../read/decode';
import { DocumentError, failureFromError } from '../read/document-error';
import { changed, closeQuietly, openWithRetry } from '../read/read';
import { nodeFileSystem, type FileSystem } from '../read/fs';
import { GeneratedDetector, type GeneratedVerdict } from '../read/generated';
import type { ProcessOptions } from './job';
import type { FailReason, SkipReason } from '../types';

export interface RangeJob {
  readonly path: string;
  /** The file's size when it was split: any other size fails 'changed-while-reading'. */
  readonly size: number;
  /** Nominal byte offsets [from, to); see the header for what the range owns. */
  readonly from: number;
  readonly to: number;
  /** 'map': analyse the owned text; 'hash': the SHA-1 of the whole file (from and to unused). */
  readonly mode: 'map' | 'hash';
  /** Bytes of a byte order mark at the file's start, left out of the text. */
  readonly bom: number;
}

export type RangeOutcome =
  | {
      readonly kind: 'mapped';
      /** Per wanted operation, in the order given: the combination of the range's partials. */
      readonly partials: unknown[];
      /** "\n" characters in the owned text: where the next range's lines start. */
      readonly newlines: number;
      /** The first generated-file verdict in the range, its line counted from the range's first line. */
      readonly generated?: GeneratedVerdict;
    }
  | { readonly kind: 'hashed'; readonly hash: string }
  | { readonly kind: 'error'; readonly outcome: 'skipped' | 'failed'; readonly reason: SkipReason | FailReason; readonly detail: string };

/** What a range needs of the run's ProcessOptions: read sizes, the open's back-off, the generated-file limits. */
export type RangeOptions = Pick<ProcessOptions, 'read' | 'generated'>;

/** How far a range looks at a time for the line start that bounds it. */
const PROBE_BYTES = 64 * 1024;
const LF = 10;
/** Bytes decoded and mapped at a time (below V8's large-object size). */
const PIECE_BYTES = 64 * 1024;

/** @param ops the run's operations; those that accept the file are run (as processDocument does) */
export function processRange(
  job: RangeJob,
  ops: readonly Operation[],
  options: RangeOptions,
  fs: FileSystem = nodeFileSystem,
): RangeOutcome {
  let fd: number | undefined;
  try {
    fd = openWithRetry(fs, job.path, options.read.retryBudgetMs ?? 1000);
    expectSize(fs, fd, job);
    const wanted = ops.filter((op) => op.accepts(job.path));
    const outcome = job.mode === 'hash' ? hashAll(fs, fd, job, options) : mapRange(fs, fd, job, wanted, options);
    expectSize(fs, fd, job);
    return outcome;
  } catch (err) {
    const e = err instanceof DocumentError ? err : failureFromError(err, job.path);
    return { kind: 'error', outcome: e.outcome, reason: e.reason, detail: e.message };
  } finally {
    if (fd !== undefined) closeQuietly(fs, fd);
  }
}

function expectSize(fs: FileSystem, fd: number, job: RangeJob): void {
  const now = fs.fstat(fd).size;
  if (now !== job.size) throw changed(job.path, job.size, now, 'while streamed');
}

function hashAll(fs: FileSystem, fd: number, job: RangeJob, options: RangeOptions): RangeOutcome {
  const hasher = crypto.createHash('sha1');
  const buf = Buffer.allocUnsafe(options.read.chunkBytes);
  let pos = 0;
  while (pos < job.size) {
    const n = fs.read(fd, buf, 0, Math.min(buf.length, job.size - pos), pos);
    if (n === 0) break;
    hasher.update(buf.subarray(0, n));
    pos += n;
  }
  if (pos !== job.size) throw changed(job.path, job.size, pos, 'while streamed');
  return { kind: 'hashed', hash: hasher.digest('hex') };
}

/** The offset just past the first "\n" in [at, limit); -1 when there is none. */
export function lineStartFrom(fs: FileSystem, fd: number, at: number, limit: number, probe: Buffer): number {
  let pos = at;
  while (pos < limit) {
    const n = fs.read(fd, probe, 0, Math.min(probe.length, limit - pos), pos);
    if (n === 0) break;
    const i = probe.subarray(0, n).indexOf(LF);
    if (i >= 0) return pos + i + 1;
    pos += n;
  }
  return -1;
}

function mapRange(fs: FileSystem, fd: number, job: RangeJob, ops: readonly Operation[], options: RangeOptions): RangeOutcome {
  const probe = Buffer.allocUnsafe(PROBE_BYTES);
  const partials = ops.map((op) => op.empty());
  // No line starts in [from, to): the line that covers it belongs to an earlier range,
  // so this one owns nothing (and need not look for the line's end: a one-line file
  // would have every range read to its end).
  const start = job.from <= 0 ? job.bom : lineStartFrom(fs, fd, job.from, job.to, probe);
  if (start < 0) return { kind: 'mapped', partials, newlines: 0 };
  const next = job.to >= job.size ? job.size : lineStartFrom(fs, fd, job.to, job.size, probe);
  const end = next < 0 ? job.size : next;
  const detector = new GeneratedDetector(options.generated);
  const decoder = new StreamDecoder('utf-8', start);
  const buf = Buffer.allocUnsafe(options.read.chunkBytes);
  let offset = 0;
  /** line: of the piece's first character, taken before the detector counts the piece's own newlines. */
  const feed = (text: string, line: number, last: boolean) => {
    if (text.length === 0) return;
    // Splittable operations read only the owned text: each decoded piece is a chunk
    // of its own, with offsets and lines counted from the range's start.
    const chunk: Chunk = { text, start: offset, end: offset + text.length, overlap: 0, line, last };
    offset += text.length;
    for (let i = 0; i < ops.length; i++) partials[i] = foldChunk(ops[i]!, partials[i], chunk);
  };
  let pos = start;
  while (pos < end) {
    const n = fs.read(fd, buf, 0, Math.min(buf.length, end - pos), pos);
    if (n === 0) throw changed(job.path, job.size, pos, 'while streamed');
    pos += n;
    // Decoded in small pieces: a string that large is allocated straight into the old
    // generation and lingers until a full collection; these die young.
    for (let at = 0; at < n; at += PIECE_BYTES) {
      const text = decoder.push(buf.subarray(at, Math.min(n, at + PIECE_BYTES)));
      const line = detector.newlines + 1;
      const verdict = detector.check(text);
      if (verdict) return { kind: 'mapped', partials, newlines: 0, generated: verdict };
      feed(text, line, false);
    }
  }
  const rest = decoder.end();
  const line = detector.newlines + 1;
  const verdict = detector.check(rest);
  if (verdict) return { kind: 'mapped', partials, newlines: 0, generated: verdict };
  feed(rest, line, true);
  return { kind: 'mapped', partials, newlines: detector.newlines };
}
