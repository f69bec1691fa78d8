// A document could not be read as text. The reader throws these; the worker
// turns them into a Skipped or Failed outcome without further interpretation.
import { errorCode } from './fs';
import type { FailReason, SkipReason } from '../types';

export class DocumentError extends Error {
  constructor(
    readonly outcome: 'skipped' | 'failed',
    readonly reason: SkipReason | FailReason,
    detail: string,
  ) {
    super(detail);
    this.name = 'DocumentError';
  }

  /** The user-facing detail (same as `message`). */
  get detail(): string {
    return this.message;
  }
}

export function skip(reason: SkipReason, detail: string): DocumentError {
  return new DocumentError('skipped', reason, detail);
}

export function fail(reason: FailReason, detail: string): DocumentError {
  return new DocumentError('failed', reason, detail);
}

/**
 * Converts an error thrown by the file-system seam into a DocumentError.
 * A DocumentError passes through unchanged.
 */
export function failureFromError(err: unknown, path: string): DocumentError {
  if (err instanceof DocumentError) return err;
  const code = errorCode(err);
  const syscall =
    typeof err === 'object' && err !== null && 'syscall' in err && typeof err.syscall === 'string'
      ? ` (${err.syscall})`
      : '';
  if (code === undefined) {
    const message = err instanceof Error ? err.message : String(err);
    return fail('io-error', `${message}: ${path}`);
  }
  const detail = `${code}${syscall}: ${path}`;
  switch (code) {
    case 'ENOENT':
      return fail('vanished', detail);
    case 'EACCES':
    case 'EPERM':
      return fail('permission-denied', detail);
    case 'EMFILE':
    case 'ENFILE':
      return fail('too-many-open-files', detail);
    case 'ENAMETOOLONG':
      return fail('name-too-long', detail);
    case 'EISDIR':
      return skip('not-a-file', detail);
    default:
      return fail('io-error', detail);
  }
}
