// batch-ops: the engine on any folder, from a terminal or a CI pipeline. Its
// executable, dist/cli.js (src/cli-entry.ts), loads this bundle through the V8
// code cache (src/cli/compile-cache.ts) and calls runCli.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCli, UsageError, USAGE, type CliOptions } from './cli/args';
import { checkOutputs, refusalAdvice, reportTarget } from './cli/outputs';
import { ProgressBar } from './cli/progress';
import { DEFAULT_EXCLUDES } from './engine/discover/discover';
import { Engine } from './engine/engine';
import type { Summary } from './engine/types';
import { writeAtomic } from './engine/write/atomic-write';
import { isCompileCacheHead, type CompileCache } from './cli/compile-cache';
import { escapeControls } from './report/escape';
import { summaryLines } from './report/format';
import { formatReportChunks } from './report/json-stream';
import { exitStatus } from './cli/operations';
import { fixableDocuments, fixDocuments, fixSummaryLines, type FixResult } from './cli/fix';
import { boundYoungGeneration, type YoungGenerationBound } from './cli/young-generation';
import { createOperations } from './operations/registry';
import type { Finding } from './operations/findings';
import type { ModelRequestRecord } from './operations/review/model';

declare const BATCH_OPS_VERSION: string | undefined;

/** The cache file is loaded in slices of about this long (see the load below). */
const CACHE_LOAD_SLICE_MS = 8;

/** What runCli and main share: whether the run ended, and what it changed in V8 that must be undone or worked around. */
interface CliState {
  /** Set once the engine's run has ended and not by a signal (a usage error, --help and an interrupt leave it false). */
  ran: boolean;
  compileCache?: CompileCache;
  youngGeneration?: YoungGenerationBound;
}

