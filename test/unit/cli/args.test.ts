// The command line's argument parser, called directly (test/unit/cli.test.ts runs
// the built CLI end to end; its mutants would not be seen there).
import assert from 'node:assert/strict';
import { parseCli, UsageError, USAGE } from '../../../src/cli/args';

const usageError = (argv: string[], option: string) =>
  assert.throws(
    () => parseCli(argv),
    (err: Error) => err instanceof UsageError && err.message.includes(option) && !err.message.includes('\n'),
    `${argv.join(' ')} names ${option}`,
  );

describe('parseCli', () => {
  it('defaults: the current folder, gitignore honoured, auto threads, a table, progress on', () => {
    const o = parseCli([]);
    assert.deepEqual(o.roots, ['.']);
    assert.equal(o.gitignore, true);
    assert.equal(o.streamLarge, false);
    assert.equal(o.concurrency, 'auto');
    assert.equal(o.format, 'table');
    assert.equal(o.progress, true);
    assert.equal(o.help, false);
    assert.equal(o.version, false);
    for (const key of ['include', 'exclude', 'maxFileSize', 'markers', 'cacheFile', 'out', 'timeoutMs', 'maxBytes', 'maxLineLength', 'maxRunLength'] as const) {
      assert.equal(o[key], undefined, key);
    }
  });

  it('folders, repeatable globs, switches and values', () => {
    const o = parseCli([
      'docs', 'src',
      '--include', '**/*.md', '--include', '**/*.txt',
      '--exclude', 'build/**', '--exclude', '**/*.log',
      '--no-gitignore', '--stream-large', '--no-progress',
      '--max-file-size', '2MiB', '--concurrency', '3', '--markers', 'TODO, NOTE ,,FIX-ME',
      '--cache', 'c.json', '--format', 'csv', '--out', 'r.csv', '--timeout', '5',
      '--max-bytes', '1GB', '--max-line-length', '0', '--max-run-length', '800',
    ]);
    assert.deepEqual(o.roots, ['docs', 'src']);
    assert.deepEqual(o.include, ['**/*.md', '**/*.txt']);
    assert.deepEqual(o.exclude, ['build/**', '**/*.log']);
    assert.deepEqual([o.gitignore, o.streamLarge, o.progress], [false, true, false]);
    assert.equal(o.maxFileSize, 2 * 1024 * 1024);
    assert.equal(o.concurrency, 3);
    assert.deepEqual(o.markers, ['TODO', 'NOTE', 'FIX-ME']);
    assert.deepEqual([o.cacheFile, o.format, o.out], ['c.json', 'csv', 'r.csv']);
    assert.equal(o.timeoutMs, 5000);
    assert.equal(o.maxBytes, 1e9);
    assert.deepEqual([o.maxLineLength, o.maxRunLength], [0, 800]);
  });

  it('--concurrency auto and 0; every report format; -h and -v', () => {
    assert.equal(parseCli(['--concurrency', 'auto']).concurrency, 'auto');
    assert.equal(parseCli(['--concurrency', '0']).concurrency, 0);
    for (const format of ['table', 'json', 'csv', 'md']) assert.equal(parseCli(['--format', format]).format, format);
    assert.equal(parseCli(['-h']).help, true);
    assert.equal(parseCli(['--help']).help, true);
    assert.equal(parseCli(['-v']).version, true);
    assert.equal(parseCli(['--version']).version, true);
  });

  it('bad usage throws a one-line UsageError naming the option', () => {
    usageError(['--frobnicate'], '--frobnicate');
    usageError(['--format', 'xml'], '--format');
    usageError(['--format', 'xml'], 'xml');
    usageError(['--format', 'xml'], 'table, json, csv, md');
    usageError(['--max-file-size', 'huge'], '--max-file-size');
    usageError(['--max-file-size', '0'], '--max-file-size');
    usageError(['--max-bytes', 'lots'], '--max-bytes');
    usageError(['--max-bytes', '0'], '--max-bytes');
    usageError(['--concurrency', '-1'], '--concurrency');
    usageError(['--concurrency', '1.5'], '--concurrency');
    usageError(['--concurrency', ' 2'], '--concurrency');
    usageError(['--timeout', '0'], '--timeout');
    usageError(['--timeout', 'x1'], '--timeout');
    usageError(['--max-line-length', '-1'], '--max-line-length'); // parseArgs: a value that looks like an option
    usageError(['--max-line-length', '1k'], '--max-line-length');
    usageError(['--max-run-length', 'lots'], '--max-run-length');
    usageError(['--markers', ''], '--markers');
    usageError(['--markers', ' , '], '--markers');
    usageError(['--markers', 'TODO,two words'], '--markers');
    usageError(['--include'], '--include');
  });

  it('the minimum of a whole number is allowed: --timeout 1, --max-line-length 0', () => {
    assert.equal(parseCli(['--timeout', '1']).timeoutMs, 1000);
    assert.equal(parseCli(['--max-line-length', '0']).maxLineLength, 0);
    assert.equal(parseCli(['--max-file-size', '1']).maxFileSize, 1);
  });

  it('the usage text names every option and the exit statuses', () => {
    for (const option of ['--include', '--exclude', '--no-gitignore', '--max-file-size', '--stream-large', '--concurrency', '--markers', '--cache', '--format', '--out', '--timeout', '--max-bytes', '--max-line-length', '--max-run-length', '--no-progress', '--help', '--version']) {
      assert.ok(USAGE.includes(option), option);
    }
  });
});
