// Starts, queues, pauses and cancels runs; owns the engine (created on first use)
// and the results of past runs. Views listen to its events.
import * as vscode from 'vscode';
import type { BatchRun, Engine, OperationSpec, Outcome, Progress, RunReport, RunState } from '../engine/index';
import type { OperationRegistrations } from '../api/registrations';
import type { CacheStore } from './cacheStore';
import { loadEngine } from './engineLoader';
import { underAny } from './paths';
import { priorityFunction, PRIORITY_FOCUSED } from './priority';
import { engineKey, readSettings, type Settings, type SettingsOverrides } from './settings';
import { engineOperations } from './decisions/runOperations';
import { RunWaiters } from './decisions/runWaiters';
import { covers, keyOf, type RunRequest, type Trigger } from './requests';
import { dirtyOverrides, inputForFiles, inputForRoots, type RunInput } from './sources';
import { WindowFindings } from './windowFindings';

export type { Trigger } from './requests';
export type ViewState = 'idle' | RunState;
export type { RunRequest } from './requests';

export interface FinishedRun {
  readonly trigger: Trigger;
  readonly label?: string;
  readonly report: RunReport;
  readonly roots: readonly string[];
}

export const PROMPT_RESTART = vscode.l10n.t('Cancel and Restart');
export const PROMPT_QUEUE = vscode.l10n.t('Queue');

interface Active {
  readonly run: BatchRun;
  readonly request: RunRequest;
  readonly key: string;
  readonly roots: readonly string[];
  /** The documents the run's roots (or files) held results for when it started: those it leaves without one are gone. */
  readonly before: readonly string[];
}

export class Controller implements vscode.Disposable {
  private readonly finishedEmitter = new vscode.EventEmitter<FinishedRun>();
  private readonly processEmitter = new vscode.EventEmitter<Outcome>();
  private readonly progressEmitter = new vscode.EventEmitter<Progress>();
  private readonly stateEmitter = new vscode.EventEmitter<ViewState>();
  private readonly startEmitter = new vscode.EventEmitter<{ trigger: Trigger; roots: readonly string[] }>();
  private readonly resultsEmitter = new vscode.EventEmitter<{ removedUnder?: readonly string[] }>();
  readonly onDidFinishRun = this.finishedEmitter.event;
  readonly onDidProcess = this.processEmitter.event;
  readonly onDidProgress = this.progressEmitter.event;
  readonly onDidChangeState = this.stateEmitter.event;
  readonly onDidStart = this.startEmitter.event;
  /** Results were removed (a new run over these roots began) or reset. */
  readonly onDidResetResults = this.resultsEmitter.event;

  /** The latest outcome of every document, by engine path. */
  readonly results = new Map<string, Outcome>();
  /** Every operation's findings for the window, filled by every run (see windowFindings.ts). */
  readonly findings: WindowFindings;
  private engine: Engine | undefined;
  private engineSettingsKey = '';
  private active: Active | undefined;
  private readonly queue: RunRequest[] = [];
  private state: ViewState = 'idle';
  private last: FinishedRun | undefined;
  private lastFull: FinishedRun | undefined;
  private latestProgress: Progress | undefined;
  private draining = false;
  /** Operations other extensions registered (see src/api/); set by activate(). */
  registrations: OperationRegistrations | undefined;
  /** Callers waiting for the run that does what they asked (see requestReport). */
  private readonly waiting = new RunWaiters<RunRequest, RunReport>((done, req) => keyOf(done) === keyOf(req) || covers(done, req));
  /** Operations that run only when their command asks (the language-model ones): an ordinary run keeps their findings. */
  readonly onDemandOperations = new Set<string>();
  /** Test-only: settings overrides and a canned answer to the "run in progress" question. */
  overrides: SettingsOverrides = {};
  promptAnswer: string | undefined;

  constructor(
    private readonly store: CacheStore,
    private readonly log: vscode.LogOutputChannel,
  ) {
    this.findings = new WindowFindings(() => {
      const { overrides, ignored } = this.settings().severities;
      if (ignored.length > 0) this.log.warn(`batchOperations.severity: ignored ${ignored.map((k) => JSON.stringify(k)).join(', ')} (values: error, warning, info, off)`);
      return overrides;
    });
  }

