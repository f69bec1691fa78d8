// Wiring only: creates the editor pieces over the batch engine and registers the
// commands. The engine itself (dist/engine.js) is loaded at the first run.
import * as vscode from 'vscode';
import type { BatchOperationsExtension } from '../api/batch-operations';
import { createExtensionExports } from './api/api';
import { OperationRegistrations } from './api/registrations';
import { TESTING, type BatchOperationsTesting } from './api/testing';
import { CacheStore } from './ui/cacheStore';
import { Controller, type Trigger } from './ui/controller';
import type { RulesOf } from './ui/decisions/findingGroups';
import { FindingsDiagnostics } from './ui/diagnostics';
import { exportReport } from './ui/exportReport';
import { createLog } from './ui/log';
import { logNoticesOnce } from './ui/notices';
import { isUnder, pathOf } from './ui/paths';
import { watchFocus } from './ui/priority';
import { FindingsCodeActions, QUICK_FIX_SELECTOR } from './ui/quickFixes';
import { openLocation, OPEN_COMMAND, ResultsTreeProvider, type Grouping } from './ui/resultsTree';
import { RunTreeProvider, runRows } from './ui/runTree';
import { SaveWatcher } from './ui/saveWatcher';
import { fixAll, type FixAllRecord } from './ui/fixAllCommand';
import { loadEngine } from './ui/engineLoader';
import { ConfigWatcher } from './ui/configWatcher';
import { showStatistics } from './ui/statistics';
import { BatchStatusBar } from './ui/statusBar';
import { runLmCommand, type LmTestHooks } from './ui/lm/lmCommands';
import type { ModelRequestRecord } from './operations/review/model';
// The language-model operations (review, enhance) and their estimate: engine code, handed to the editor glue.
import * as lmOperations from './operations/review/index';

/** How long after activation the engine's code is loaded (the editor is usually idle by then). */
const ENGINE_PRELOAD_MS = 1500;

