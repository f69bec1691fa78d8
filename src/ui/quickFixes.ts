// Quick fixes for findings that carry a fix: one per diagnostic under the cursor,
// "Fix all <rule> problems in this file", and source.fixAll.batchOperations for
// editor.codeActionsOnSave. A fix is offered only while the editor's text is the
// text the findings were computed from (decisions/fixes.ts decides; this forwards).
import * as vscode from 'vscode';
import type { Outcome } from '../engine/index';
import type { FindingsStore } from '../engine/findings/store';
import { fixable, fixesFor, keyOfFinding, mergeFixes, sameContent, type FixableFinding } from './decisions/fixes';
import { ruleName, type RulesOf } from './decisions/findingGroups';
import { keyOfDiagnostic } from './diagnostics';
import { pathOf } from './paths';
import { workspaceEditOf } from './ranges';

export const FIX_ALL_KIND = vscode.CodeActionKind.SourceFixAll.append('batchOperations');

/** Every document on disk and unsaved ones; the findings decide whether there is anything to offer. */
export const QUICK_FIX_SELECTOR: vscode.DocumentSelector = [{ scheme: 'file' }, { scheme: 'untitled' }];

export class FindingsCodeActions implements vscode.CodeActionProvider {
  static readonly metadata: vscode.CodeActionProviderMetadata = {
    providedCodeActionKinds: [vscode.CodeActionKind.QuickFix, FIX_ALL_KIND],
  };
  /** The last content check, per document: hashing the whole text once per version. */
  private readonly checked = new Map<string, { version: number; hash: string; same: boolean }>();

  constructor(
    private readonly store: FindingsStore,
    private readonly outcomeOf: (path: string) => Outcome | undefined,
    private readonly rulesOf: RulesOf,
  ) {}

  provideCodeActions(document: vscode.TextDocument, _range: vscode.Range, context: vscode.CodeActionContext): vscode.CodeAction[] {
    const path = pathOf(document.uri);
    const all = fixable(this.store.forFile(path));
    if (all.length === 0 || !this.analysedText(document, path)) return [];
    const wants = (kind: vscode.CodeActionKind) => !context.only || context.only.contains(kind) || kind.contains(context.only);
    const actions: vscode.CodeAction[] = [];
    if (wants(vscode.CodeActionKind.QuickFix)) actions.push(...this.quickFixes(document.uri, all, context.diagnostics));
    if (wants(FIX_ALL_KIND)) {
      const { edits } = mergeFixes(all);
      const action = new vscode.CodeAction(vscode.l10n.t('Fix all Batch Operations problems in this file'), FIX_ALL_KIND);
      action.edit = workspaceEditOf(document.uri, edits);
      actions.push(action);
    }
    return actions;
  }

  private quickFixes(uri: vscode.Uri, all: readonly FixableFinding[], diagnostics: readonly vscode.Diagnostic[]): vscode.CodeAction[] {
    const byKey = new Map<string, vscode.Diagnostic>();
    for (const d of diagnostics) {
      const key = keyOfDiagnostic(d);
      if (key !== undefined) byKey.set(key, d);
    }
    const under = fixesFor(all, new Set(byKey.keys()));
    const actions: vscode.CodeAction[] = [];
    for (const f of under) {
      const action = new vscode.CodeAction(f.fix.description, vscode.CodeActionKind.QuickFix);
      action.edit = workspaceEditOf(uri, f.fix.edits);
      action.diagnostics = [byKey.get(keyOfFinding(f))!];
      action.isPreferred = under.length === 1;
      actions.push(action);
    }
    // One "fix all" per rule under the cursor that has more than one fix in the file.
    const rules = new Map(under.map((f) => [`${f.operation}/${f.rule}`, f] as const));
    for (const [key, f] of rules) {
      const same = all.filter((g) => `${g.operation}/${g.rule}` === key);
      if (same.length < 2) continue;
      const { edits } = mergeFixes(same);
      const action = new vscode.CodeAction(vscode.l10n.t('Fix all {0} problems in this file', ruleName(this.rulesOf, f.operation, f.rule)), vscode.CodeActionKind.QuickFix);
      action.edit = workspaceEditOf(uri, edits);
      actions.push(action);
    }
    return actions;
  }

  /** Whether the editor's text is what the findings were computed from (else a fix could edit the wrong place). */
  private analysedText(document: vscode.TextDocument, path: string): boolean {
    const o = this.outcomeOf(path);
    if (!o || (o.kind !== 'processed' && o.kind !== 'cached')) return false;
    const key = document.uri.toString();
    const last = this.checked.get(key);
    if (last && last.version === document.version && last.hash === o.hash) return last.same;
    const same = sameContent(o.hash, document.getText());
    this.checked.set(key, { version: document.version, hash: o.hash, same });
    if (this.checked.size > 64) this.checked.delete(this.checked.keys().next().value!);
    return same;
  }
}
