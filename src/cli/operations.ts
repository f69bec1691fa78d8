// Which operations a command-line run does, and when its findings fail it.
import { builtInOperationIds } from '../operations/registry';
import { SEVERITIES, severityAtLeast, type Finding, type Severity } from '../operations/findings';
import type { Summary } from '../engine/types';

/** `--fail-on`: the lowest severity that fails the run, or none. */
export type FailOn = Severity | 'none';
export const FAIL_ON_VALUES: readonly FailOn[] = [...SEVERITIES, 'none'];

/** Thrown for a bad value; the caller turns it into a usage error. */
export class OperationsUsageError extends Error {}

/** `--ops analyze,links` -> the ids, checked against the known operations; default every built-in one. */
export function parseOperations(text: string | undefined, known: readonly string[] = builtInOperationIds()): string[] {
  if (text === undefined) return [...known];
  const ids = text.split(',').map((s) => s.trim()).filter(Boolean);
  const unknown = ids.filter((id) => !known.includes(id));
  if (ids.length === 0 || unknown.length > 0) {
    throw new OperationsUsageError(`--ops takes comma-separated operations among ${known.join(', ')}, not '${text}'`);
  }
  return [...new Set(ids)];
}

export function parseFailOn(text: string | undefined): FailOn {
  if (text === undefined) return 'error';
  if (!(FAIL_ON_VALUES as readonly string[]).includes(text)) throw new OperationsUsageError(`--fail-on takes one of ${FAIL_ON_VALUES.join(', ')}, not '${text}'`);
  return text as FailOn;
}

/**
 * The exit status: 130 interrupted (143 for a termination, see cli.ts), 1 when a
 * document failed or a finding is at or above `failOn`, else 0.
 */
export function exitStatus(summary: Summary, findings: readonly Finding[], failOn: FailOn): 0 | 1 | 130 {
  if (summary.state === 'cancelled') return 130;
  if (summary.counts.failed > 0) return 1;
  if (failOn !== 'none' && findings.some((f) => severityAtLeast(f.severity, failOn))) return 1;
  return 0;
}