  get currentState(): ViewState {
    return this.state;
  }
  get progress(): Progress | undefined {
    return this.latestProgress;
  }
  get lastRun(): FinishedRun | undefined {
    return this.last;
  }
  /** The last run over folders (not a save), for exports. */
  get lastFullRun(): FinishedRun | undefined {
    return this.lastFull ?? this.last;
  }
  get cacheFile(): string | undefined {
    return this.store.file;
  }
  /** Settles when the results of the runs so far are in the cache file (saves run in the background). */
  cacheSaved(): Promise<void> {
    return this.store.idle();
  }
  get isRunning(): boolean {
    return this.active !== undefined;
  }
  get activeTrigger(): Trigger | undefined {
    return this.active?.request.trigger;
  }

  settings(scope?: vscode.Uri): Settings {
    return readSettings(scope, this.overrides);
  }

  /** request(), resolved with the report of the run that does what it asks (it, or a queued run that covers it). */
  requestReport(req: RunRequest): Promise<RunReport> {
    const report = this.waiting.wait(req);
    void this.request(req);
    return report;
  }

  /** Starts a run now, or, when one is going, asks (user triggers) or queues (save, api). */
  async request(req: RunRequest): Promise<void> {
    const key = keyOf(req);
    if (!this.active) {
      this.start(req);
      return;
    }
    if (this.queue.some((q) => keyOf(q) === key)) return;
    if (req.trigger === 'save' || req.trigger === 'config' || req.trigger === 'fix' || req.trigger === 'api') {
      this.enqueue(req);
      return;
    }
    const answer =
      this.promptAnswer ??
      (await vscode.window.showWarningMessage(vscode.l10n.t('A batch run is in progress.'), PROMPT_RESTART, PROMPT_QUEUE));
    if (answer === PROMPT_RESTART) {
      this.queue.length = 0;
      this.queue.push(req);
      this.log.info(`${req.trigger}: cancelling the current run to restart`);
      this.active?.run.cancel();
      if (!this.active) this.drain();
    } else if (answer === PROMPT_QUEUE) {
      this.enqueue(req);
      if (!this.active) this.drain();
    }
  }

  /**
   * Bursts (saves, a tool writing many files, repeated commands) coalesce: a
   * request covered by a queued run is dropped, a run over folders absorbs the
   * queued requests inside them, and saves merge into one run over their files.
   */
  private enqueue(req: RunRequest): void {
    if (this.queue.some((q) => covers(q, req))) {
      this.log.info(`${req.trigger}: already covered by a queued run`);
      return;
    }
    for (let i = this.queue.length - 1; i >= 0; i--) if (covers(req, this.queue[i]!)) this.queue.splice(i, 1);
    const pendingSave = req.files ? this.queue.find((q) => q.files) : undefined;
    if (pendingSave && req.files) {
      const merged: RunRequest = { ...pendingSave, files: [...new Set([...pendingSave.files!, ...req.files])] };
      this.queue[this.queue.indexOf(pendingSave)] = merged;
    } else {
      this.queue.push(req);
    }
    this.log.info(`${req.trigger}: queued behind the current run (${this.queue.length} waiting)`);
  }

  pause(): void {
    this.active?.run.pause();
  }
  resume(): void {
    this.active?.run.resume();
  }
  cancel(): void {
    for (const q of this.queue) this.waiting.failed(q, new Error('the queued run was cancelled'));
    this.queue.length = 0;
    this.active?.run.cancel();
  }
  bump(p: string): void {
    this.active?.run.bump(p, PRIORITY_FOCUSED);
  }

  private ensureEngine(settings: Settings): Engine {
    const key = engineKey(settings);
    if (this.engine && this.engineSettingsKey === key) return this.engine;
    const mod = loadEngine();
    if (this.engine) {
      // New concurrency or cache bounds: keep the results through the file.
      this.store.save(this.engine.cache);
      void this.engine.close();
    }
    // A host operation's progress messages go to the log (trace level: one per document).
    this.engine = new mod.Engine({ ...settings.engine, host: { onProgress: (op, p, message) => this.log.trace(`${op}: ${message} (${p})`) } });
    this.engineSettingsKey = key;
    this.store.loadInBackground(this.engine.cache);
    this.log.info(`engine: ${JSON.stringify(settings.engine)}`);
    return this.engine;
  }

