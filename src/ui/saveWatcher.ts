// Saving a document that has results re-processes just that document. Saves are
// debounced (300 ms) and coalesced: several saves make one run over those files.
import * as vscode from 'vscode';
import type { Controller } from './controller';
import { PathBatch } from './pathBatch';
import { pathOf } from './paths';

export const SAVE_DEBOUNCE_MS = 300;

export class SaveWatcher implements vscode.Disposable {
  private readonly batch: PathBatch;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly controller: Controller) {
    this.batch = new PathBatch(SAVE_DEBOUNCE_MS, (files) => void this.controller.request({ trigger: 'save', files }));
    this.subscription = vscode.workspace.onDidSaveTextDocument((doc) => {
      const p = pathOf(doc.uri);
      if (controller.results.has(p)) this.batch.add(p);
    });
  }

  dispose(): void {
    this.batch.dispose();
    this.subscription.dispose();
  }
}
