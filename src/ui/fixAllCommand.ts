// "Batch: Fix All in Workspace" and "Batch: Fix All in Folder": the window's
// fixable findings as ONE WorkspaceEdit, grouped by rule, each entry needing
// confirmation so VS Code shows its refactor preview; applied as one undoable
// step. decisions/fixAll.ts decides what goes in and what is saved after; this
// reads the editor's state, builds the edit and forwards.
import * as vscode from 'vscode';
import type { Finding, RuleInfo } from '../operations/findings';
import type { Controller } from './controller';
import { appliedFixes, documentsToSave, type AppliedFixes, isAnalysedContent, NOTHING_APPLIED, planFixAll, type CurrentContent, type FixAllPlan } from './decisions/fixAll';
import { fixable } from './decisions/fixes';
import { pathOf, underAny, uriOf } from './paths';
import { rangeOf } from './ranges';
import { fixedText, staleText } from './fixAllText';

/** What the last fix-all built, for tests: each edit with the metadata it was given. */
export interface FixAllRecord {
  readonly plan: FixAllPlan;
  readonly entries: readonly { readonly path: string; readonly newText: string; readonly label: string; readonly needsConfirmation: boolean }[];
  /** Whether the edit was applied (false: refused, or the preview was cancelled). */
  readonly applied: boolean;
  /** The documents saved after it. */
  readonly saved: readonly string[];
  /** What the user applied of the plan (the preview may leave fixes unticked); what the message says. */
  readonly fixed: AppliedFixes;
}

export interface FixAllOptions {
  /** Tests only: apply the same edit without the refactor preview (entries not needing confirmation). */
  readonly skipPreview?: boolean;
  readonly onBuilt?: (record: FixAllRecord) => void;
  /** Only these findings' fixes (default: every fixable finding in scope). */
  readonly only?: (f: Finding) => boolean;
  /** The refactor preview's group of a finding's edits (default: its rule). */
  readonly labelOf?: (f: Finding) => string;
  /**
   * Documents that changed since they were analysed: not patched. Default: analysed
   * again, with a message; a caller that cannot re-derive the fixes by a plain run says what to do instead.
   */
  readonly onStale?: (paths: readonly string[]) => void;
  /** Called before the documents' content is checked (tests change a document here). */
  readonly beforeCheck?: () => Promise<void>;
}

/**
 * Fixes every fixable finding under `roots` (paths). Documents whose content is
 * no longer what was analysed are analysed again instead, with a message.
 */
