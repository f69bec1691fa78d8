#!/usr/bin/env node
// batch-ops: the engine on any folder, from a terminal or a CI pipeline.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCli, UsageError, USAGE, type CliOptions } from './cli/args';
import { ProgressBar } from './cli/progress';
import { DEFAULT_EXCLUDES } from './engine/discover';
import { Engine } from './engine/engine';
import { formatReport, summaryLines } from './report/format';
import { exitStatus } from './cli/operations';
import { createOperations } from './operations/registry';

declare const BATCH_OPS_VERSION: string | undefined;

async function main(argv: readonly string[]): Promise<number> {
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
      process.stderr.write(`batch-ops: folder '${root}' does not exist\n`);
      return 2;
    }
  }

  const specs = options.ops.map((id) => (id === 'analyze' && options.markers ? { id, settings: { markers: options.markers } } : { id }));
  const operations = createOperations(specs).map((op) => ({ id: op.id, version: op.version, rules: op.rules ?? [] }));
  const engine = new Engine({ concurrency: options.concurrency, timeoutMs: options.timeoutMs });
  if (options.cacheFile) {
    const { warning } = engine.cache.load(options.cacheFile);
    if (warning) process.stderr.write(`batch-ops: warning: ${warning}\n`);
  }
  const controller = new AbortController();
  const onSigint = () => controller.abort();
  process.once('SIGINT', onSigint);

  const run = engine.run({
    roots,
    discover: {
      include: options.include,
      ...(options.exclude ? { exclude: [...DEFAULT_EXCLUDES, ...options.exclude] } : {}),
      useGitignore: options.gitignore,
      maxFileSize: options.maxFileSize,
      streamLarge: options.streamLarge,
    },
    generated: { maxLineLength: options.maxLineLength, maxRunLength: options.maxRunLength },
    operations: specs,
    signal: controller.signal,
    limits: { maxDocuments: options.maxDocuments, maxBytes: options.maxBytes },
  });
  const bar = options.progress && process.stderr.isTTY ? new ProgressBar(process.stderr) : undefined;
  if (bar) run.on('progress', (p) => bar.draw(p));
  run.on('warning', (w) => {
    bar?.clear();
    process.stderr.write(`batch-ops: warning: ${w.message}${w.path ? ` (${w.path})` : ''}\n`);
  });
  const report = await run.done;
  bar?.clear();
  process.off('SIGINT', onSigint);

  const toolVersion = typeof BATCH_OPS_VERSION === 'string' ? BATCH_OPS_VERSION : 'dev';
  const text = formatReport(options.format, report, { roots, operations, toolVersion });
  if (options.out) fs.writeFileSync(options.out, text);
  else process.stdout.write(text);
  process.stderr.write(summaryLines(report.summary).map((l) => `batch-ops: ${l}`).join('\n') + '\n');

  if (options.cacheFile) {
    try {
      engine.cache.save(options.cacheFile);
    } catch (err) {
      process.stderr.write(`batch-ops: warning: could not save the cache to ${options.cacheFile}: ${(err as Error).message}\n`);
    }
  }
  await engine.close();
  return exitStatus(report.summary, report.findings.all(), options.failOn);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`batch-ops: ${err instanceof Error ? err.stack ?? err.message : String(err)}\n`);
    process.exitCode = 1;
  },
);