async function main(argv: readonly string[], state: CliState): Promise<number> {
  let options: CliOptions;
  try {
    options = parseCli(argv);
  } catch (err) {
    if (err instanceof UsageError) {
      process.stderr.write(`batch-ops: ${err.message} (see --help)\n`);
      return 2;
    }
    throw err;
  }
  if (options.help) {
    process.stdout.write(USAGE + '\n');
    return 0;
  }
  if (options.version) {
    process.stdout.write(`${typeof BATCH_OPS_VERSION === 'string' ? BATCH_OPS_VERSION : 'dev'}\n`);
    return 0;
  }
  const roots = options.roots.map((r) => path.resolve(r));
  for (const root of roots) {
    if (!fs.existsSync(root)) {
      process.stderr.write(`batch-ops: folder '${escapeControls(root)}' does not exist\n`);
      return 2;
    }
  }
  // Bad output paths are found now, before any work, and nothing the user owns is ever overwritten.
  const outputs = { roots, out: options.out, cacheFile: options.cacheFile };
  const verdict = checkOutputs(outputs);
  if (verdict.kind === 'usage-error') {
    process.stderr.write(`batch-ops: ${escapeControls(verdict.message)}\n`);
    return 2;
  }
  for (const notice of options.notices) process.stderr.write(`batch-ops: ${notice}\n`);

  const specs = options.ops.map((id) =>
    id === 'analyze' && options.markers ? { id, settings: { markers: options.markers } } : id === 'lint' && options.allowJsConfig ? { id, settings: { allowCode: true } } : { id },
  );
  // The default concurrency starts on this thread and adds workers when the tree is worth them.
  const engine = new Engine({ concurrency: options.concurrency, timeoutMs: options.timeoutMs, startInline: options.concurrency === 'auto' });
  // A fifth of a warm run's peak memory was V8's young generation grown to its
  // largest, for no time gained (cli/young-generation.ts). The checks end when the
  // workers start, or with the run; the code cache compiles with the flags as at start.
  const youngGeneration = boundYoungGeneration(() => (engine.executor.workerMemory?.().threads ?? 0) > 0);
  state.youngGeneration = youngGeneration;
  if (state.compileCache) state.compileCache.compileWith = (compile) => youngGeneration.withStartFlags(compile);
  // SIGINT (Ctrl-C) and SIGTERM (a CI runner's timeout) end the run the same way: report, cache, exit 128 + signal.
  // A language model that refuses the key or is not found ends it too (exit 1, saying what to do).
  const controller = new AbortController();
  let modelStop: string | undefined;
  if (options.model) {
    // A require, not an import(): this bundle runs as a vm.Script (the code cache), which has no dynamic import.
    const models = require('./cli/model-operations') as typeof import('./cli/model-operations');
    const setup = models.createModelOperations(
      options.model,
      options.ops,
      {
        onStop: (error) => {
          modelStop ??= models.stopMessage(error);
          controller.abort();
        },
        ...(options.verbose ? { onRequest: (r: ModelRequestRecord) => process.stderr.write(escapeControls(`batch-ops: ${models.requestLogLine(r)}`) + '\n') } : {}),
      },
      process.env,
    );
    if (setup.kind === 'usage-error') {
      process.stderr.write(`batch-ops: ${setup.message}\n`);
      await engine.close();
      return 2;
    }
    for (const op of setup.operations) engine.addHostOperation(op);
  }
  const created = createOperations(specs);
  const operations = created.map((op) => ({ id: op.id, version: op.version, rules: op.rules ?? [] }));
  const omit = Object.fromEntries(created.filter((op) => op.reportOmits).map((op) => [op.id, op.reportOmits!]));
  let cacheLoaded = false;
  if (options.cacheFile) {
    // In slices, not in one go: between them the young generation's bound is checked
    // (the load is what grows it most), at the cost of a turn of the event loop per slice.
    const { warning, loaded } = await engine.cache.loadSliced(options.cacheFile, CACHE_LOAD_SLICE_MS);
    if (warning) process.stderr.write(`batch-ops: warning: ${escapeControls(warning)}\n`);
    cacheLoaded = warning === undefined && loaded > 0;
  }
  let signalled: 'SIGINT' | 'SIGTERM' | undefined;
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    signalled ??= signal;
    controller.abort();
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);

  const run = engine.run({
    roots,
    discover: {
      include: options.include,
      ...(options.exclude ? { exclude: [...DEFAULT_EXCLUDES, ...options.exclude] } : {}),
      useGitignore: options.gitignore,
      maxFileSize: options.maxFileSize,
      streamLarge: options.streamLarge,
      ownFiles: [options.out, options.cacheFile].filter((f): f is string => f !== undefined),
    },
    generated: { maxLineLength: options.maxLineLength, maxRunLength: options.maxRunLength },
    operations: specs,
    signal: controller.signal,
    limits: { maxDocuments: options.maxDocuments, maxBytes: options.maxBytes },
    // Without a cache file, results kept in the engine's cache would never be read again.
    resultCache: options.cacheFile !== undefined,
  });
  const bar = options.progress && process.stderr.isTTY ? new ProgressBar(process.stderr) : undefined;
  if (bar) run.on('progress', (p) => bar.draw(p));
  run.on('warning', (w) => {
    bar?.clear();
    process.stderr.write(escapeControls(`batch-ops: warning: ${w.message}${w.path ? ` (${w.path})` : ''}`) + '\n');
  });
  const report = await run.done;
  state.ran = signalled === undefined;
  bar?.clear();
  // The workers' part is done: their threads and heaps go before the cache, the fixes
  // and the report (which need none of them), so those do not add to the peak memory.
  await engine.close();
  for (const notice of report.notices ?? []) process.stderr.write(escapeControls(`batch-ops: notice: ${notice}`) + '\n');

  // The cache first, so the report's whole-run figures include its save.
  if (options.cacheFile) {
    if (verdict.cacheReadOnly) process.stderr.write(`batch-ops: warning: cache not saved: ${escapeControls(options.cacheFile)} is read-only\n`);
    // Loaded whole and nothing stored, replaced or removed since (a warm run over an unchanged tree): the file holds it all.
    else if (!cacheLoaded || engine.cache.unsaved) {
      const saved = engine.cache.save(options.cacheFile);
      if (saved.kind === 'refused') process.stderr.write(`batch-ops: warning: cache not saved: ${escapeControls(saved.detail)}\n`);
    }
  }
  // Fixes after the run, never during: each document is read again and written only if it still holds what was analysed.
  let fixes: FixResult | undefined;
  if (options.fix && report.summary.state !== 'cancelled') {
    fixes = fixDocuments(fixableDocuments(report.outcomes, report.findings), { roots, dryRun: options.dryRun });
  }
  const summary: Summary = { ...report.summary, whole: wholeRun() };
  const toolVersion = typeof BATCH_OPS_VERSION === 'string' ? BATCH_OPS_VERSION : 'dev';
  // --fix --dry-run: the diff takes the report's place. A report is written as it is made (JSON document by document), never whole in memory.
  const reportMeta = { roots, operations, toolVersion, omit, ...(fixes ? { fixes: fixes.files } : {}) };
  // writeAtomic writes each chunk before it asks for the next, so their memory is reused; standard output may queue them.
  const content: Iterable<string | Uint8Array> = fixes && options.dryRun ? [fixes.diff] : formatReportChunks(options.format, { ...report, summary }, reportMeta, { reuse: options.out !== undefined });
  if (options.out) {
    const written = writeAtomic(reportTarget({ ...outputs, out: options.out }), content);
    if (written.kind === 'refused') {
      process.stderr.write(`batch-ops: report not written: --out ${escapeControls(refusalAdvice(written))}\n`);
      return 1;
    }
  } else for (const chunk of content) process.stdout.write(chunk);
  const finalSummary: Summary = { ...summary, whole: wholeRun() };
  process.stderr.write(summaryLines(finalSummary).map((l) => escapeControls(`batch-ops: ${l}`)).join('\n') + '\n');
  if (fixes) process.stderr.write(fixSummaryLines(fixes, options.dryRun).map((l) => escapeControls(`batch-ops: ${l}`)).join('\n') + '\n');
  process.off('SIGINT', onSignal);
  process.off('SIGTERM', onSignal);
  if (modelStop) {
    process.stderr.write(`batch-ops: ${escapeControls(modelStop)}\n`);
    return 1;
  }
  if (signalled === 'SIGTERM') return 143;
  if (signalled === 'SIGINT') return 130;
  return exitStatus(report.summary, findingsLeft(report.findings.all(), fixes, options.dryRun), options.failOn);
}