export async function fixAll(controller: Controller, roots: readonly string[], ruleInfo: (operation: string, rule: string) => RuleInfo | undefined, options: FixAllOptions = {}): Promise<FixAllRecord> {
  const inScope = underAny(roots);
  const findings = options.only ? controller.findings.store.all().filter(options.only) : controller.findings.store.all();
  const candidates = [...new Set(fixable(findings).map((f) => f.file))].filter(inScope);
  await options.beforeCheck?.();
  const open = new Map(vscode.workspace.textDocuments.map((d) => [pathOf(d.uri), d] as const));
  const analysed = new Map<string, boolean>();
  // Each document's text before the edit: what the preview applied is counted against it afterwards.
  const before = new Map<string, string>();
  for (const p of candidates) {
    const o = controller.results.get(p);
    const hash = o && (o.kind === 'processed' || o.kind === 'cached') ? o.hash : undefined;
    const content = await currentContent(p, open.get(p));
    analysed.set(p, isAnalysedContent(hash, content));
    if (content.kind !== 'missing') before.set(p, content.kind === 'buffer' ? content.text : new TextDecoder('utf-8').decode(content.bytes));
  }
  const plan = planFixAll(findings, inScope, (p) => analysed.get(p) === true, ruleInfo, options.labelOf);

  if (plan.stale.length > 0 && options.onStale) {
    options.onStale(plan.stale);
  } else if (plan.stale.length > 0) {
    void vscode.window.showInformationMessage(
      staleText(plan.stale.length, vscode.l10n),
    );
    void controller.request({ trigger: 'fix', files: plan.stale });
  }
  if (plan.documents.length === 0) {
    if (plan.stale.length === 0) void vscode.window.showInformationMessage(vscode.l10n.t('Batch Operations: nothing to fix.'));
    const record: FixAllRecord = { plan, entries: [], applied: false, saved: [], fixed: NOTHING_APPLIED };
    options.onBuilt?.(record);
    return record;
  }

  const dirtyBefore = new Set(vscode.workspace.textDocuments.filter((d) => d.isDirty).map((d) => pathOf(d.uri)));
  // The record shows the edit the command builds (every entry needing confirmation); a test may apply it without the preview.
  const { edit, entries } = buildEdit(plan, true);
  const applying = vscode.workspace.applyEdit(options.skipPreview ? buildEdit(plan, false).edit : edit, { isRefactoring: true });
  // VS Code's Refactor Preview starts every change that needs confirmation unticked: say so while it is open.
  const hint = vscode.window.setStatusBarMessage(vscode.l10n.t('$(check-all) Refactor Preview: tick the fixes to apply, then Apply'), applying);
  const applied = await applying;
  hint.dispose();
  const saved: string[] = [];
  const byPath = new Map(vscode.workspace.textDocuments.map((d) => [pathOf(d.uri), d] as const));
  const counted = applied ? appliedFixes(plan, (p) => before.get(p), (p) => byPath.get(p)?.getText()) : NOTHING_APPLIED;
  // VS Code answers true only when something was applied: a document it did not leave open is then counted as the plan has it.
  const done = applied && counted.documents + counted.partly === 0 ? { documents: plan.documents.length, problems: plan.problems, partly: 0 } : counted;
  if (applied) {
    // The edit opened the documents that were not open, dirty: save those (and the clean ones it changed), never a user's
    // unsaved work. VS Code saves a refactoring's files itself when files.refactoring.autoSave is on: those are clean already.
    for (const batch of documentsToSave(plan.documents.map((d) => d.path), dirtyBefore)) {
      const results = await Promise.all(batch.map(async (p) => (byPath.get(p)?.isDirty && (await byPath.get(p)!.save()) ? p : undefined)));
      saved.push(...results.filter((p): p is string => p !== undefined));
    }
    void vscode.window.showInformationMessage(fixedText(done, vscode.l10n));
  }
  // Discarded, or applied with nothing ticked: VS Code reports false either way.
  else if (!options.skipPreview) void vscode.window.showInformationMessage(vscode.l10n.t('Batch Operations: no fix applied. In the Refactor Preview every fix starts unticked: tick the rules or files to apply, then press Apply.'));
  const record: FixAllRecord = { plan, entries, applied, saved, fixed: done };
  options.onBuilt?.(record);
  return record;
}

function buildEdit(plan: FixAllPlan, needsConfirmation: boolean): { edit: vscode.WorkspaceEdit; entries: FixAllRecord['entries'] } {
  const edit = new vscode.WorkspaceEdit();
  const entries: { path: string; newText: string; label: string; needsConfirmation: boolean }[] = [];
  for (const doc of plan.documents) {
    const uri = uriOf(doc.path);
    for (const { edit: e, label } of doc.edits) {
      edit.replace(uri, rangeOf(e.range), e.newText, { label, needsConfirmation });
      entries.push({ path: doc.path, newText: e.newText, label, needsConfirmation });
    }
  }
  return { edit, entries };
}

/** An open document's buffer, else the file's bytes. */
async function currentContent(path: string, open: vscode.TextDocument | undefined): Promise<CurrentContent> {
  if (open) return { kind: 'buffer', text: open.getText() };
  try {
    return { kind: 'file', bytes: await vscode.workspace.fs.readFile(uriOf(path)) };
  } catch {
    return { kind: 'missing' };
  }
}