export function activate(context: vscode.ExtensionContext): BatchOperationsExtension {
  const log = createLog();
  const controller = new Controller(new CacheStore(context, log), log);
  const registrations = new OperationRegistrations(() => loadEngine().builtInOperationIds());
  controller.registrations = registrations;
  // Names and help links of each operation's rules: a registered operation's own, else from the engine bundle (loaded by then: findings come from runs).
  const rulesOf: RulesOf = (operation) => registrations.get(operation)?.rules ?? loadEngine().operationRules(operation);
  const runTree = new RunTreeProvider(controller);
  const resultsTree = new ResultsTreeProvider(controller, rulesOf);
  const statusBar = new BatchStatusBar(controller);
  const setContext = (key: string, value: boolean) => void vscode.commands.executeCommand('setContext', key, value);

  const folders = () => (vscode.workspace.workspaceFolders ?? []).map((f) => f.uri);
  const processWorkspace = (trigger: Trigger) => {
    const roots = folders();
    if (roots.length === 0) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Batch Operations: open a folder or workspace to process.'));
      return;
    }
    // The status bar says "starting" before the run's set-up takes this thread; a timer lets that update go out first.
    statusBar.showStarting();
    return new Promise<void>((resolve) => setTimeout(resolve, 0)).then(() => controller.request({ trigger, roots }));
  };
  // The engine's code loads when the editor is idle after activation, not at the first command (activation stays light).
  const preload = setTimeout(() => {
    try {
      loadEngine();
    } catch {
      // Loaded again at the first command, which reports the error.
    }
  }, ENGINE_PRELOAD_MS);
  preload.unref?.();
  context.subscriptions.push({ dispose: () => clearTimeout(preload) });
  const command = (id: string, fn: (...args: unknown[]) => unknown) => vscode.commands.registerCommand(id, fn);
  // Fix all: rule names and descriptions (the labels of the refactor preview's groups) from the engine's registry.
  const fixRuleInfo = (operation: string, rule: string) => rulesOf(operation).find((r) => r.id === rule);
  let fixAllTesting: { skipPreview: boolean; last?: FixAllRecord } = { skipPreview: false };
  const runFixAll = (roots: readonly string[]) =>
    fixAll(controller, roots, fixRuleInfo, { skipPreview: fixAllTesting.skipPreview, onBuilt: (r) => (fixAllTesting.last = r) });
  // Review / Enhance with Language Model: only ever run by their own commands (see src/ui/lm/lmCommands.ts).
  let lmHooks: LmTestHooks | undefined;
  const lmRequests: ModelRequestRecord[] = [];
  const lmDeps = {
    controller,
    log,
    factories: () => lmOperations,
    ruleInfo: fixRuleInfo,
    hooks: () => lmHooks,
    onRequest: (r: ModelRequestRecord) => {
      if (context.extensionMode !== vscode.ExtensionMode.Production) lmRequests.push(r);
    },
  };
  const selectedFolders = (uri: unknown, uris: unknown) =>
    (Array.isArray(uris) && uris.length > 0 ? uris : uri ? [uri] : []).filter((u): u is vscode.Uri => u instanceof vscode.Uri);
  const GROUPING_KEY = 'batchOperations.resultsGrouping';
  const groupBy = (grouping: Grouping) => {
    resultsTree.setGrouping(grouping);
    setContext('batchOperations.groupByRule', grouping === 'rule');
    void context.workspaceState.update(GROUPING_KEY, grouping);
  };
  groupBy(context.workspaceState.get<Grouping>(GROUPING_KEY) === 'rule' ? 'rule' : 'file');

  context.subscriptions.push(
    log,
    controller,
    runTree,
    resultsTree,
    statusBar,
    new FindingsDiagnostics(controller, controller.findings.store, rulesOf, (cap) =>
      log.warn(`more than ${cap} findings: the Problems panel shows ${cap} (the most severe first); the Results view and the report list them all`),
    ),
    vscode.languages.registerCodeActionsProvider(QUICK_FIX_SELECTOR, new FindingsCodeActions(controller.findings.store, (p) => controller.results.get(p), rulesOf), FindingsCodeActions.metadata),
    new SaveWatcher(controller),
    new ConfigWatcher(controller),
    vscode.window.createTreeView('batchOperations.run', { treeDataProvider: runTree }),
    vscode.window.createTreeView('batchOperations.results', { treeDataProvider: resultsTree, showCollapseAll: true }),
    watchFocus((p) => controller.bump(p)),
    controller.onDidChangeState((state) => {
      setContext('batchOperations.running', state === 'running' || state === 'paused');
      setContext('batchOperations.paused', state === 'paused');
    }),
    controller.onDidFinishRun(() => setContext('batchOperations.hasResults', controller.results.size > 0)),
    logNoticesOnce(controller.onDidFinishRun, log),
    command('batchOperations.processWorkspace', () => processWorkspace('palette')),
    command('batchOperations.runFromStatistics', () => processWorkspace('statusBar')),
    command('batchOperations.processFolder', (uri, uris) => {
      const selected = Array.isArray(uris) && uris.length > 0 ? uris : uri ? [uri] : [];
      const roots = selected.filter((u): u is vscode.Uri => u instanceof vscode.Uri);
      if (roots.length === 0) return processWorkspace('explorer');
      // A folder inside another selected folder is walked once, with its parent.
      const paths = roots.map(pathOf);
      const outer = roots.filter((_, i) => !paths.some((p, j) => j !== i && p !== paths[i] && isUnder(paths[i]!, p)));
      return controller.request({ trigger: 'explorer', roots: outer });
    }),
    command('batchOperations.cancel', () => controller.cancel()),
    command('batchOperations.pause', () => controller.pause()),
    command('batchOperations.resume', () => controller.resume()),
    command('batchOperations.exportReport', (format, target) => exportReport(controller, log, format, target, rulesOf)),
    command('batchOperations.clearCache', () => {
      controller.clearCache();
      void vscode.window.showInformationMessage(vscode.l10n.t('Batch cache cleared.'));
    }),
    command('batchOperations.fixAllWorkspace', () => runFixAll(folders().map(pathOf))),
    command('batchOperations.fixAllFolder', (uri, uris) => {
      const selected = (Array.isArray(uris) && uris.length > 0 ? uris : uri ? [uri] : []).filter((u): u is vscode.Uri => u instanceof vscode.Uri);
      return runFixAll(selected.length > 0 ? selected.map(pathOf) : folders().map(pathOf));
    }),
    command('batchOperations.reviewWorkspace', () => runLmCommand('review', folders(), lmDeps)),
    command('batchOperations.reviewFolder', (uri, uris) => {
      const selected = selectedFolders(uri, uris);
      return runLmCommand('review', selected.length > 0 ? selected : folders(), lmDeps);
    }),
    command('batchOperations.enhanceWorkspace', () => runLmCommand('enhance', folders(), lmDeps)),
    command('batchOperations.enhanceFolder', (uri, uris) => {
      const selected = selectedFolders(uri, uris);
      return runLmCommand('enhance', selected.length > 0 ? selected : folders(), lmDeps);
    }),
    command('batchOperations.groupByRule', () => groupBy('rule')),
    command('batchOperations.groupByFile', () => groupBy('file')),
    command('batchOperations.showStatistics', (action) => showStatistics(controller, log, action)),
    command(OPEN_COMMAND, (p, line, column) => (typeof p === 'string' ? openLocation(p, line as number | undefined, column as number | undefined) : undefined)),
  );

  const exports = createExtensionExports({
    registrations,
    run: ({ roots, operations, label }) => {
      const targets = roots ?? folders();
      if (targets.length === 0) return Promise.reject(new Error(vscode.l10n.t('Batch Operations: open a folder or workspace to process.')));
      return controller.requestReport({ trigger: 'api', roots: targets, label, ...(operations ? { operations } : {}) });
    },
    onDidFinishRun: controller.onDidFinishRun,
    onDidProcess: controller.onDidProcess,
    results: () => controller.results,
    findings: () => controller.findings.store,
    forgetOperation: (id) => controller.forgetOperation(id),
    checkModule: (modulePath, id) => {
      const mod = require(modulePath) as { operations?: Record<string, unknown> };
      if (typeof mod.operations?.[id] !== 'function') throw new Error(vscode.l10n.t('{0} exports no operation "{1}" (exports.operations.{1} must be a factory function)', modulePath, id));
    },
  });
  // The tests' entry: under a symbol, and never in an installed extension (see src/api/testing.ts).
  if (context.extensionMode !== vscode.ExtensionMode.Production) {
    const testing: BatchOperationsTesting = {
      onDidFinishRun: controller.onDidFinishRun,
      onDidStartRun: controller.onDidStart,
      onDidProcess: controller.onDidProcess,
      onDidProgress: controller.onDidProgress,
      onDidChangeState: controller.onDidChangeState,
      lastReport: () => controller.lastRun?.report,
      treeSnapshot: () => ({ run: runRows(controller).map(({ label, description }) => ({ label, description })), results: resultsTree.snapshot() }),
      statusBarText: () => statusBar.text,
      statusBarTooltip: () => statusBar.tooltipText,
      isRunning: () => controller.isRunning,
      state: () => controller.currentState,
      processWorkspace: async () => processWorkspace('api'),
      setConcurrency: (value) => {
        controller.overrides = value === undefined ? {} : { concurrency: value };
      },
      answerPrompt: (choice) => {
        controller.promptAnswer = choice;
      },
      simulateReload: () => controller.dropEngine(),
      cacheFile: () => controller.cacheFile,
      cacheSaved: () => controller.cacheSaved(),
      findings: () => controller.findings.store,
      skipFixPreview: (skip) => {
        fixAllTesting = { ...fixAllTesting, skipPreview: skip };
      },
      lastFixAll: () => fixAllTesting.last,
      setLmHooks: (hooks) => {
        lmHooks = hooks;
      },
      lmRequests: () => [...lmRequests],
    };
    Object.defineProperty(exports, TESTING, { value: testing, enumerable: false });
  }
  return exports;
}

export function deactivate(): void {}
