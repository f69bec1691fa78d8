// Findings -> the Problems panel. The store says which documents changed; only
// those are rebuilt, a few times a second (less often while a big run goes:
// problemsFlushMs), in slices of about 10 ms so a run over thousands of documents
// never holds the extension host. What is shown under the
// caps is decided in decisions/problemsPlan.ts; this file only forwards.
import * as vscode from 'vscode';
import type { FindingsStore } from '../engine/findings/store';
import type { Finding } from '../operations/findings';
import type { Controller } from './controller';
import { findingKey } from './decisions/fixes';
import { ruleInfo, type RulesOf } from './decisions/findingGroups';
import { PROBLEMS_LIMITS, ProblemsPlan, problemsFlushMs } from './decisions/problemsPlan';
import { problemSeverityOf } from './decisions/problemSeverity';
import { uriOf } from './paths';
import { rangeOf, textRangeOf } from './ranges';
import { readSetting } from './settings';
import { Throttle } from './throttle';

export const { maxPerFile: MAX_PER_FILE, maxTotal: MAX_TOTAL } = PROBLEMS_LIMITS;

export class FindingsDiagnostics implements vscode.Disposable {
  private readonly collection = vscode.languages.createDiagnosticCollection('batchOperations');
  private readonly plan: ProblemsPlan;
  private readonly flusher: Throttle;
  private readonly subscriptions: vscode.Disposable[] = [];
  /** The rest of a flush that used up its time slice. */
  private continuation: ReturnType<typeof setImmediate> | undefined;

  constructor(
    controller: Controller,
    private readonly store: FindingsStore,
    private readonly rulesOf: RulesOf,
    private readonly onFull?: (cap: number) => void,
  ) {
    this.plan = new ProblemsPlan((p) => store.forFile(p), () => performance.now());
    this.flusher = new Throttle(() => problemsFlushMs(this.plan.shownTotal, controller.isRunning), () => this.flush());
    const unlisten = store.onDidChange((paths) => {
      this.plan.queue(paths);
      this.flusher.schedule();
    });
    this.subscriptions.push(
      { dispose: unlisten },
      controller.onDidStart(() => this.plan.rearmCapWarning()),
      controller.onDidFinishRun(() => this.flusher.flush()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('batchOperations.diagnostics.enabled')) this.rebuild();
      }),
    );
    // Findings the store already holds (an editor reload keeps none, but a late start may).
    this.rebuild();
  }

  /** Every document again, from the store. */
  rebuild(): void {
    this.plan.queueAll(this.store.files());
    this.flusher.flush();
  }

  /**
   * Sends the next slice of updates in one message to the window, and schedules
   * the rest after the event loop has turned.
   */
  private flush(): void {
    if (this.continuation) {
      clearImmediate(this.continuation);
      this.continuation = undefined;
    }
    const slice = this.plan.next(readSetting('diagnostics.enabled'));
    if (slice.reachedTotalCap) this.onFull?.(MAX_TOTAL);
    if (slice.updates.length > 0) {
      this.collection.set(slice.updates.map((u) => [uriOf(u.path), u.shown.length > 0 ? u.shown.map((f) => this.diagnosticOf(f)) : undefined]));
    }
    if (slice.more) {
      this.continuation = setImmediate(() => {
        this.continuation = undefined;
        this.flush();
      });
    }
  }

  private diagnosticOf(f: Finding): vscode.Diagnostic {
    const d = new vscode.Diagnostic(rangeOf(f.range), f.message, problemSeverityOf(f.severity) as number as vscode.DiagnosticSeverity);
    d.source = f.operation;
    const help = ruleInfo(this.rulesOf, f.operation, f.rule)?.helpUri;
    d.code = help ? { value: f.rule, target: vscode.Uri.parse(help) } : f.rule;
    if (f.related && f.related.length > 0) {
      d.relatedInformation = f.related.map(
        (r) => new vscode.DiagnosticRelatedInformation(new vscode.Location(uriOf(r.file), r.range ? rangeOf(r.range) : new vscode.Position(0, 0)), r.message ?? ''),
      );
    }
    return d;
  }

  dispose(): void {
    if (this.continuation) clearImmediate(this.continuation);
    this.flusher.dispose();
    this.collection.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** The key decisions/fixes.ts gives the finding a diagnostic of ours was made from. */
export function keyOfDiagnostic(d: vscode.Diagnostic): string | undefined {
  if (typeof d.source !== 'string') return undefined;
  const code = typeof d.code === 'object' ? d.code.value : d.code;
  if (code === undefined) return undefined;
  return findingKey(d.source, String(code), textRangeOf(d.range), d.message);
}
