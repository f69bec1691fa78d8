// The public API of the Batch Operations extension (batch-operations.batch-operations),
// version 1. Copy this file into your extension and get the API with:
//
//   const ext = vscode.extensions.getExtension<BatchOperationsExtension>('batch-operations.batch-operations');
//   const api = (await ext!.activate()).getAPI(1);
//
// and list "batch-operations.batch-operations" in your package.json's extensionDependencies.
// Everything here is plain data or VS Code's own types; nothing else is imported.
import type { CancellationToken, Disposable, Event, Uri } from 'vscode';

/** What the extension's activate() returns. */
export interface BatchOperationsExtension {
  /** The API of that version; throws for a version this extension does not offer. */
  getAPI(version: 1): BatchOperationsApi;
}

export interface BatchOperationsApi {
  readonly version: 1;
  /**
   * Adds an operation: from the next run on, its results and findings appear in the
   * Results view, the Problems panel, the status bar and every report, cached per
   * document under its own key (id, version, settings). Disposing it removes it and
   * its findings. Throws when the id is taken or the registration is invalid.
   */
  registerOperation(operation: OperationRegistration): Disposable;
  /** Runs over `roots` (default: the workspace folders), queued behind a run in progress; resolves when it ends. */
  run(request: RunRequest): Promise<RunSummary>;
  /** Every run that ends (cancelled ones too), whoever started it. */
  readonly onDidFinishRun: Event<RunFinished>;
  /** Each document as a run settles it. */
  readonly onDidProcess: Event<DocumentOutcome>;
  /** The latest outcome of every document the runs so far settled (of `uri` alone when given). */
  getResults(uri?: Uri): DocumentOutcome[];
  /** The window's findings, every operation's (of `uri` alone when given), sorted by document and position. */
  getFindings(uri?: Uri): Finding[];
}

/** An operation's common fields. */
export interface OperationRegistrationBase {
  /** Unique among operations ('myext.spelling'); results, findings and settings are keyed by it. */
  readonly id: string;
  /** Bump when results change for the same input: cached results of older versions are not used. */
  readonly version: number;
  /**
   * Which files it wants: extensions ('.md') or glob patterns ('*.md' against the
   * name, '**\/docs/**' against the path); '!pattern' leaves files out. Absent or empty: every file.
   */
  readonly accepts?: readonly string[];
  /** Plain JSON that changes results: part of the cache key (and handed to a module's factory). */
  readonly settings?: Readonly<Record<string, unknown>>;
  /** The rules its findings name (reports, SARIF, the Problems panel's links). */
  readonly rules?: readonly RuleInfo[];
}

/**
 * An operation that runs in the extension's worker threads: `modulePath` is a
 * CommonJS file exporting `operations = { [id]: (settings) => operation }`, the
 * contract of the built-in operations (map/combine/finish over chunks, findings(result)).
 */
export interface WorkerOperationRegistration extends OperationRegistrationBase {
  /** Absolute path of the module. */
  readonly modulePath: string;
  readonly run?: never;
}

/** An operation whose function runs on the extension host (it may call services, language models, other extensions). */
export interface HostOperationRegistration extends OperationRegistrationBase {
  /**
   * One document's result. `token` is cancelled when the run is (the run stops
   * waiting for the call then); `progress` reports what the call is doing.
   * Throwing fails that document (reason 'operation-error'), never the run.
   */
  run(document: OperationDocument, token: CancellationToken, progress: (message: string) => void): Promise<OperationAnswer> | OperationAnswer;
  /** Calls in flight at once (default 4). */
  readonly concurrency?: number;
  /** Calls started per second, averaged (a token bucket); absent: no limit. */
  readonly requestsPerSecond?: number;
  /** Calls that may start at once after a quiet spell (default 1). */
  readonly burst?: number;
  readonly modulePath?: never;
}

export type OperationRegistration = WorkerOperationRegistration | HostOperationRegistration;

export interface OperationDocument {
  readonly uri: Uri;
  /** The file-system path (uri.fsPath for files). */
  readonly path: string;
  /** The whole text, decoded as the extension decodes it (an unsaved editor's buffer when there is one). */
  readonly text: string;
  /** Hash of the content: with the operation's id, version and settings, what its result is cached by. */
  readonly contentHash: string;
}

/** A host operation's result for one document: plain JSON. */
export interface OperationAnswer {
  readonly findings?: readonly DocumentFinding[];
  /** Anything else to keep with the document (reports show it under the operation's id). */
  readonly data?: unknown;
}

export type Severity = 'error' | 'warning' | 'info';

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

export interface TextRange {
  readonly start: Position;
  /** Exclusive. */
  readonly end: Position;
}

export interface TextEdit {
  readonly range: TextRange;
  readonly newText: string;
}

/** A finding as an operation reports it for one document. */
export interface DocumentFinding {
  /** One of the operation's rule ids. */
  readonly rule: string;
  readonly severity: Severity;
  readonly message: string;
  readonly range: TextRange;
  readonly fix?: { readonly description: string; readonly edits: readonly TextEdit[] };
}

/** A finding with the operation and document it belongs to. */
export interface Finding extends DocumentFinding {
  readonly operation: string;
  readonly uri: Uri;
}

export interface RuleInfo {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly defaultSeverity: Severity;
  readonly helpUri?: string;
}

export interface RunRequest {
  /** Folders or files to walk; default: the workspace folders. */
  readonly roots?: readonly Uri[];
  /** Operation ids to run; default: what the user's settings run plus every registered operation. */
  readonly operations?: readonly string[];
  /** Who asks, for the log ('myext: pre-commit check'). */
  readonly trigger: string;
}

export interface RunSummary {
  readonly state: 'finished' | 'cancelled' | 'limited';
  readonly counts: { readonly discovered: number; readonly processed: number; readonly cached: number; readonly skipped: number; readonly failed: number };
  readonly elapsedMs: number;
  /** Each operation's totals over the run's documents, by operation id. */
  readonly operations: Readonly<Record<string, unknown>>;
}

export interface RunFinished {
  /** The trigger of an API run; 'palette', 'explorer', 'statusBar' or 'save' for the others. */
  readonly trigger: string;
  readonly summary: RunSummary;
}

export interface DocumentOutcome {
  readonly uri: Uri;
  readonly kind: 'processed' | 'cached' | 'skipped' | 'failed';
  /** Why it was skipped or failed ('too-large', 'operation-error', …). */
  readonly reason?: string;
  readonly detail?: string;
  /** Each operation's result, by operation id (processed and cached documents). */
  readonly results?: Readonly<Record<string, unknown>>;
}
