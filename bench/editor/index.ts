// The editor bench, inside a real extension host (launched by bench/editor-run.mjs
// with the corpus as the workspace): the extension's own commands with its views
// and the Problems panel open, so the tree, the status bar and the diagnostics do
// their work too. Per run: wall time and the extension host's event-loop delay,
// which every extension shares. Writes JSON to BOM_BENCH_OUT; with BOM_BENCH_PROFILE=dir
// also a CPU profile of the extension host per run (<dir>/<run>.cpuprofile); with
// BOM_BENCH_NO_PROBLEMS=1 the Problems panel stays closed (what drawing it costs).
import * as fs from 'node:fs';
import { Session } from 'node:inspector';
import * as path from 'node:path';
import { monitorEventLoopDelay, PerformanceObserver } from 'node:perf_hooks';
import * as vscode from 'vscode';
import { testingEntryOf, type BatchOperationsTesting } from '../../src/api/testing';
import type { RunReport } from '../../src/engine/index';

const EXTENSION_ID = 'batch-operations.batch-operations';

interface EditorRun {
  readonly name: string;
  readonly ms: number;
  readonly documents: number;
  readonly processed: number;
  readonly cached: number;
  readonly loopP50Ms: number;
  readonly loopP99Ms: number;
  readonly loopMaxMs: number;
  /** The longest garbage collection pause and all of them: part of the delay that no extension code causes. */
  readonly gcMaxMs: number;
  readonly gcTotalMs: number;
}

export async function run(): Promise<void> {
  const out = process.env.BOM_BENCH_OUT;
  if (!out) throw new Error('BOM_BENCH_OUT is not set');
  const api = testingEntryOf(await vscode.extensions.getExtension(EXTENSION_ID)!.activate());
  await vscode.commands.executeCommand('workbench.view.extension.batchOperations');
  if (!process.env.BOM_BENCH_NO_PROBLEMS) await vscode.commands.executeCommand('workbench.actions.view.problems');
  await vscode.commands.executeCommand('batchOperations.clearCache');

  const runs: EditorRun[] = [];
  const measure = async (name: string) => {
    const profiler = process.env.BOM_BENCH_PROFILE ? await startProfile() : undefined;
    // With a profile: when the event loop stalled over 40 ms (monotonic µs, the profile's clock), to find them in it.
    const stalls: Array<[number, number]> = [];
    let last = process.hrtime.bigint();
    const watch = profiler
      ? setInterval(() => {
          const now = process.hrtime.bigint();
          const gapMs = Number(now - last) / 1e6;
          if (gapMs > 40) stalls.push([Number(last / 1000n), gapMs]);
          last = now;
        }, 1)
      : undefined;
    const h = monitorEventLoopDelay({ resolution: 1 });
    let gcMaxMs = 0;
    let gcTotalMs = 0;
    const gc = new PerformanceObserver((list) => {
      for (const e of list.getEntries()) {
        gcMaxMs = Math.max(gcMaxMs, e.duration);
        gcTotalMs += e.duration;
      }
    });
    gc.observe({ entryTypes: ['gc'] });
    h.enable();
    const t = performance.now();
    const report = await processWorkspace(api);
    const ms = performance.now() - t;
    // What the run's last events set off (a flush of the views, the background save) belongs to it.
    await api.cacheSaved?.();
    h.disable();
    gc.disconnect();
    if (watch) clearInterval(watch);
    if (profiler) {
      fs.writeFileSync(path.join(process.env.BOM_BENCH_PROFILE!, `${name}.cpuprofile`), JSON.stringify(await profiler()));
      fs.writeFileSync(path.join(process.env.BOM_BENCH_PROFILE!, `${name}.stalls.json`), JSON.stringify(stalls));
    }
    const c = report.summary.counts;
    runs.push({ name, ms, documents: c.discovered, processed: c.processed, cached: c.cached, loopP50Ms: h.percentile(50) / 1e6, loopP99Ms: h.percentile(99) / 1e6, loopMaxMs: h.max / 1e6, gcMaxMs, gcTotalMs });
  };
  await measure('cold');
  await measure('warm');
  await api.simulateReload();
  await measure('restart');
  fs.writeFileSync(out, JSON.stringify({ runs }));
}

/** Starts the inspector's CPU profiler on this thread; the returned function stops it and gives the profile. */
async function startProfile(): Promise<() => Promise<object>> {
  const session = new Session();
  session.connect();
  const post = (method: string, params?: object) =>
    new Promise<{ profile?: object }>((resolve, reject) => session.post(method, params, (err, r) => (err ? reject(err) : resolve(r as { profile?: object }))));
  await post('Profiler.enable');
  await post('Profiler.start');
  return async () => {
    const { profile } = await post('Profiler.stop');
    session.disconnect();
    return profile!;
  };
}

function processWorkspace(api: BatchOperationsTesting): Promise<RunReport> {
  return new Promise((resolve, reject) => {
    const sub = api.onDidFinishRun((f) => {
      sub.dispose();
      resolve(f.report);
    });
    vscode.commands.executeCommand('batchOperations.processWorkspace').then(undefined, (err: unknown) => {
      sub.dispose();
      reject(err instanceof Error ? err : new Error(String(err)));
    });
  });
}
