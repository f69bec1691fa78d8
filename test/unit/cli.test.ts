import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli, PROJECT } from '../helpers/cli';
import { makeTree, removeTree } from '../helpers/tree';

describe('batch-ops (command line)', function () {
  this.timeout(120_000);
  let root: string;
  afterEach(() => root && removeTree(root));

  it('exits 2 with a one-line message naming a bad option', () => {
    for (const [args, name] of [
      [['--frobnicate'], '--frobnicate'],
      [['--format', 'xml'], '--format'],
      [['--max-file-size', 'huge'], '--max-file-size'],
      [['--concurrency', '-1'], '--concurrency'],
    ] as const) {
      const r = cli([...args]);
      assert.equal(r.status, 2, `${args.join(' ')} -> ${r.status}`);
      const lines = r.stderr.trim().split('\n');
      assert.equal(lines.length, 1, r.stderr);
      assert.ok(lines[0]!.includes(name), lines[0]);
    }
    assert.equal(cli(['/no/such/folder']).status, 2);
  });

  it('reports each document once in json, csv and md, and exits 0', () => {
    root = makeTree({ 'a.md': '# Title\n\nHello world. TODO: more\n', 'b, "odd".txt': 'one two\n', 'bin.dat': Buffer.from([1, 0, 2]) });
    const json = cli([root, '--format', 'json', '--no-progress']);
    assert.equal(json.status, 0, json.stderr);
    const report = JSON.parse(json.stdout);
    assert.equal(report.documents.length, 3);
    assert.equal(report.summary.accounted, true);
    const bin = report.documents.find((d: { file: string }) => d.file === 'bin.dat');
    assert.deepEqual([bin.status, bin.reason], ['skipped', 'binary']);
    const a = report.documents.find((d: { file: string }) => d.file === 'a.md');
    assert.equal(a.results.analyze.markers[0].tag, 'TODO');

    const csv = cli([root, '--format', 'csv']);
    const rows = csv.stdout.trim().split('\r\n');
    assert.equal(rows.length, 4);
    assert.ok(rows.some((r) => r.includes('"b, ""odd"".txt"')), 'CSV quoting');

    const out = path.join(root, '..', `${path.basename(root)}.md`);
    const md = cli([root, '--format', 'md', '--out', out]);
    assert.equal(md.status, 0);
    const text = fs.readFileSync(out, 'utf8');
    fs.rmSync(out);
    assert.match(text, /^# Batch report/);
    assert.match(text, /\| bin\.dat \| skipped \| binary \|/);
    assert.match(md.stderr, /3 documents: 2 processed, 0 cached, 1 skipped, 0 failed/);
    // Without --cache nothing is looked up or kept, and the summary says so instead of a 0% hit rate.
    assert.match(md.stderr, /^batch-ops: cache: not used$/m);
  });

  it('a second run with --cache is served from the cache', () => {
    root = makeTree({ 'a.md': 'one\n', 'b.md': 'two\n' });
    const cache = path.join(root, '..', `${path.basename(root)}.cache.json`);
    try {
      assert.equal(cli([root, '--cache', cache]).status, 0);
      const second = cli([root, '--cache', cache, '--format', 'json']);
      assert.equal(JSON.parse(second.stdout).summary.counts.cached, 2);
      assert.match(second.stderr, /^batch-ops: cache: 100\.0% hit rate \(2 hits, 0 misses, 0 evictions\)$/m);
      // A damaged cache file (its header intact) is ignored with a warning and rebuilt.
      const saved = fs.readFileSync(cache, 'utf8');
      fs.writeFileSync(cache, saved.slice(0, -3));
      const third = cli([root, '--cache', cache, '--format', 'json']);
      assert.equal(third.status, 0);
      assert.match(third.stderr, /warning: cache file .* ignored/);
      assert.equal(JSON.parse(third.stdout).summary.counts.processed, 2);
      assert.equal(JSON.parse(cli([root, '--cache', cache, '--format', 'json']).stdout).summary.counts.cached, 2, 'rebuilt');
      // A file that is not a cache file is not ours: refused before the run, and kept.
      fs.writeFileSync(cache, 'garbage');
      const fourth = cli([root, '--cache', cache, '--format', 'json']);
      assert.equal(fourth.status, 2);
      assert.equal(fs.readFileSync(cache, 'utf8'), 'garbage');
    } finally {
      fs.rmSync(cache, { force: true });
    }
  });

  describe('on the tldr corpus', () => {
    const archive = path.resolve(PROJECT, '..', 'shared', 'corpora', 'tldr-pages.tgz');
    const tldr = '/tmp/corpora/tldr';
    before(function () {
      if (!fs.existsSync(archive) && !fs.existsSync(tldr)) this.skip();
      if (!fs.existsSync(tldr)) {
        fs.mkdirSync('/tmp/corpora', { recursive: true });
        execFileSync('tar', ['-xzf', archive, '-C', '/tmp/corpora']);
      }
    });

    it('reports every file exactly once, images as binary, and totals that agree with an independent count', () => {
      const r = cli([tldr, '--ops', 'analyze', '--format', 'json', '--no-gitignore']);
      assert.equal(r.status, 0, r.stderr);
      const report = JSON.parse(r.stdout);
      const docs: { path: string; status: string; reason?: string; results?: { analyze: { words: number; lines: number } } }[] = report.documents;

      // Independent walk: every regular file and every symbolic link under the tree.
      const expected: string[] = [];
      const walk = (dir: string) => {
        for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
          const p = path.join(dir, e.name);
          if (e.isSymbolicLink() || e.isFile()) expected.push(p);
          else if (e.isDirectory()) walk(p);
        }
      };
      walk(tldr);
      assert.deepEqual(docs.map((d) => d.path).sort(), expected.sort());
      assert.equal(report.summary.accounted, true);

      for (const d of docs.filter((d) => /\.(png|jpe?g|gif|ico)$/i.test(d.path))) assert.deepEqual([d.status, d.reason], ['skipped', 'binary'], d.path);

      // Independent totals, by a different method: regular expressions over whole files.
      const CJK = /[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]/u;
      let words = 0;
      let lines = 0;
      for (const d of docs.filter((d) => d.status === 'processed')) {
        let text = fs.readFileSync(d.path, 'utf8');
        if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
        for (const run of text.match(/[\p{L}\p{N}\p{M}]+/gu) ?? []) {
          // Each CJK character is a word; the runs between them are words too.
          let inRun = false;
          for (const ch of run) {
            if (CJK.test(ch)) {
              words++;
              inRun = false;
            } else if (!inRun && !/\p{M}/u.test(ch)) {
              words++;
              inRun = true;
            } else if (/\p{M}/u.test(ch) && !inRun) {
              words++;
              inRun = true;
            }
          }
        }
        lines += text === '' ? 0 : text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      }
      const total = docs.reduce((acc, d) => ({ words: acc.words + (d.results?.analyze.words ?? 0), lines: acc.lines + (d.results?.analyze.lines ?? 0) }), { words: 0, lines: 0 });
      assert.equal(total.lines, lines);
      assert.equal(total.words, words);
    });
  });
});
