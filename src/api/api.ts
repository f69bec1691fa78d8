// The published API (api/batch-operations.d.ts), version 1, over the editor layer:
// registrations checked and adapted to the engine's shapes, runs requested through
// the controller, results and findings read from the window's state. Nothing of
// the engine's own objects leaves this file.
import * as vscode from 'vscode';
import type * as Published from '../../api/batch-operations';
import type { Outcome, RunReport, Summary } from '../engine/index';
import type { FindingsStore } from '../engine/findings/store';
import type { Finding as EngineFinding, RuleInfo } from '../operations/findings';
import type { OperationSettings } from '../operations/operation';
import { pathOf, uriOf } from '../ui/paths';
import { registrationProblem, type OperationRegistrations, type RegisteredOperation } from './registrations';

/** What the API needs of the editor layer (extension.ts wires the controller in). */
export interface ApiHost {
  readonly registrations: OperationRegistrations;
  /** Starts or queues a run; resolves with its report when it ends. */
  run(request: { readonly roots?: readonly vscode.Uri[]; readonly operations?: readonly string[]; readonly label: string }): Promise<RunReport>;
  readonly onDidFinishRun: vscode.Event<{ readonly trigger: string; readonly label?: string; readonly report: RunReport }>;
  readonly onDidProcess: vscode.Event<Outcome>;
  results(): ReadonlyMap<string, Outcome>;
  findings(): FindingsStore | undefined;
  /** An operation was unregistered: its findings go (now, and after a run that still ran it). */
  forgetOperation(id: string): void;
  /** Checks a worker module before it is registered (it exports the operation's factory). */
  checkModule(modulePath: string, id: string): void;
}

export const API_VERSIONS: readonly number[] = [1];

/** activate()'s answer: getAPI(1), or a clear error for another version. */
export function createExtensionExports(host: ApiHost): Published.BatchOperationsExtension {
  let api: Published.BatchOperationsApi | undefined;
  return {
    getAPI(version: number) {
      if (version !== 1) {
        throw new Error(vscode.l10n.t('Batch Operations offers API version {0}, not {1}.', API_VERSIONS.join(', '), String(version)));
      }
      return (api ??= createApi(host));
    },
  } satisfies Published.BatchOperationsExtension;
}

export function createApi(host: ApiHost): Published.BatchOperationsApi {
  const api = {
    version: 1 as const,
    registerOperation: (op: Published.OperationRegistration) => registerOperation(host, op),
    run: async (request: Published.RunRequest) => publicSummary((await host.run({ roots: request.roots, operations: request.operations, label: String(request.trigger ?? 'api') })).summary),
    onDidFinishRun: mapEvent(host.onDidFinishRun, (f) => ({ trigger: f.label ?? f.trigger, summary: publicSummary(f.report.summary) })),
    onDidProcess: mapEvent(host.onDidProcess, publicOutcome),
    getResults: (uri?: vscode.Uri) => {
      const results = host.results();
      if (uri) {
        const o = results.get(pathOf(uri));
        return o ? [publicOutcome(o)] : [];
      }
      return [...results.values()].map(publicOutcome);
    },
    getFindings: (uri?: vscode.Uri) => {
      const store = host.findings();
      if (!store) return [];
      return (uri ? store.forFile(pathOf(uri)) : store.all()).map(publicFinding);
    },
  } satisfies Published.BatchOperationsApi;
  return Object.freeze(api);
}

function registerOperation(host: ApiHost, op: Published.OperationRegistration): vscode.Disposable {
  const problem = registrationProblem(op, (id) => host.registrations.has(id));
  if (problem) throw new Error(vscode.l10n.t('Batch Operations cannot register the operation: {0}', problem));
  const spec = { id: op.id, settings: (op.settings ?? {}) as OperationSettings, ...(op.accepts && op.accepts.length > 0 ? { accepts: [...op.accepts] } : {}) };
  const rules = [...((op.rules ?? []) as RuleInfo[])];
  let registered: RegisteredOperation;
  if (op.modulePath !== undefined) {
    host.checkModule(op.modulePath, op.id);
    registered = { kind: 'module', id: op.id, spec, rules, modulePath: op.modulePath };
  } else {
    const run = op.run!;
    registered = {
      kind: 'host',
      id: op.id,
      spec,
      rules,
      host: {
        id: op.id,
        version: op.version,
        settings: spec.settings,
        ...(spec.accepts ? { accepts: spec.accepts } : {}),
        rules,
        ...(op.concurrency !== undefined ? { concurrency: op.concurrency } : {}),
        ...(op.requestsPerSecond !== undefined ? { requestsPerSecond: op.requestsPerSecond } : {}),
        ...(op.burst !== undefined ? { burst: op.burst } : {}),
        run: async (doc, signal, progress) => {
          const source = new vscode.CancellationTokenSource();
          const cancel = () => source.cancel();
          signal.addEventListener('abort', cancel, { once: true });
          try {
            const answer = await run({ uri: uriOf(doc.path), path: doc.path, text: doc.text, contentHash: doc.hash }, source.token, progress);
            return answer as Awaited<ReturnType<import('../engine/index').HostOperation['run']>>;
          } finally {
            signal.removeEventListener('abort', cancel);
            source.dispose();
          }
        },
      },
    };
  }
  host.registrations.add(registered);
  let disposed = false;
  return new vscode.Disposable(() => {
    if (disposed) return;
    disposed = true;
    if (host.registrations.delete(op.id)) host.forgetOperation(op.id);
  });
}

function mapEvent<T, U>(event: vscode.Event<T>, map: (value: T) => U): vscode.Event<U> {
  return (listener, thisArgs, disposables) => event((value) => listener.call(thisArgs, map(value)), undefined, disposables);
}

function publicSummary(s: Summary): Published.RunSummary {
  const c = s.counts;
  return {
    state: s.state,
    counts: { discovered: c.discovered, processed: c.processed, cached: c.cached, skipped: c.skipped, failed: c.failed },
    elapsedMs: s.elapsedMs,
    operations: s.operations,
  };
}

function publicOutcome(o: Outcome): Published.DocumentOutcome {
  const uri = uriOf(o.path);
  switch (o.kind) {
    case 'processed':
    case 'cached':
      return { uri, kind: o.kind, results: o.results };
    case 'skipped':
      return { uri, kind: o.kind, reason: o.reason, ...(o.detail !== undefined ? { detail: o.detail } : {}) };
    case 'failed':
      return { uri, kind: o.kind, reason: o.reason, detail: o.detail };
  }
}

function publicFinding(f: EngineFinding): Published.Finding {
  return {
    operation: f.operation,
    uri: uriOf(f.file),
    rule: f.rule,
    severity: f.severity,
    message: f.message,
    range: f.range,
    ...(f.fix ? { fix: f.fix } : {}),
  };
}
