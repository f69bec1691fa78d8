// Command-line options -> engine options. Parsing is node:util's parseArgs;
// this file only validates and converts, and names the bad option on error.
import * as os from 'node:os';
import { parseArgs } from 'node:util';
import { REPORT_FORMATS, type ReportFormat } from '../report/format';
import { SETTINGS } from '../settings/table';
import { parseSize } from '../util/units';
import { builtInOperationIds } from '../operations/registry';
import { MODEL_OPERATION_IDS, MODEL_OPTIONS, MODEL_USAGE, parseModelOptions, type ModelCliOptions } from './model-args';
import { OperationsUsageError, parseFailOn, parseOperations, type FailOn } from './operations';

export class UsageError extends Error {}

export interface CliOptions {
  roots: string[];
  include?: string[];
  exclude?: string[];
  gitignore: boolean;
  maxFileSize?: number;
  streamLarge: boolean;
  concurrency: number | 'auto';
  markers?: string[];
  /** Load JavaScript markdownlint configuration files and custom rules (as markdownlint-cli2 does). */
  allowJsConfig: boolean;
  cacheFile?: string;
  format: ReportFormat;
  out?: string;
  progress: boolean;
  timeoutMs?: number;
  maxDocuments?: number;
  maxBytes?: number;
  maxLineLength?: number;
  maxRunLength?: number;
  /** The operations to run (ids). */
  ops: string[];
  /** The lowest finding severity that fails the run. */
  failOn: FailOn;
  /** Apply every fixable finding and write the documents it changes. */
  fix: boolean;
  /** With fix: print the unified diff of the fixes (to standard output or --out) and write no document. */
  dryRun: boolean;
  /** With --ops review or enhance: the endpoint, the model and their limits. */
  model?: ModelCliOptions;
  /** Log each model request on standard error. */
  verbose: boolean;
  help: boolean;
  version: boolean;
  /** One-line notices about options that were adjusted (said on standard error). */
  notices: string[];
}

/** Threads a core at most: more only costs memory and switching (100,000 started about 140 threads and took 3.5 GB). */
export const MAX_THREADS_PER_CORE = 4;

export const USAGE = `Usage: batch-ops [options] [folders...]

Analyse every document under the folders (default: the current folder).

Options:
  --include GLOB          only files matching GLOB (repeatable; root-relative, e.g. '**/*.md')
  --exclude GLOB          skip files matching GLOB (repeatable; adds to the defaults
                          '**/node_modules/**' and '**/.git/**')
  --no-gitignore          do not honour .gitignore files
  --max-file-size SIZE    skip larger files as 'too-large' (default ${SETTINGS.maxFileSize.default}MiB; e.g. 500k, 2MiB)
  --stream-large          stream files over the size limit instead of skipping them
  --concurrency N|auto    worker threads (default auto: one per core; 0 = none;
                          at most 4 per core)
  --markers LIST          comma-separated marker words (default ${SETTINGS.markers.default.join(',')})
  --cache FILE            load results from FILE and save them back (a second run is warm)
  --allow-js-config       lint: load JavaScript configuration files (.markdownlint.cjs, ...)
                          and custom rules, as markdownlint-cli2 does (they run code)
  --ops LIST              operations to run, comma-separated (default: every built-in one;
                          review and enhance, which use a language model, only when named)
  --fail-on LEVEL         exit 1 when a finding is at least LEVEL: error (default),
                          warning, info, or none
  --fix                   apply the fixes of every finding that has one, writing each changed
                          document atomically (only under the folders; a document changed
                          since it was analysed is left alone and reported)
  --dry-run               with --fix: print the fixes as a unified diff (standard output or
                          --out) instead of the report, and write no document
  --format FORMAT         report format: table, json, csv, md or sarif (default table)
  --out FILE              write the report to FILE instead of standard output
  --timeout SECONDS       per-document timeout (default ${SETTINGS.timeoutSeconds.default})
  --max-documents N       stop the run after N documents
  --max-bytes SIZE        stop the run after SIZE of documents
  --max-line-length N     skip a file with a longer line as 'generated' (default ${SETTINGS['generated.maxLineLength'].default}; 0: off)
  --max-run-length N      skip a file with a longer run without white space as 'generated'
                          (default ${SETTINGS['generated.maxRunLength'].default}; 0: off)
  --no-progress           no progress bar on standard error
  -h, --help              show this help
  -v, --version           show the version

${MODEL_USAGE}

Exit status: 0 when every document was processed, cached or skipped and no finding reached
--fail-on; 1 when a document or folder failed or a finding reached --fail-on; 2 for bad usage;
130 when interrupted (SIGINT), 143 when terminated (SIGTERM).`;

