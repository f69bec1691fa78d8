// Saving a document that has results re-processes just that document. Saves are
// debounced (300 ms) and coalesced: several saves make one run over those files.
import * as vscode from 'vscode';
import type { Controller } from './controller';
import { pathOf } from './paths';

export const SAVE_DEBOUNCE_MS = 300;

export class SaveWatcher implements vscode.Disposable {
  private readonly pending = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly subscription: vscode.Disposable;

  constructor(private readonly controller: Controller) {
    this.subscription = vscode.workspace.onDidSaveTextDocument((doc) => {
      const p = pathOf(doc.uri);
      if (!controller.results.has(p)) return;
      this.pending.add(p);
      if (this.timer) clearTimeout(this.timer);
      this.timer = setTimeout(() => this.fire(), SAVE_DEBOUNCE_MS);
    });
  }

  private fire(): void {
    this.timer = undefined;
    const files = [...this.pending];
    this.pending.clear();
    if (files.length > 0) void this.controller.request({ trigger: 'save', files });
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.subscription.dispose();
  }
}
