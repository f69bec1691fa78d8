// Markers -> the Problems panel. Updates are collected and flushed a few times a
// second, so a run over thousands of documents does not flood the editor.
import * as vscode from 'vscode';
import type { Outcome } from '../engine/index';
import type { AnalyzeResult } from '../operations/analyze';
import type { Controller } from './controller';
import { underAny, uriOf } from './paths';
import { Throttle } from './throttle';

export const DIAGNOSTIC_SOURCE = 'Batch Operations';
/** At most this many diagnostics per file. */
export const MAX_PER_FILE = 1000;
/** Across the workspace: hundreds of thousands of markers would make the Problems panel and the editor crawl. */
export const MAX_TOTAL = 20_000;
/** A flush hands the extension host back after about this long. */
const FLUSH_SLICE_MS = 10;

export class MarkerDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('batchOperations');
  private readonly pending = new Map<string, Outcome | undefined>();
  private readonly flusher = new Throttle(250, () => this.flush());
  private readonly subscriptions: vscode.Disposable[] = [];
  /** What is shown, by path: the document's URI and how many diagnostics (for the workspace-wide cap). */
  private readonly shown = new Map<string, { readonly uri: vscode.Uri; readonly count: number }>();
  private total = 0;
  private warnedFull = false;
  /**
   * Paths a workspace run may leave stale: shown under its roots when it started
   * and not reported by it yet. Whatever is left when it ends is removed. Until
   * then they stay, so the Problems panel does not empty and refill on every run.
   */
  private unseen: Set<string> | undefined;
  /** A finished run's sweep waits until everything it reported is flushed. */
  private sweepWhenFlushed = false;
  /** The rest of a flush that used up its time slice. */
  private continuation: ReturnType<typeof setImmediate> | undefined;

  constructor(
    private readonly controller: Controller,
    private readonly onFull?: (cap: number) => void,
  ) {
    this.subscriptions.push(
      controller.onDidProcess((o) => this.queue(o.path, o)),
      controller.onDidResetResults(({ removedUnder }) => this.startOver(removedUnder)),
      controller.onDidFinishRun(() => {
        this.sweepWhenFlushed = true;
        this.flusher.flush();
      }),
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

  private startOver(roots: readonly string[] | undefined): void {
    // The previous run's sweep, if its flush has not got there yet: its leftovers must not mix with this run's.
    if (this.sweepWhenFlushed) {
      this.sweepWhenFlushed = false;
      this.sweep();
    }
    const under = roots ? underAny(roots) : () => true;
    // Pending updates under these roots are stale too.
    for (const p of [...this.pending.keys()]) if (under(p)) this.pending.delete(p);
    this.unseen ??= new Set();
    for (const p of this.shown.keys()) if (under(p)) this.unseen.add(p);
    this.warnedFull = false;
  }

  /** Removes what the finished run did not report (deleted files, files no longer selected). */
  private sweep(): void {
    const unseen = this.unseen;
    this.unseen = undefined;
    if (!unseen || unseen.size === 0) return;
    const removed: [vscode.Uri, undefined][] = [];
    for (const p of unseen) {
      const was = this.shown.get(p);
      if (!was) continue;
      removed.push([was.uri, undefined]);
      this.total -= was.count;
      this.shown.delete(p);
    }
    if (removed.length > 0) this.collection.set(removed);
  }

  /**
   * Sends what arrived since the last flush: one message to the window, and none
   * for a document with no markers and nothing shown (most of them). Works for at
   * most about FLUSH_SLICE_MS (reading results is the cost) and goes on after the
   * event loop has turned.
   */
  private flush(): void {
    if (this.continuation) {
      clearImmediate(this.continuation);
      this.continuation = undefined;
    }
    const { enabled, severity } = this.settings();
    const changes: [vscode.Uri, vscode.Diagnostic[] | undefined][] = [];
    const started = performance.now();
    let n = 0;
    for (const [p, o] of this.pending) {
      if ((++n & 127) === 0 && performance.now() - started > FLUSH_SLICE_MS) break;
      this.pending.delete(p);
      this.unseen?.delete(p);
      const markers = enabled ? markersOf(o) : [];
      const was = this.shown.get(p);
      if (markers.length === 0 && !was) continue;
      const before = was?.count ?? 0;
      const room = Math.max(0, MAX_TOTAL - (this.total - before));
      const wanted = Math.min(markers.length, MAX_PER_FILE);
      const kept = Math.min(wanted, room);
      if (kept < wanted && !this.warnedFull) {
        this.warnedFull = true;
        this.onFull?.(MAX_TOTAL);
      }
      this.total += kept - before;
      const uri = was?.uri ?? uriOf(p);
      if (kept > 0) {
        changes.push([uri, markers.slice(0, kept).map((m) => diagnosticOf(m, severity))]);
        this.shown.set(p, { uri, count: kept });
      } else {
        changes.push([uri, undefined]);
        this.shown.delete(p);
      }
    }
    if (changes.length > 0) this.collection.set(changes);
    if (this.pending.size > 0) {
      this.continuation = setImmediate(() => {
        this.continuation = undefined;
        this.flush();
      });
    } else if (this.sweepWhenFlushed) {
      this.sweepWhenFlushed = false;
      this.sweep();
    }
  }

  /** After a settings change: all diagnostics again from the known results. */
  rebuild(): void {
    this.collection.clear();
    this.shown.clear();
    this.total = 0;
    this.warnedFull = false;
    this.pending.clear();
    if (!this.settings().enabled) return;
    for (const [p, o] of this.controller.results) this.pending.set(p, o);
    this.flusher.flush();
  }

  dispose(): void {
    if (this.continuation) clearImmediate(this.continuation);
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