  private start(req: RunRequest): void {
    const scope = req.roots?.[0] ?? (req.files?.[0] ? vscode.Uri.file(req.files[0]) : undefined);
    const settings = this.settings(scope);
    let engine: Engine;
    let input: RunInput;
    const abort = new AbortController();
    try {
      engine = this.ensureEngine(settings);
      input = req.files ? inputForFiles(req.files) : inputForRoots(loadEngine(), req.roots ?? [], settings.discover, abort.signal);
    } catch (err) {
      this.fail(req, err);
      return;
    }
    const ids = settings.operations.length > 0 ? settings.operations : loadEngine().builtInOperationIds();
    const ownSettings: Record<string, OperationSpec['settings']> = { analyze: { markers: settings.markers }, lint: { ...settings.lint } };
    const configured = ids.map((id) => (ownSettings[id] && Object.keys(ownSettings[id]).length > 0 ? { id, settings: ownSettings[id] } : { id }));
    let operations: OperationSpec[];
    try {
      // A request's own host operations (review, enhance): given to the engine for this run, never registered.
      for (const op of req.hostOperations ?? []) engine.addHostOperation(op);
      operations = engineOperations(this.registrations, engine, req.operations, configured);
    } catch (err) {
      this.fail(req, err);
      return;
    }
    let run: BatchRun;
    try {
      run = engine.run({
        roots: input.roots,
        discover: settings.discover,
        ...(input.source ? { source: input.source } : {}),
        ...(input.contentProvider ? { contentProvider: input.contentProvider } : {}),
        chunk: settings.chunk,
        generated: settings.generated,
        limits: settings.limits,
        operations,
        priority: priorityFunction(),
        overrides: dirtyOverrides(),
        signal: abort.signal,
        progressIntervalMs: 250,
        findings: this.findings.store,
        resolvers: this.findings.resolvers,
      });
    } catch (err) {
      this.fail(req, err);
      return;
    }
    // A run that names its operations (an API run) leaves the others' findings alone.
    // Findings of the operations only their own command runs (review, enhance) stay through ordinary runs.
    if (!req.operations) this.findings.keepOperations([...operations.map((o) => o.id), ...this.onDemandOperations]);
    const before: string[] = [];
    if (req.files) {
      for (const f of req.files) if (this.results.delete(f)) before.push(f);
    } else {
      const under = underAny(input.roots);
      for (const p of [...this.results.keys()]) {
        if (!under(p)) continue;
        this.results.delete(p);
        before.push(p);
      }
      this.resultsEmitter.fire({ removedUnder: input.roots });
    }
    const active: Active = { run, request: req, key: keyOf(req), roots: input.roots, before };
    this.active = active;
    this.latestProgress = undefined;

    this.log.info(`run (${req.trigger}): ${req.files ? `${req.files.length} saved file(s)` : `roots ${input.roots.join(', ')}`}`);
    if (!vscode.workspace.isTrusted) {
      this.log.info('restricted mode: this workspace is not trusted, so its own values for include, exclude, limits and thresholds are ignored (user settings apply)');
    }
    // The audit: what started the run, over what, and every setting that changes its results.
    this.log.info(
      `settings: ${JSON.stringify({ operations: ids, discover: settings.discover, markers: settings.markers, generated: settings.generated, limits: settings.limits, chunk: settings.chunk, engine: settings.engine, trusted: vscode.workspace.isTrusted })}`,
    );
    run.on('document', (o) => {
      this.results.set(o.path, o);
      this.processEmitter.fire(o);
    });
    run.on('progress', (p) => {
      this.latestProgress = p;
      // The run flushes its findings at its end; the views hear of them as they come, four times a second.
      this.findings.store.flush();
      this.progressEmitter.fire(p);
    });
    run.on('warning', (w) => this.log.warn(w.path ? `${w.message} (${w.path})` : w.message));
    run.on('state', ({ state }) => this.setState(state));
    this.setState('running');
    this.startEmitter.fire({ trigger: req.trigger, roots: input.roots });

    run.done.then(
      (report) => this.finish(active, report),
      (err) => {
        this.active = undefined;
        this.fail(req, err);
        this.drain();
      },
    );
  }

