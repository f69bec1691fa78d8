// "Batch: Review with Language Model" and "Batch: Enhance with Language Model"
// (workspace and folder): choose the model (settings, a QuickPick when several
// match), estimate what would be sent, ask the user (nothing is sent before the
// confirmation), then run the operation through the controller in a run of its
// own (never an ordinary Batch Process run), log each request (never content),
// stop on a model that refuses or vanished, and for Enhance apply the findings'
// fixes with the fix-all machinery (one edit, refactor preview, one undo).
// The operations come as factories (src/operations/review/): this file never
// decides what a prompt or an answer looks like.
import * as fs from 'node:fs';
import * as vscode from 'vscode';
import type { HostOperation, RunReport } from '../../engine/index';
import { fileFilterMatcher } from '../../operations/file-filter';
import type { Finding, RuleInfo } from '../../operations/findings';
import type { ChatModelPort, ModelError, ModelRequestRecord } from '../../operations/review/model';
import type { Controller } from '../controller';
import { chooseModel, documentsToEstimate, lmSettings, requestLogLine, selectorText, type Estimate, type LmConfirmation, type LmSettings } from '../decisions/lm';
import { confirmationOf, noModelMessage, notPatchedText, stopAdvice } from './lmText';
import { fixAll, type FixAllRecord } from '../fixAllCommand';
import { loadEngine } from '../engineLoader';
import { pathOf } from '../paths';
import { dirtyOverrides } from '../sources';
import { candidateOf, VscodeChatModel } from './vscodeModel';

/** What the operations module offers (src/operations/review/), passed in so this glue does not depend on its internals. */
export interface LmOperationFactories {
  createReviewOperation(model: ChatModelPort, options: { concurrency?: number; onStop?: (error: ModelError) => void; onRequest?: (record: ModelRequestRecord) => void }): HostOperation;
  createEnhanceOperation(
    model: ChatModelPort,
    options: { instruction: string; concurrency?: number; onStop?: (error: ModelError) => void; onRequest?: (record: ModelRequestRecord) => void },
  ): HostOperation;
  estimateReview(model: ChatModelPort, documents: { path: string; text: string }[], signal: AbortSignal): Promise<Estimate>;
}

export const REVIEW_ID = 'review';
export const ENHANCE_ID = 'enhance';

/** Tests answer the questions here instead of the user (src/api/testing.ts). */
export interface LmTestHooks {
  /** The confirmation's answer; sees what it would show. */
  confirm?(confirmation: LmConfirmation): boolean | Promise<boolean>;
  /** Enhance's instruction, instead of the QuickPick. */
  readonly instruction?: string;
  /** Which of several models (index), instead of the QuickPick. */
  pickModel?(names: readonly string[]): number | undefined;
  /** Apply Enhance's edit without the refactor preview (its entries are built needing confirmation all the same). */
  readonly skipPreview?: boolean;
  /** Before Enhance checks the documents' content (a test edits one here). */
  beforeCheck?(): Promise<void>;
}

/** What a command did, for tests (and its callers): answered by the command's promise. */
export interface LmCommandResult {
  readonly outcome: 'untrusted' | 'no-folder' | 'no-model' | 'no-documents' | 'declined' | 'stopped' | 'done' | 'cancelled';
  readonly confirmation?: LmConfirmation;
  readonly report?: RunReport;
  readonly stoppedBy?: string;
  readonly fix?: FixAllRecord;
}

export interface LmDeps {
  readonly controller: Controller;
  readonly log: vscode.LogOutputChannel;
  readonly factories: () => LmOperationFactories;
  readonly ruleInfo: (operation: string, rule: string) => RuleInfo | undefined;
  readonly hooks: () => LmTestHooks | undefined;
  /** Every request record, for tests (never content). */
  readonly onRequest?: (record: ModelRequestRecord) => void;
}

function readLmSettings(scope: vscode.Uri | undefined): LmSettings {
  const c = vscode.workspace.getConfiguration('batchOperations.lm', scope);
  return lmSettings({ vendor: c.get('vendor'), family: c.get('family'), maxConcurrentRequests: c.get('maxConcurrentRequests'), instructions: c.get('instructions') });
}

async function chooseInstruction(settings: LmSettings, hooks: LmTestHooks | undefined): Promise<string | undefined> {
  if (hooks?.instruction !== undefined) return hooks.instruction;
  const custom = vscode.l10n.t('Custom…');
  const picked = await vscode.window.showQuickPick([...settings.instructions.map((label) => ({ label })), { label: custom, description: vscode.l10n.t('Type an instruction') }], {
    title: vscode.l10n.t('Enhance with Language Model'),
    placeHolder: vscode.l10n.t('What should the model do to each document?'),
  });
  if (!picked) return undefined;
  if (picked.label !== custom) return picked.label;
  const typed = await vscode.window.showInputBox({ title: vscode.l10n.t('Enhance with Language Model'), prompt: vscode.l10n.t('The instruction the model applies to each document'), validateInput: (v) => (v.trim() === '' ? vscode.l10n.t('Type an instruction') : undefined) });
  return typed?.trim() || undefined;
}

