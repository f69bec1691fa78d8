#!/usr/bin/env node
// batch-ops: the engine on any folder, from a terminal or a CI pipeline.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseCli, UsageError, USAGE, type CliOptions } from './cli/args';
import { ProgressBar } from './cli/progress';
import { DEFAULT_EXCLUDES } from './engine/discover';
import { Engine } from './engine/engine';
import { formatReport, summaryLines } from './report/format';

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
    operations: [{ id: 'analyze', settings: options.markers ? { markers: options.markers } : {} }],
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

  const text = formatReport(options.format, report, { roots });
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
  if (report.summary.state === 'cancelled') return 130;
  return report.summary.counts.failed > 0 ? 1 : 0;
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