  private finish(active: Active, report: RunReport): void {
    this.active = undefined;
    const s = report.summary;
    const c = s.counts;
    const reasons = (by: Readonly<Record<string, number | undefined>>) => Object.entries(by).map(([k, v]) => `${k} ${v}`).join(', ');
    this.log.info(
      `run (${active.request.trigger}) ${s.state}${s.limit ? ` at limit ${s.limit}` : ''}: ${c.discovered} documents, ${c.processed} processed, ${c.cached} cached, ${c.skipped} skipped, ${c.failed} failed in ${Math.round(s.elapsedMs)} ms${s.accounted ? '' : ' (NOT all accounted for)'}` +
        (c.skipped > 0 ? `; skipped: ${reasons(s.skippedByReason)}` : '') +
        (c.failed > 0 ? `; failed: ${reasons(s.failedByReason)}` : ''),
    );
    if (this.engine) this.store.saveInBackground(this.engine.cache);
    const files = active.request.files ? new Set(active.request.files) : undefined;
    this.findings.dropStale(files ? (p) => files.has(p) : underAny(active.roots), active.before, (p) => this.results.get(p));
    const finished: FinishedRun = { trigger: active.request.trigger, ...(active.request.label ? { label: active.request.label } : {}), report, roots: active.roots };
    this.waiting.finished(active.request, report);
    this.last = finished;
    if (!active.request.files) this.lastFull = finished;
    this.setState(s.state === 'cancelled' ? 'cancelled' : 'finished');
    this.finishedEmitter.fire(finished);
    this.drain();
  }

  private drain(): void {
    if (this.draining || this.active) return;
    const next = this.queue.shift();
    if (!next) return;
    this.draining = true;
    try {
      this.start(next);
    } finally {
      this.draining = false;
    }
  }

  /** An operation was unregistered: its findings go now, and again after a run in progress (which still runs it). */
  forgetOperation(id: string): void {
    const drop = () => {
      this.findings.store.deleteOperation(id);
      this.findings.store.flush();
    };
    drop();
    if (this.active) {
      const once = this.finishedEmitter.event(() => {
        once.dispose();
        drop();
      });
    }
  }

  private fail(req: RunRequest, err: unknown): void {
    this.waiting.failed(req, err instanceof Error ? err : new Error(String(err)));
    const message = err instanceof Error ? err.message : String(err);
    this.log.error(`run (${req.trigger}) failed: ${message}`);
    this.setState(this.last ? 'finished' : 'idle');
    void vscode.window.showErrorMessage(vscode.l10n.t('Batch run could not start: {0}', message));
  }

  private setState(state: ViewState): void {
    this.state = state;
    this.stateEmitter.fire(state);
  }

  /** Empties the in-memory cache and deletes its file. */
  clearCache(): void {
    this.engine?.cache.clear();
    this.store.delete();
    this.log.info('cache cleared');
  }

  /** Test-only: what a window reload does to the engine (the next run loads the cache file). */
  async dropEngine(): Promise<void> {
    const engine = this.engine;
    this.engine = undefined;
    this.engineSettingsKey = '';
    if (engine) {
      this.store.save(engine.cache);
      await engine.close();
    }
  }

  dispose(): void {
    this.queue.length = 0;
    const engine = this.engine;
    this.engine = undefined;
    if (engine) {
      engine.active?.cancel();
      void engine.close();
    }
    this.waiting.rejectAll(new Error('Batch Operations was disposed'));
    this.findings.dispose();
    for (const e of [this.finishedEmitter, this.processEmitter, this.progressEmitter, this.stateEmitter, this.startEmitter, this.resultsEmitter]) e.dispose();
  }
}
