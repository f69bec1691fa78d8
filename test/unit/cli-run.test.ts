// The command line's run: exit statuses, signals, options it adjusts, and the
// summary's figures.
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CLI, cli, publicTempDir, unprivilegedRunner } from '../helpers/cli';
import { makeTree, removeTree, writeTree } from '../helpers/tree';

describe('batch-ops: exit status, signals and summary', function () {
  this.timeout(120_000);
  let root: string | undefined;
  afterEach(() => {
    if (root) removeTree(root);
    root = undefined;
  });

  it('exits 1 when a folder (or document) failed, and 0 when none did', function () {
    const run = unprivilegedRunner();
    if (!run) this.skip(); // root without setpriv: permission bits cannot be tested
    root = publicTempDir('bom-exit-');
    writeTree(root, { 'a.md': 'a\n', 'locked/secret.md': 'secret\n' });
    const ok = run!([root, '--format', 'json', '--no-progress', '--exclude', '**/locked/**']);
    assert.equal(ok.status, 0, ok.stderr);
    fs.chmodSync(path.join(root, 'locked'), 0o000);
    try {
      const bad = run!([root, '--format', 'json', '--no-progress']);
      assert.equal(bad.status, 1, bad.stderr);
      const report = JSON.parse(bad.stdout);
      const locked = report.documents.find((d: { path: string }) => d.path === path.join(root!, 'locked'));
      assert.deepEqual([locked?.status, locked?.reason], ['failed', 'permission-denied']);
      assert.equal(report.summary.accounted, true);
      assert.equal(report.summary.counts.discovered, 2);
    } finally {
      fs.chmodSync(path.join(root, 'locked'), 0o755);
    }
    // A document that cannot be read: failed permission-denied, exit 1.
    fs.chmodSync(path.join(root, 'a.md'), 0o000);
    const doc = run!([root, '--format', 'json', '--no-progress', '--exclude', '**/locked/**']);
    assert.equal(doc.status, 1, doc.stderr);
    assert.deepEqual(JSON.parse(doc.stdout).summary.failedByReason, { 'permission-denied': 1 });
  });

  it('case 7: SIGTERM ends the run like SIGINT: a report with state cancelled, the cache saved, exit 143', async function () {
    const spec: Record<string, string> = {};
    for (let i = 0; i < 4000; i++) spec[`d${i % 40}/f${i}.md`] = `word `.repeat(200 + (i % 50)) + '\n';
    root = makeTree(spec);
    const fifo = path.join(root, '..', `${path.basename(root)}.fifo`);
    execFileSync('mkfifo', [fifo]);
    const cache = path.join(root, '..', `${path.basename(root)}.cache`);
    try {
      // The FIFO root makes discovery warn as soon as the run has started (and its signal handlers are in place).
      const child = spawn(process.execPath, [CLI, root, fifo, '--format', 'json', '--cache', cache, '--concurrency', '1'], { stdio: ['ignore', 'pipe', 'pipe'] });
      let stdout = '';
      let stderr = '';
      child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
      const warned = new Promise<void>((resolve) =>
        child.stderr.setEncoding('utf8').on('data', (d: string) => {
          stderr += d;
          if (/warning: root is not a directory/.test(stderr)) resolve();
        }),
      );
      const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
      await warned;
      child.kill('SIGTERM');
      const code = await exited;
      assert.equal(code, 143, stderr);
      const report = JSON.parse(stdout);
      assert.equal(report.summary.state, 'cancelled');
      assert.equal(report.summary.accounted, true);
      assert.ok(fs.statSync(cache).size > 0, 'the cache was saved');
      assert.match(fs.readFileSync(cache, 'latin1').slice(0, 40), /^\{"format":"batch-ops-cache"/);
    } finally {
      fs.rmSync(fifo, { force: true });
      fs.rmSync(cache, { force: true });
    }
  });

  it('case 9: --concurrency is clamped to 4 threads a core with a notice; a negative or fractional value is a complete one-line usage error', () => {
    root = makeTree({ 'a.md': 'a\n' });
    const max = 4 * os.availableParallelism();
    const r = cli([root, '--concurrency', '100000', '--format', 'json']);
    assert.equal(r.status, 0, r.stderr);
    assert.ok(r.stderr.split('\n').includes(`batch-ops: --concurrency 100000 is more than 4 threads a core: using ${max}`), r.stderr);
    for (const value of ['-1', '1.5', '-0.5']) {
      const bad = cli([root, '--concurrency', value]);
      assert.equal(bad.status, 2, bad.stderr);
      assert.deepEqual(bad.stderr.trim().split('\n'), [`batch-ops: --concurrency takes a whole number of at least 0, not '${value}' (see --help)`]);
    }
  });

  it('case 11: the summary gives the whole run\'s time and peak RSS beside the engine\'s, on stderr and in the report', () => {
    root = makeTree({ 'a.md': 'a\n', 'b.md': 'b\n' });
    const md = cli([root, '--format', 'md']);
    assert.equal(md.status, 0, md.stderr);
    const line = /in total ([\d.]+ m?s) \(engine ([\d.]+ m?s)\).*peak RSS ([\d.]+ [KMG]i?B) in total \(engine ([\d.]+ [KMG]i?B)\)/;
    assert.match(md.stderr, line);
    assert.match(md.stdout, line);
    const json = JSON.parse(cli([root, '--format', 'json']).stdout);
    const { whole, elapsedMs, peakRss } = json.summary;
    assert.ok(whole.elapsedMs > elapsedMs, `whole ${whole.elapsedMs} ms > engine ${elapsedMs} ms`);
    assert.ok(whole.peakRss >= peakRss * 0.9 && whole.peakRss > 10 * 1024 * 1024, `whole RSS ${whole.peakRss}, engine ${peakRss}`);
  });
});
