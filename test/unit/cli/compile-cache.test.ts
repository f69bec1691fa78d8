// The command line's V8 code cache (src/cli/compile-cache.ts): bundles load with
// the code an earlier run compiled, never with code made for other text, and only
// from a folder no one else can write.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { CompileCache, compileCacheFolder, isCompileCacheHead, COMPILE_CACHE_HEAD } from '../../../src/cli/compile-cache';
import { makeTree, removeTree } from '../../helpers/tree';
import { cli as run } from '../../helpers/cli';

/** Writes what a run would write at its end (the command line does it through writeAtomic). */
function savePending(cache: CompileCache): string[] {
  const written = cache.pending().map((p) => {
    fs.writeFileSync(p.path, p.bytes());
    return path.basename(p.path);
  });
  return written.sort();
}

describe('CompileCache', () => {
  let tree: string;
  let folder: string;
  beforeEach(() => {
    tree = makeTree({
      'main.js': [
        "const helper = require('./helper.js');",
        "const again = require('./helper.js');",
        "module.exports = { value: helper.twice(21), same: helper === again, join: typeof require('node:path').join, dir: __dirname, file: __filename, self: this === module.exports };",
      ].join('\n'),
      'helper.js': 'globalThis.__helperLoads = (globalThis.__helperLoads ?? 0) + 1;\nexports.twice = (n) => n * 2;\n',
    });
    folder = path.join(tree, 'cache');
    fs.mkdirSync(folder, { mode: 0o700 });
  });
  afterEach(() => {
    removeTree(tree);
    delete (globalThis as { __helperLoads?: number }).__helperLoads;
  });

  it('runs a bundle as CommonJS: its require loads sibling bundles once, and Node modules as require would', () => {
    const exports = new CompileCache(folder).load(path.join(tree, 'main.js')) as Record<string, unknown>;
    assert.deepEqual(exports, { value: 42, same: true, join: 'function', dir: tree, file: path.join(tree, 'main.js'), self: true });
    assert.equal((globalThis as { __helperLoads?: number }).__helperLoads, 1);
  });

  it('writes a cache for each bundle it compiled, and the next start uses them and has none to write', () => {
    const first = new CompileCache(folder);
    first.load(path.join(tree, 'main.js'));
    const written = savePending(first);
    assert.deepEqual(written.map((f) => f.slice(0, f.indexOf('-'))), ['helper', 'main']);
    for (const name of written) assert.ok(isCompileCacheHead(fs.readFileSync(path.join(folder, name))), `${name} starts with the header`);

    const second = new CompileCache(folder);
    const exports = second.load(path.join(tree, 'main.js')) as { value: number };
    assert.equal(exports.value, 42);
    assert.deepEqual(second.pending(), [], 'both caches were accepted');
  });

  it('regression: never runs code cached for other text of the same length (V8 checks only the length)', () => {
    const file = path.join(tree, 'same.js');
    fs.writeFileSync(file, 'module.exports = 111;');
    const first = new CompileCache(folder);
    assert.equal(first.load(file), 111);
    savePending(first);

    fs.writeFileSync(file, 'module.exports = 222;');
    const second = new CompileCache(folder);
    assert.equal(second.load(file), 222);
    assert.equal(second.pending().length, 1, 'the stale cache is written again for the new text');
  });

  it('ignores a file in its place that is not one of its caches, and writes it again', () => {
    const first = new CompileCache(folder);
    first.load(path.join(tree, 'main.js'));
    savePending(first);
    const helper = fs.readdirSync(folder).find((f) => f.startsWith('helper-'))!;
    fs.writeFileSync(path.join(folder, helper), 'not a cache');
    const second = new CompileCache(folder);
    assert.equal((second.load(path.join(tree, 'main.js')) as { value: number }).value, 42);
    assert.deepEqual(
      second.pending().map((p) => path.basename(p.path)),
      [helper],
    );
  });

  it('without a folder compiles from the text and has nothing to write', () => {
    const off = new CompileCache(undefined);
    assert.equal((off.load(path.join(tree, 'main.js')) as { value: number }).value, 42);
    assert.deepEqual(off.pending(), []);
  });
});

