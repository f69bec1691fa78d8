// Markers -> the Problems panel. Updates are collected and flushed a few times a
// second, so a run over thousands of documents does not flood the editor.
import * as vscode from 'vscode';
import type { Outcome } from '../engine/index';
import type { AnalyzeResult } from '../operations/analyze';
import type { Controller } from './controller';
import { isUnder, pathOf, uriOf } from './paths';
import { Throttle } from './throttle';

export const DIAGNOSTIC_SOURCE = 'Batch Operations';
/** At most this many diagnostics per file. */
export const MAX_PER_FILE = 1000;
/** Across the workspace: hundreds of thousands of markers would make the Problems panel and the editor crawl. */
export const MAX_TOTAL = 20_000;

export class MarkerDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('batchOperations');
  private readonly pending = new Map<string, Outcome | undefined>();
  private readonly flusher = new Throttle(250, () => this.flush());
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Diagnostics per document (by URI) and in all, for the workspace-wide cap. */
  private readonly counts = new Map<string, number>();
  private total = 0;
  private warnedFull = false;

  constructor(
    private readonly controller: Controller,
    private readonly onFull?: (cap: number) => void,
  ) {
    this.subscriptions.push(
      controller.onDidProcess((o) => this.queue(o.path, o)),
      controller.onDidResetResults(({ removedUnder }) => this.clearUnder(removedUnder)),
      controller.onDidFinishRun(() => this.flusher.flush()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('batchOperations.diagnostics')) this.rebuild();
      }),
    );
  }

  private settings() {
    return this.controller.settings().diagnostics;
  }

  private queue(p: string, o: Outcome | undefined): void {
    this.pending.set(p, o);
    this.flusher.schedule();
  }

  private clearUnder(roots: readonly string[] | undefined): void {
    // Pending updates under these roots are stale too.
    for (const p of [...this.pending.keys()]) if (!roots || roots.some((r) => isUnder(p, r))) this.pending.delete(p);
    const stale: vscode.Uri[] = [];
    this.collection.forEach((uri) => {
      const p = pathOf(uri);
      if (!roots || roots.some((r) => isUnder(p, r))) stale.push(uri);
    });
    for (const uri of stale) {
      this.collection.delete(uri);
      this.total -= this.counts.get(uri.toString()) ?? 0;
      this.counts.delete(uri.toString());
    }
    this.warnedFull = false;
  }

  private flush(): void {
    const { enabled, severity } = this.settings();
    const entries: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
    for (const [p, o] of this.pending) {
      const markers = enabled ? markersOf(o) : [];
      entries.push([uriOf(p), markers.length > 0 ? markers.slice(0, MAX_PER_FILE).map((m) => diagnosticOf(m, severity)) : undefined]);
    }
    this.pending.clear();
    for (const [uri, diags] of entries) {
      const key = uri.toString();
      const before = this.counts.get(key) ?? 0;
      const room = Math.max(0, MAX_TOTAL - (this.total - before));
      const kept = diags ? diags.slice(0, room) : [];
      if (diags && kept.length < diags.length && !this.warnedFull) {
        this.warnedFull = true;
        this.onFull?.(MAX_TOTAL);
      }
      this.total += kept.length - before;
      if (kept.length > 0) {
        this.collection.set(uri, kept);
        this.counts.set(key, kept.length);
      } else {
        this.collection.delete(uri);
        this.counts.delete(key);
      }
    }
  }

  /** After a settings change: all diagnostics again from the known results. */
  rebuild(): void {
    this.collection.clear();
    this.counts.clear();
    this.total = 0;
    this.warnedFull = false;
    this.pending.clear();
    if (!this.settings().enabled) return;
    for (const [p, o] of this.controller.results) this.pending.set(p, o);
    this.flusher.flush();
  }

  dispose(): void {
    this.flusher.dispose();
    this.collection.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

type MarkerLike = AnalyzeResult['markers'][number];

function markersOf(o: Outcome | undefined): readonly MarkerLike[] {
  if (!o || (o.kind !== 'processed' && o.kind !== 'cached')) return [];
  const a = o.results.analyze as AnalyzeResult | undefined;
  return a?.markers ?? [];
}

function diagnosticOf(m: MarkerLike, severity: vscode.DiagnosticSeverity): vscode.Diagnostic {
  const line = Math.max(0, m.line - 1);
  const col = Math.max(0, m.column - 1);
  const range = new vscode.Range(line, col, line, col + m.tag.length);
  const d = new vscode.Diagnostic(range, m.text.trim() || m.tag, severity);
  d.source = DIAGNOSTIC_SOURCE;
  d.code = m.tag;
  return d;
}
