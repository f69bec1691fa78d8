// Skipped and failed outcomes from anything that knows a document's identity
// (a candidate, a job, an earlier outcome): only the identity is copied.
import { formatBytes } from '../util/units';
import { UNSTATED, type Failed, type FailReason, type Skipped, type SkipReason } from './types';

export interface DocumentIdentity {
  readonly path: string;
  readonly root: string;
  readonly size: number;
  readonly mtimeMs: number;
}

// A document settled before anything statted it (cancelled in the queue, or its
// worker died) reports size and mtime 0, not the UNSTATED marker.
export function skippedOutcome(d: DocumentIdentity, reason: SkipReason, detail: string): Skipped {
  return { kind: 'skipped', path: d.path, root: d.root, size: orZero(d.size), mtimeMs: orZero(d.mtimeMs), reason, detail };
}

export function failedOutcome(d: DocumentIdentity, reason: FailReason, detail: string): Failed {
  return { kind: 'failed', path: d.path, root: d.root, size: orZero(d.size), mtimeMs: orZero(d.mtimeMs), reason, detail };
}

/**
 * The one size rule, for the walk and for a worker measuring a file the walk did
 * not stat: the detail of a 'too-large' skip, or undefined when the file may be read.
 */
export function tooLarge(size: number, maxFileSize: number, streamLarge: boolean): string | undefined {
  return size > maxFileSize && !streamLarge ? tooLargeDetail(size, maxFileSize) : undefined;
}

function tooLargeDetail(size: number, limit: number): string {
  const s = formatBytes(size);
  const l = formatBytes(limit);
  return s === l ? `size ${size} bytes exceeds the ${limit}-byte limit` : `size ${s} exceeds the ${l} limit`;
}

function orZero(n: number): number {
  return n === UNSTATED ? 0 : n;
}
