// Skipped and failed outcomes from anything that knows a document's identity
// (a candidate, a job, an earlier outcome): only the identity is copied.
import type { Failed, FailReason, Skipped, SkipReason } from './types';

export interface DocumentIdentity {
  readonly path: string;
  readonly root: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export function skippedOutcome(d: DocumentIdentity, reason: SkipReason, detail: string): Skipped {
  return { kind: 'skipped', path: d.path, root: d.root, size: d.size, mtimeMs: d.mtimeMs, reason, detail };
}

export function failedOutcome(d: DocumentIdentity, reason: FailReason, detail: string): Failed {
  return { kind: 'failed', path: d.path, root: d.root, size: d.size, mtimeMs: d.mtimeMs, reason, detail };
}
