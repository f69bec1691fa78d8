// The window's findings: one FindingsStore every run fills and the Problems panel,
// the Results view, the quick fixes and the figures read; the counts per
// operation; the workspace resolvers kept across runs; the user's severities.
import * as vscode from 'vscode';
import type { Outcome } from '../engine/index';
import { FindingsStore } from '../engine/findings/store';
import type { SeverityOverride } from '../operations/findings';
import type { WorkspaceResolver } from '../operations/operation';
import { FindingCounts } from './decisions/findingGroups';
import { droppedOperations, staleFindingPaths } from './decisions/staleFindings';

export class WindowFindings implements vscode.Disposable {
  /** Kept through a run (the Problems panel does not empty and refill); what a finished run leaves stale is dropped at its end. */
  readonly store: FindingsStore;
  /** Findings per operation, for the status bar and the Run view. */
  readonly counts: FindingCounts;
  /** Workspace-phase resolvers by operation, kept across runs: a saved file re-resolves just what depends on it. */
  readonly resolvers = new Map<string, WorkspaceResolver>();
  private readonly subscription: vscode.Disposable;

  /** @param severities the batchOperations.severity setting, read again when it changes */
  constructor(severities: () => Readonly<Record<string, SeverityOverride>>) {
    this.store = new FindingsStore(severities());
    this.counts = new FindingCounts((p) => this.store.forFile(p));
    // First listener: the views that read the counts hear of a change after them.
    this.store.onDidChange((paths) => this.counts.update(paths));
    this.subscription = vscode.workspace.onDidChangeConfiguration((e) => {
      if (!e.affectsConfiguration('batchOperations.severity') && !e.affectsConfiguration('batchOperations.diagnostics.severity')) return;
      this.store.setSeverities(severities());
      this.store.flush();
    });
  }

  /** Before a run: the findings of operations it does not run (turned off) go. */
  keepOperations(running: readonly string[]): void {
    for (const op of droppedOperations(this.counts.operations(), running)) this.store.deleteOperation(op);
    this.store.flush();
  }

  /**
   * After a run: the documents it covered that it did not analyse (deleted,
   * deselected, now skipped or failed) lose their findings, and the resolvers
   * forget them (links into them are broken now).
   * @param before the documents the run's roots held results for when it started
   */
  dropStale(covered: (path: string) => boolean, before: readonly string[], outcomeOf: (path: string) => Outcome | undefined): void {
    const known = new Set([...before, ...this.store.files()]);
    for (const p of staleFindingPaths(known, covered, outcomeOf)) {
      this.store.delete(p);
      for (const resolver of this.resolvers.values()) resolver.delete(p);
    }
    this.store.flush();
  }

  dispose(): void {
    this.subscription.dispose();
  }
}
