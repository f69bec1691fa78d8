// Which documents' findings a finished run leaves stale: those under the run's
// roots that it did not analyse (deleted, no longer selected) or that ended
// skipped or failed. The store keeps findings through a run (so the Problems
// panel does not empty and refill); the controller drops these at its end.
import type { Outcome } from '../../engine/index';

export function staleFindingPaths(
  withFindings: Iterable<string>,
  coveredByRun: (path: string) => boolean,
  outcomeOf: (path: string) => Outcome | undefined,
): string[] {
  const stale: string[] = [];
  for (const p of withFindings) {
    if (!coveredByRun(p)) continue;
    const kind = outcomeOf(p)?.kind;
    if (kind !== 'processed' && kind !== 'cached') stale.push(p);
  }
  return stale;
}

/** The operations whose findings the store holds but a run no longer runs (turned off): theirs go. */
export function droppedOperations(withFindings: Iterable<string>, running: readonly string[]): string[] {
  return [...withFindings].filter((op) => !running.includes(op));
}