async function chooseChatModel(settings: LmSettings, hooks: LmTestHooks | undefined, log: vscode.LogOutputChannel): Promise<vscode.LanguageModelChat | undefined> {
  const selector: vscode.LanguageModelChatSelector = { ...(settings.vendor ? { vendor: settings.vendor } : {}), ...(settings.family ? { family: settings.family } : {}) };
  let models: vscode.LanguageModelChat[];
  try {
    models = await vscode.lm.selectChatModels(selector);
  } catch (err) {
    log.warn(`language models (${selectorText(settings)}): ${err instanceof Error ? err.message : String(err)}`);
    models = [];
  }
  const choice = chooseModel(models.map(candidateOf));
  if (choice.kind === 'none') {
    log.info(`language models (${selectorText(settings)}): none`);
    void vscode.window.showWarningMessage(noModelMessage(settings, vscode.l10n), vscode.l10n.t('Open Settings')).then((a) => {
      if (a) void vscode.commands.executeCommand('workbench.action.openSettings', 'batchOperations.lm');
    });
    return undefined;
  }
  if (choice.kind === 'one') return models[choice.index];
  if (hooks?.pickModel) {
    const i = hooks.pickModel(choice.items.map((i) => i.label));
    return i === undefined ? undefined : models[i];
  }
  const picked = await vscode.window.showQuickPick(
    choice.items.map((item, index) => ({ ...item, index })),
    { title: vscode.l10n.t('Choose a language model'), placeHolder: vscode.l10n.t('Several models match batchOperations.lm.vendor / family') },
  );
  return picked ? models[picked.index] : undefined;
}

/** The documents under `roots` the operation accepts, with their text (unsaved editor text where there is some). */
async function documentsOf(controller: Controller, roots: readonly vscode.Uri[], accepts: (path: string) => boolean, signal: AbortSignal): Promise<{ path: string; text: string }[]> {
  const engine = loadEngine();
  const settings = controller.settings(roots[0]);
  const found: { path: string }[] = [];
  const fileRoots = roots.filter((r) => r.scheme === 'file').map(pathOf);
  for await (const items of engine.discover(fileRoots, { ...settings.discover, signal })) {
    for (const item of items) if (item.type === 'file') found.push({ path: item.candidate.path });
  }
  const dirty = dirtyOverrides();
  const docs: { path: string; text: string }[] = [];
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (const { path } of documentsToEstimate(found, accepts)) {
    if (signal.aborted) break;
    const open = dirty.get(path);
    if (open !== undefined) {
      docs.push({ path, text: open });
      continue;
    }
    try {
      const bytes = await fs.promises.readFile(path);
      if (bytes.includes(0)) continue;
      docs.push({ path, text: decoder.decode(bytes) });
    } catch {
      // Unreadable or not UTF-8: the run will say why; the estimate leaves it out.
    }
  }
  return docs;
}

/**
 * Review or Enhance over `roots`. Resolves when the command is done (declined, or
 * its run ended, and for Enhance its edit applied or refused).
 */
