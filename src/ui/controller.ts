// Starts, queues, pauses and cancels runs; owns the engine (created on first use)
// and the results of past runs. Views listen to its events.
import * as vscode from 'vscode';
import type { BatchRun, Engine, OperationSpec, Outcome, Progress, RunReport, RunState } from '../engine/index';
import type { OperationRegistrations } from '../api/registrations';
import type { FindingsStore } from '../engine/findings/store';
import type { CacheStore } from './cacheStore';
import { loadEngine } from './engineLoader';
import { isUnder, pathOf, underAny } from './paths';
import { priorityFunction, PRIORITY_FOCUSED } from './priority';
import { engineKey, readSettings, type Settings, type SettingsOverrides } from './settings';
import { runOperations } from './decisions/runOperations';
import { RunWaiters } from './decisions/runWaiters';
import { dirtyOverrides, inputForFiles, inputForRoots, type RunInput } from './sources';

export type Trigger = 'palette' | 'explorer' | 'statusBar' | 'save' | 'api';
export type ViewState = 'idle' | RunState;

export interface RunRequest {
  readonly trigger: Trigger;
  /** Folders (or files) to walk. */
  readonly roots?: readonly vscode.Uri[];
  /** Exactly these files (saved documents). */
  readonly files?: readonly string[];
  /** Exactly these operations (an API run); default: the settings' and every registered one. */
  readonly operations?: readonly string[];
  /** Who asked, for an API run (the log, the API's finished event). */
  readonly label?: string;
}

export interface FinishedRun {
  readonly trigger: Trigger;
  readonly label?: string;
  readonly report: RunReport;
  readonly roots: readonly string[];
}

export const PROMPT_RESTART = 'Cancel and Restart';
export const PROMPT_QUEUE = 'Queue';

interface Active {
  readonly run: BatchRun;
  readonly request: RunRequest;
  readonly key: string;
  readonly roots: readonly string[];
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
  /** Test-only: settings overrides and a canned answer to the "run in progress" question. */
  overrides: SettingsOverrides = {};
  promptAnswer: string | undefined;

  constructor(
    private readonly store: CacheStore,
    private readonly log: vscode.LogOutputChannel,
  ) {}

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
    if (req.trigger === 'save' || req.trigger === 'api') {
      this.enqueue(req);
      return;
    }
    const answer =
      this.promptAnswer ??
      (await vscode.window.showWarningMessage('A batch run is in progress.', PROMPT_RESTART, PROMPT_QUEUE));
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
    this.engine = new mod.Engine({ ...settings.engine });
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
        operations: this.operationsFor(req, [{ id: 'analyze', settings: { markers: settings.markers } }], engine),
        priority: priorityFunction(),
        overrides: dirtyOverrides(),
        signal: abort.signal,
        progressIntervalMs: 250,
      });
    } catch (err) {
      this.fail(req, err);
      return;
    }
    const active: Active = { run, request: req, key: keyOf(req), roots: input.roots };
    this.active = active;
    this.latestProgress = undefined;

    if (req.files) {
      for (const f of req.files) this.results.delete(f);
    } else {
      const under = underAny(input.roots);
      for (const p of [...this.results.keys()]) if (under(p)) this.results.delete(p);
      this.resultsEmitter.fire({ removedUnder: input.roots });
    }

    this.log.info(`run (${req.trigger}): ${req.files ? `${req.files.length} saved file(s)` : `roots ${input.roots.join(', ')}`}`);
    if (!vscode.workspace.isTrusted) {
      this.log.info('restricted mode: this workspace is not trusted, so its own values for include, exclude, limits and thresholds are ignored (user settings apply)');
    }
    // The audit: what started the run, over what, and every setting that changes its results.
    this.log.info(
      `settings: ${JSON.stringify({ discover: settings.discover, markers: settings.markers, generated: settings.generated, limits: settings.limits, chunk: settings.chunk, engine: settings.engine, trusted: vscode.workspace.isTrusted })}`,
    );
    run.on('document', (o) => {
      this.results.set(o.path, o);
      this.processEmitter.fire(o);
    });
    run.on('progress', (p) => {
      this.latestProgress = p;
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

  /** The run's operations (see runOperations); the engine is told of the registered ones first and forgets unregistered ones. */
  private operationsFor(req: RunRequest, configured: readonly OperationSpec[], engine: Engine): OperationSpec[] {
    const registered = this.registrations?.all() ?? [];
    for (const id of this.registrations?.takeRemovedHosts() ?? []) engine.deleteHostOperation(id);
    for (const op of registered) {
      if (op.kind === 'host') engine.addHostOperation(op.host);
      else engine.addOperationModule(op.modulePath);
    }
    return runOperations(req.operations, configured, registered.map((op) => op.spec));
  }

  /** The window's findings. */
  findingsStore(): FindingsStore | undefined {
    return this.last?.report.findings;
  }

  /** An operation was unregistered: its findings go now, and again after a run in progress (which still runs it). */
  forgetOperation(id: string): void {
    const drop = () => {
      const store = this.findingsStore();
      store?.deleteOperation(id);
      store?.flush();
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
    void vscode.window.showErrorMessage(`Batch run could not start: ${message}`);
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
    for (const e of [this.finishedEmitter, this.processEmitter, this.progressEmitter, this.stateEmitter, this.startEmitter, this.resultsEmitter]) e.dispose();
  }
}

/** Whether running `a` also does everything `b` asks for. */
function covers(a: RunRequest, b: RunRequest): boolean {
  if (operationsKey(a) !== operationsKey(b)) return false;
  if (a.files) return !!b.files && b.files.every((f) => a.files!.includes(f));
  const roots = (a.roots ?? []).map(pathOf);
  const targets = b.files ?? (b.roots ?? []).map(pathOf);
  return targets.length > 0 && targets.every((t) => roots.some((r) => isUnder(t, r)));
}

function keyOf(req: RunRequest): string {
  if (req.files) return operationsKey(req) + 'files:' + [...req.files].sort().join('\0');
  return operationsKey(req) + 'roots:' + (req.roots ?? []).map(pathOf).sort().join('\0');
}

function operationsKey(req: RunRequest): string {
  return req.operations ? `ops:${req.operations.join(',')};` : '';
}
