// The test-only entry: what the integration tests drive and read (views, the
// status bar, settings overrides, reloads). It is not part of the published API:
// activate()'s answer carries it under a symbol key, and only when the extension
// runs in development or test mode (never in an installed extension), so no other
// extension can come to depend on it.
import type { FixAllRecord } from '../ui/fixAllCommand';
import type * as vscode from 'vscode';
import type { Outcome, Progress, RunReport } from '../engine/index';
import type { FindingsStore } from '../engine/findings/store';
import type { SnapshotNode } from '../ui/resultsTree';
import type { Trigger, ViewState } from '../ui/controller';
import type { LmTestHooks } from '../ui/lm/lmCommands';
import type { ModelRequestRecord } from '../operations/review/model';

/** The key of the testing entry on activate()'s answer (Symbol.for: the test bundle has its own copy of this module). */
export const TESTING = Symbol.for('batchOperations.testing');

export interface BatchOperationsTesting {
  readonly onDidFinishRun: vscode.Event<{ trigger: Trigger; report: RunReport }>;
  readonly onDidStartRun: vscode.Event<{ trigger: Trigger; roots: readonly string[] }>;
  readonly onDidProcess: vscode.Event<Outcome>;
  readonly onDidProgress: vscode.Event<Progress>;
  readonly onDidChangeState: vscode.Event<ViewState>;
  lastReport(): RunReport | undefined;
  treeSnapshot(): { run: { label: string; description: string }[]; results: SnapshotNode[] };
  statusBarText(): string;
  /** The status bar item's tooltip as text. */
  statusBarTooltip(): string;
  isRunning(): boolean;
  state(): ViewState;
  /** Starts (or queues) a run over the workspace's folders, trigger 'api'. */
  processWorkspace(): Promise<void>;
  setConcurrency(value: number | 'auto' | undefined): void;
  answerPrompt(choice: string | undefined): void;
  /** Drops the engine and its in-memory cache as a window reload would; the next run loads the cache file. */
  simulateReload(): Promise<void>;
  cacheFile(): string | undefined;
  /** Settles when the background save after the last run has written the cache file. */
  cacheSaved(): Promise<void>;
  /** The window's findings (the Problems panel, the Results view and the quick fixes read it). */
  findings(): FindingsStore;
  /** Fix all applies its edit without the refactor preview (the entries are built needing confirmation all the same). */
  skipFixPreview(skip: boolean): void;
  /** What the last fix-all built: its plan, each edit with its label and needsConfirmation, whether it applied, what it saved. */
  lastFixAll(): FixAllRecord | undefined;
  /** Review / Enhance with Language Model: the test answers the confirmation (and sees it), the instruction, the model pick. */
  setLmHooks(hooks: LmTestHooks | undefined): void;
  /** Every language-model request so far, as logged (never content). */
  lmRequests(): readonly ModelRequestRecord[];
}

/** The testing entry of activate()'s answer, for the integration tests. */
export function testingEntryOf(exports: unknown): BatchOperationsTesting {
  const entry = (exports as Record<symbol, BatchOperationsTesting | undefined>)[TESTING];
  if (!entry) throw new Error('the extension exposes no testing entry (it runs in production mode)');
  return entry;
}