export async function runLmCommand(kind: 'review' | 'enhance', roots: readonly vscode.Uri[], deps: LmDeps): Promise<LmCommandResult> {
  const { controller, log } = deps;
  const hooks = deps.hooks();
  if (!vscode.workspace.isTrusted) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Batch Operations sends documents to a language model only in a trusted workspace. Trust this workspace first (Manage Workspace Trust).'));
    return { outcome: 'untrusted' };
  }
  if (roots.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Batch Operations: open a folder or workspace to process.'));
    return { outcome: 'no-folder' };
  }
  const settings = readLmSettings(roots[0]);
  let instruction: string | undefined;
  if (kind === 'enhance') {
    instruction = await chooseInstruction(settings, hooks);
    if (!instruction) return { outcome: 'declined' };
  }
  const chat = await chooseChatModel(settings, hooks, log);
  if (!chat) return { outcome: 'no-model' };
  const model = new VscodeChatModel(chat);
  const factories = deps.factories();

  let stoppedBy: ModelError | undefined;
  const onStop = (error: ModelError) => {
    if (stoppedBy) return;
    stoppedBy = error;
    log.warn(`${kind}: stopped by the model (${error.kind}): ${error.message}`);
    controller.cancel();
    const advice = stopAdvice(error.kind, model.info.name, vscode.l10n) ?? vscode.l10n.t('Batch Operations stopped: {0}', error.message);
    void vscode.window.showErrorMessage(advice, vscode.l10n.t('Open Settings')).then((a) => {
      if (a) void vscode.commands.executeCommand('workbench.action.openSettings', 'batchOperations.lm');
    });
  };
  const onRequest = (record: ModelRequestRecord) => {
    log.info(requestLogLine(record));
    deps.onRequest?.(record);
  };
  const common = { concurrency: settings.maxConcurrentRequests, onStop, onRequest };
  const operation = kind === 'review' ? factories.createReviewOperation(model, common) : factories.createEnhanceOperation(model, { ...common, instruction: instruction! });

  // The estimate: counting tokens may itself ask the model's provider (never its chat endpoint).
  const estimate = await vscode.window.withProgress(
    { location: vscode.ProgressLocation.Notification, title: vscode.l10n.t('Batch Operations: estimating what would be sent…'), cancellable: true },
    async (_progress, token) => {
      const abort = new AbortController();
      const sub = token.onCancellationRequested(() => abort.abort());
      try {
        const docs = await documentsOf(controller, roots, fileFilterMatcher(operation.accepts), abort.signal);
        if (abort.signal.aborted) return undefined;
        return { docs: docs.length, estimate: await factories.estimateReview(model, docs, abort.signal) };
      } finally {
        sub.dispose();
      }
    },
  );
  if (!estimate) return { outcome: 'declined' };
  if (estimate.docs === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Batch Operations: no document here for the language model.'));
    return { outcome: 'no-documents' };
  }
  const confirmation = confirmationOf(kind, candidateOf(chat), estimate.estimate, instruction, vscode.l10n);
  const send = vscode.l10n.t('Send to {0}', model.info.name);
  const confirmed = hooks?.confirm ? await hooks.confirm(confirmation) : (await vscode.window.showInformationMessage(confirmation.message, { modal: true, detail: confirmation.detail }, send)) === send;
  log.info(
    `${kind}: ${confirmed ? 'confirmed' : 'declined'}: model ${model.info.id}, ${confirmation.documents} documents, about ${confirmation.tokens} tokens in ${confirmation.requests} requests${instruction ? `, instruction ${JSON.stringify(instruction)}` : ''}`,
  );
  if (!confirmed) return { outcome: 'declined', confirmation };

  controller.onDemandOperations.add(operation.id);
  let report: RunReport;
  try {
    report = await controller.requestReport({ trigger: 'lm', roots, operations: [operation.id], hostOperations: [operation], label: kind });
  } catch {
    return { outcome: 'cancelled', confirmation, ...(stoppedBy ? { stoppedBy: stoppedBy.kind } : {}) };
  }
  if (stoppedBy) return { outcome: 'stopped', confirmation, report, stoppedBy: stoppedBy.kind };
  if (report.summary.state === 'cancelled') return { outcome: 'cancelled', confirmation, report };
  const findings = controller.findings.store.all().filter((f) => f.operation === operation.id);
  const failed = report.summary.counts.failed;
  if (kind === 'review') {
    void vscode.window.showInformationMessage(reviewSummary(findings.length, failed));
    return { outcome: 'done', confirmation, report };
  }
  const fix = await applyEnhance(deps, roots, operation.id, hooks);
  return { outcome: 'done', confirmation, report, fix };
}

/** What a review found, and how many documents failed, as the notification says it. */
function reviewSummary(findings: number, failed: number): string {
  const found =
    findings === 0
      ? vscode.l10n.t('Review: no findings.')
      : findings === 1
        ? vscode.l10n.t('Review: 1 finding, in the Problems panel and the Results view.')
        : vscode.l10n.t('Review: {0} findings, in the Problems panel and the Results view.', findings);
  if (failed === 0) return found;
  return `${found} ${failed === 1 ? vscode.l10n.t('1 document failed (see the Results view).') : vscode.l10n.t('{0} documents failed (see the Results view).', failed)}`;
}

/** Enhance's suggestions as one edit (grouped per file, each entry needing confirmation, one undo); documents changed since are not patched. */
async function applyEnhance(deps: LmDeps, roots: readonly vscode.Uri[], operation: string, hooks: LmTestHooks | undefined): Promise<FixAllRecord> {
  const { controller } = deps;
  const folders = vscode.workspace.workspaceFolders ?? [];
  const labelOf = (f: Finding) => vscode.workspace.asRelativePath(f.file, folders.length > 1);
  const record = await fixAll(controller, roots.map(pathOf), deps.ruleInfo, {
    only: (f) => f.operation === operation,
    labelOf,
    skipPreview: hooks?.skipPreview ?? false,
    ...(hooks?.beforeCheck ? { beforeCheck: hooks.beforeCheck } : {}),
    onStale: (paths) => {
      deps.log.info(`enhance: not patched (changed since the model saw them): ${paths.join(', ')}`);
      void vscode.window.showWarningMessage(notPatchedText(paths.length, vscode.l10n));
    },
  });
  // Applied: the suggestions describe text that is gone. Refused or previewed away: they stay, as quick fixes.
  if (record.applied) {
    controller.findings.store.deleteOperation(operation);
    controller.findings.store.flush();
  }
  return record;
}
