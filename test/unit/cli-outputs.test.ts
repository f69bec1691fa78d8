// The files the command line writes (--out, --cache): never a user's file, bad
// paths found before the run, and never read back as documents.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli } from '../helpers/cli';
import { makeTree, removeTree } from '../helpers/tree';

describe('batch-ops: the files it writes', function () {
  this.timeout(60_000);
  let root: string;
  afterEach(() => root && removeTree(root));

  const oneLineUsageError = (r: ReturnType<typeof cli>, option: string, what: RegExp) => {
    assert.equal(r.status, 2, r.stderr);
    const lines = r.stderr.trim().split('\n');
    assert.equal(lines.length, 1, r.stderr);
    assert.ok(lines[0]!.includes(option), lines[0]);
    assert.match(lines[0]!, what);
    assert.equal(r.stdout, '', 'no run happened');
  };

  it('case 1: --cache naming a file that is not a cache file is refused before the run, and the file is untouched', () => {
    root = makeTree({ 'notes.md': '# Notes\n', 'sub/doc.md': 'text\n' });
    const precious = path.join(root, '..', `${path.basename(root)}-mytext.txt`);
    fs.writeFileSync(precious, 'precious\n');
    try {
      oneLineUsageError(cli([root, '--cache', precious]), '--cache', /not a batch-ops cache file/);
      assert.equal(fs.readFileSync(precious, 'utf8'), 'precious\n');
      // The same for a document inside the analysed tree.
      oneLineUsageError(cli([root, '--cache', path.join(root, 'sub', 'doc.md')]), '--cache', /not a batch-ops cache file/);
      assert.equal(fs.readFileSync(path.join(root, 'sub', 'doc.md'), 'utf8'), 'text\n');
    } finally {
      fs.rmSync(precious, { force: true });
    }
  });

  it('case 2: --out naming an input document is refused; --out X --cache X is refused', () => {
    root = makeTree({ 'notes.md': '# Notes\n', 'b.md': 'b\n' });
    const notes = path.join(root, 'notes.md');
    oneLineUsageError(cli([root, '--format', 'md', '--out', notes]), '--out', /document of this run/);
    assert.equal(fs.readFileSync(notes, 'utf8'), '# Notes\n');
    const x = path.join(root, '..', `${path.basename(root)}-x`);
    try {
      oneLineUsageError(cli([root, '--out', x, '--cache', x]), '--out', /same file/);
      assert.equal(fs.existsSync(x), false);
    } finally {
      fs.rmSync(x, { force: true });
    }
  });

  it('case 3: --out into a missing folder or onto a folder is a one-line usage error before the run (exit 2)', () => {
    root = makeTree({ 'a.md': 'a\n' });
    oneLineUsageError(cli([root, '--out', path.join(root, 'no', 'such', 'report.md')]), '--out', /does not exist.*create it first/);
    oneLineUsageError(cli([root, '--out', root]), '--out', /is a folder/);
    oneLineUsageError(cli([root, '--cache', path.join(root, 'missing', 'c.json')]), '--cache', /does not exist/);
  });

  it('case 12: a cache and a report kept inside the analysed tree are not documents of the run; a report replaces the previous one', () => {
    root = makeTree({ 'a.md': 'one\n', 'b.md': 'two\n' });
    const cache = path.join(root, '.batch-cache.json');
    const out = path.join(root, 'report.json');
    for (let i = 0; i < 2; i++) {
      const r = cli([root, '--cache', cache, '--format', 'json', '--out', out, '--no-progress']);
      assert.equal(r.status, 0, r.stderr);
      const report = JSON.parse(fs.readFileSync(out, 'utf8'));
      assert.deepEqual(report.documents.map((d: { file: string }) => d.file), ['a.md', 'b.md'], `run ${i + 1}`);
      assert.equal(report.summary.counts.discovered, 2);
    }
    assert.deepEqual(fs.readdirSync(root).sort(), ['.batch-cache.json', 'a.md', 'b.md', 'report.json'], 'no temporary file left');
  });

  it('case 10: a read-only cache file is read but not replaced: one warning, exit status 0, mode and content kept', () => {
    root = makeTree({ 'a.md': 'one\n' });
    const cache = path.join(root, '..', `${path.basename(root)}.cache`);
    try {
      assert.equal(cli([root, '--cache', cache]).status, 0);
      fs.chmodSync(cache, 0o444);
      const before = fs.readFileSync(cache);
      fs.writeFileSync(path.join(root, 'b.md'), 'two\n');
      const r = cli([root, '--cache', cache, '--format', 'json']);
      assert.equal(r.status, 0, r.stderr);
      assert.equal(JSON.parse(r.stdout).summary.counts.cached, 1, 'the read-only cache was read');
      assert.deepEqual(r.stderr.split('\n').filter((l) => /^batch-ops: warning/.test(l)), [`batch-ops: warning: cache not saved: ${cache} is read-only`]);
      assert.deepEqual(fs.readFileSync(cache), before);
      assert.equal(fs.statSync(cache).mode & 0o777, 0o444);
    } finally {
      fs.rmSync(cache, { force: true });
    }
  });

  it('case 10: temporary files a killed save left next to the cache are removed by the next run\'s save', () => {
    root = makeTree({ 'a.md': 'one\n' });
    const dir = path.join(root, '..', `${path.basename(root)}-cache`);
    fs.mkdirSync(dir);
    const cache = path.join(dir, 'batch.cache');
    try {
      assert.equal(cli([root, '--cache', cache]).status, 0);
      const deadPid = 2 ** 22 + 4321; // above Linux's pid_max: no such process
      const leftovers = [`batch.cache.${deadPid}.1764590000000.1.tmp`, `.batch.cache.${deadPid}.abcdef012345.tmp`];
      for (const name of leftovers) fs.writeFileSync(path.join(dir, name), '{"format":"batch-ops-cache"');
      fs.writeFileSync(path.join(root, 'b.md'), 'two\n');
      assert.equal(cli([root, '--cache', cache]).status, 0);
      assert.deepEqual(fs.readdirSync(dir), ['batch.cache']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('the report goes through the atomic write path: it keeps the mode of the report it replaces', () => {
    root = makeTree({ 'a.md': 'one\n' });
    const out = path.join(root, '..', `${path.basename(root)}.csv`);
    try {
      assert.equal(cli([root, '--format', 'csv', '--out', out]).status, 0);
      fs.chmodSync(out, 0o600);
      assert.equal(cli([root, '--format', 'csv', '--out', out]).status, 0);
      assert.equal(fs.statSync(out).mode & 0o777, 0o600);
      assert.match(fs.readFileSync(out, 'utf8'), /^root,file,status/);
    } finally {
      fs.rmSync(out, { force: true });
    }
  });
});