/** The findings the run leaves: after a (written) fix, those of a fixed file that had a fix are gone. */
function findingsLeft(all: readonly Finding[], fixes: FixResult | undefined, dryRun: boolean): readonly Finding[] {
  if (!fixes || dryRun) return all;
  const fixed = new Set(fixes.files.filter((f) => f.status === 'fixed').map((f) => f.path));
  return all.filter((f) => !(f.fix && fixed.has(f.file)));
}

/** The whole process so far: its time since start and its peak resident memory (the kernel's maxrss). */
function wholeRun(): { elapsedMs: number; peakRss: number } {
  return { elapsedMs: process.uptime() * 1000, peakRss: process.resourceUsage().maxRSS * 1024 };
}

/**
 * Runs the command line and sets the exit status. After a run that got to the end
 * (not a usage error, --help or an interrupt), writes the code caches it lacked,
 * so they hold the code a real run compiles; a cache that cannot be written is
 * skipped without a word (it only makes the next start slower).
 */
export function runCli(argv: readonly string[], compileCache?: CompileCache): void {
  const state: CliState = { ran: false, ...(compileCache ? { compileCache } : {}) };
  main(argv, state).then(
    (code) => {
      state.youngGeneration?.stop();
      process.exitCode = code;
      if (compileCache && state.ran) {
        for (const pending of compileCache.pending()) {
          // A generator, so that making the bytes fails like a failed write: nothing written, nothing thrown.
          writeAtomic({ kind: 'cache', path: pending.path, recognise: isCompileCacheHead }, (function* () { yield pending.bytes(); })());
        }
      }
    },
    (err) => {
      process.stderr.write(`batch-ops: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
      process.exitCode = 1;
    },
  );
}