export function parseCli(argv: readonly string[]): CliOptions {
  const parsed = parseOptions([...argv]);
  const v = parsed.values;
  const format = (v.format ?? 'table') as ReportFormat;
  if (!REPORT_FORMATS.includes(format)) throw new UsageError(`--format must be one of ${REPORT_FORMATS.join(', ')}, not '${v.format}'`);
  const notices: string[] = [];
  let ops: string[];
  let failOn: FailOn;
  try {
    ops = v.ops === undefined ? parseOperations(undefined) : parseOperations(v.ops, [...builtInOperationIds(), ...MODEL_OPERATION_IDS]);
    failOn = parseFailOn(v['fail-on']);
  } catch (err) {
    if (err instanceof OperationsUsageError) throw new UsageError(err.message);
    throw err;
  }
  let model: ModelCliOptions | undefined;
  try {
    model = parseModelOptions(ops, v);
  } catch (err) {
    throw new UsageError((err as Error).message);
  }
  if (v['dry-run'] && !v.fix) throw new UsageError('--dry-run goes with --fix (it shows the fixes without writing them)');
  return {
    roots: parsed.positionals.length > 0 ? parsed.positionals : ['.'],
    include: v.include,
    exclude: v.exclude,
    gitignore: !v['no-gitignore'],
    maxFileSize: v['max-file-size'] === undefined ? undefined : size('--max-file-size', v['max-file-size']),
    streamLarge: v['stream-large'] ?? false,
    concurrency: v.concurrency === undefined || v.concurrency === 'auto' ? 'auto' : threads(v.concurrency, notices),
    markers: v.markers === undefined ? undefined : markers(v.markers),
    allowJsConfig: v['allow-js-config'] ?? false,
    cacheFile: v.cache,
    format,
    out: v.out,
    progress: !v['no-progress'],
    timeoutMs: v.timeout === undefined ? undefined : whole('--timeout', v.timeout, 1) * 1000,
    maxDocuments: v['max-documents'] === undefined ? undefined : whole('--max-documents', v['max-documents'], 1),
    maxBytes: v['max-bytes'] === undefined ? undefined : size('--max-bytes', v['max-bytes']),
    maxLineLength: v['max-line-length'] === undefined ? undefined : whole('--max-line-length', v['max-line-length'], 0),
    maxRunLength: v['max-run-length'] === undefined ? undefined : whole('--max-run-length', v['max-run-length'], 0),
    ops,
    failOn,
    fix: v.fix ?? false,
    dryRun: v['dry-run'] ?? false,
    ...(model ? { model } : {}),
    verbose: v.verbose ?? false,
    help: v.help ?? false,
    version: v.version ?? false,
    notices,
  };
}

/**
 * node:util's parseArgs. A value that starts with a dash (`--concurrency -1`) is
 * "ambiguous" to it, with a message over three lines: such a value is taken as
 * the option's value (as `--concurrency=-1`), so the option's own check names
 * what is wrong with it in one complete line.
 */
function parseOptions(args: string[]) {
  for (;;) {
    try {
      return parseArgs({
        args,
        allowPositionals: true,
        strict: true,
        options: OPTIONS,
      });
    } catch (err) {
      const e = err as Error & { code?: string };
      const option = /^Option '(--[\w-]+)/.exec(e.message)?.[1];
      const at = option ? args.indexOf(option) : -1;
      if (e.code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && /ambiguous/.test(e.message) && at >= 0 && at + 1 < args.length) {
        args = [...args.slice(0, at), `${option}=${args[at + 1]}`, ...args.slice(at + 2)];
        continue;
      }
      const [firstLine = ''] = e.message.split('\n');
      throw new UsageError(firstLine);
    }
  }
}

const OPTIONS = {
  include: { type: 'string', multiple: true },
  exclude: { type: 'string', multiple: true },
  'no-gitignore': { type: 'boolean' },
  'max-file-size': { type: 'string' },
  'stream-large': { type: 'boolean' },
  concurrency: { type: 'string' },
  markers: { type: 'string' },
  'allow-js-config': { type: 'boolean' },
  cache: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  timeout: { type: 'string' },
  'max-documents': { type: 'string' },
  'max-bytes': { type: 'string' },
  'max-line-length': { type: 'string' },
  'max-run-length': { type: 'string' },
  'no-progress': { type: 'boolean' },
  ops: { type: 'string' },
  'fail-on': { type: 'string' },
  fix: { type: 'boolean' },
  'dry-run': { type: 'boolean' },
  ...MODEL_OPTIONS,
  verbose: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Worker threads: a whole number, at most MAX_THREADS_PER_CORE a core (a larger one is lowered, with a notice). */
function threads(text: string, notices: string[]): number {
  const n = whole('--concurrency', text, 0);
  const max = MAX_THREADS_PER_CORE * os.availableParallelism();
  if (n <= max) return n;
  notices.push(`--concurrency ${n} is more than ${MAX_THREADS_PER_CORE} threads a core: using ${max}`);
  return max;
}

function whole(option: string, text: string, min: number): number {
  if (!/^\d+$/.test(text) || Number(text) < min) throw new UsageError(`${option} takes a whole number of at least ${min}, not '${text}'`);
  return Number(text);
}

function size(option: string, text: string): number {
  const n = parseSize(text);
  if (n === undefined || n <= 0) throw new UsageError(`${option} takes a size such as 500k, 10MiB or 1GB, not '${text}'`);
  return n;
}

function markers(text: string): string[] {
  const list = text.split(',').map((m) => m.trim()).filter(Boolean);
  if (list.length === 0 || list.some((m) => !/^[\p{L}\p{N}_-]+$/u.test(m))) throw new UsageError(`--markers takes comma-separated words, not '${text}'`);
  return list;
}