describe('compileCacheFolder', () => {
  let tree: string;
  beforeEach(() => {
    tree = makeTree({});
  });
  afterEach(() => removeTree(tree));

  it('creates its folder for this user alone (0700) and uses it', () => {
    const dir = path.join(tree, 'made');
    assert.equal(compileCacheFolder({ BATCH_OPS_COMPILE_CACHE: dir }), dir);
    assert.equal(fs.statSync(dir).mode & 0o777, 0o700);
  });

  it('is off when asked (Node\'s own switch, or off), and for a folder others can write or a link', () => {
    const dir = path.join(tree, 'made');
    assert.equal(compileCacheFolder({ BATCH_OPS_COMPILE_CACHE: dir, NODE_DISABLE_COMPILE_CACHE: '1' }), undefined);
    assert.equal(compileCacheFolder({ BATCH_OPS_COMPILE_CACHE: 'off' }), undefined);
    assert.ok(!fs.existsSync(dir), 'nothing is created when off');

    const open = path.join(tree, 'open');
    fs.mkdirSync(open);
    fs.chmodSync(open, 0o777);
    assert.equal(compileCacheFolder({ BATCH_OPS_COMPILE_CACHE: open }), undefined);
    fs.chmodSync(open, 0o755);
    assert.equal(compileCacheFolder({ BATCH_OPS_COMPILE_CACHE: open }), open, 'the same folder, writable by its owner alone');

    const link = path.join(tree, 'link');
    fs.symlinkSync(open, link);
    assert.equal(compileCacheFolder({ BATCH_OPS_COMPILE_CACHE: link }), undefined);
  });
});

describe('the command line with its code cache', function () {
  this.timeout(60_000);
  let tree: string;
  beforeEach(() => {
    tree = makeTree({ 'docs/a.md': '# A\n\nSee [b](b.md#b) and [nowhere](#nowhere).\n', 'docs/b.md': '# B\n' });
  });
  afterEach(() => removeTree(tree));

  /** What a report says of the documents, without the times. */
  const withoutTimes = (report: string) => {
    const r = JSON.parse(report) as { documents: Record<string, unknown>[]; findings: unknown[] };
    return { documents: r.documents.map(({ ms: _ms, ...d }) => d), findings: r.findings };
  };

  it('writes its caches after a run, runs the same from them, and leaves alone a file there that is not its own', () => {
    const cache = path.join(tree, 'cache');
    const args = [path.join(tree, 'docs'), '--ops', 'analyze,links', '--format', 'json', '--fail-on', 'none'];
    const help = run(['--help'], { BATCH_OPS_COMPILE_CACHE: cache });
    assert.equal(help.status, 0);
    assert.deepEqual(fs.existsSync(cache) ? fs.readdirSync(cache) : [], [], '--help writes no cache');

    const cold = run(args, { BATCH_OPS_COMPILE_CACHE: cache });
    assert.equal(cold.status, 0, cold.stderr);
    const files = fs.readdirSync(cache).sort();
    assert.deepEqual(
      files.map((f) => f.replace(/-[0-9a-f]{12}-.*$/, '')),
      ['cli-main', 'op-links', 'op-links-parse'],
    );
    for (const f of files) assert.ok(fs.readFileSync(path.join(cache, f)).subarray(0, COMPILE_CACHE_HEAD.length).toString() === COMPILE_CACHE_HEAD);

    const stamps = files.map((f) => fs.statSync(path.join(cache, f)).mtimeMs);
    const warm = run(args, { BATCH_OPS_COMPILE_CACHE: cache });
    assert.equal(warm.status, 0, warm.stderr);
    assert.deepEqual(withoutTimes(warm.stdout), withoutTimes(cold.stdout));
    assert.deepEqual(files.map((f) => fs.statSync(path.join(cache, f)).mtimeMs), stamps, 'caches that were used are not written again');

    const notOurs = path.join(cache, files[0]!);
    fs.writeFileSync(notOurs, 'somebody else\'s file');
    const again = run(args, { BATCH_OPS_COMPILE_CACHE: cache });
    assert.equal(again.status, 0, again.stderr);
    assert.equal(again.stderr.includes('cache'), cold.stderr.includes('cache'), 'nothing said about it');
    assert.equal(fs.readFileSync(notOurs, 'utf8'), 'somebody else\'s file');
  });

  // Regression: once the young generation's bound was in force (cli/young-generation.ts),
  // V8 refused the caches made under other flags, and every run over a tree large
  // enough for the bound compiled from the text and wrote its caches again.
  it('keeps using its caches after runs that bound the young generation', () => {
    const big: Record<string, string> = {};
    for (let i = 0; i < 1500; i++) big[`big/d${i}.md`] = `# Document ${i}\n\n${'Words of some length, and [a link](d0.md#document-0). '.repeat(40)}\n`;
    const bigTree = makeTree(big);
    try {
      const cache = path.join(bigTree, 'cache');
      const args = [path.join(bigTree, 'big'), '--ops', 'analyze,links', '--concurrency', '0', '--format', 'json', '--out', path.join(bigTree, 'report.json'), '--cache', path.join(bigTree, 'results.cache'), '--fail-on', 'none'];
      assert.equal(run(args, { BATCH_OPS_COMPILE_CACHE: cache }).status, 0);
      const files = fs.readdirSync(cache).sort();
      const stamps = () => files.map((f) => fs.statSync(path.join(cache, f)).mtimeMs);
      const before = stamps();
      for (let i = 0; i < 2; i++) assert.equal(run(args, { BATCH_OPS_COMPILE_CACHE: cache }).status, 0);
      assert.deepEqual(stamps(), before, 'caches that were used are not written again');
    } finally {
      removeTree(bigTree);
    }
  });
});
