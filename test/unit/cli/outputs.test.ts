// The files a command-line run writes (--out, --cache), checked before the run,
// called directly (test/unit/cli-outputs.test.ts runs the built CLI end to end).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkOutputs, refusalAdvice, reportTarget } from '../../../src/cli/outputs';
import { makeTree, removeTree } from '../../helpers/tree';
import type { WriteRefusal, WriteRefusalReason } from '../../../src/engine/write/write-target';

describe('cli outputs', () => {
  let root: string;
  beforeEach(() => {
    root = makeTree({ 'docs/a.md': '# A\n', 'old.csv': 'root,file\r\n', 'cache.json': '{"format":"batch-ops-cache"}\n' });
  });
  afterEach(() => removeTree(root));
  const docs = () => [path.join(root, 'docs')];

  it('nothing to write: ok, and the cache is not read-only', () => {
    assert.deepEqual(checkOutputs({ roots: docs() }), { kind: 'ok', cacheReadOnly: false });
  });

  it('a new report and a new cache file: ok', () => {
    assert.deepEqual(checkOutputs({ roots: docs(), out: path.join(root, 'r.md'), cacheFile: path.join(root, 'c.json') }), { kind: 'ok', cacheReadOnly: false });
  });

  it('--out on a document of the run is a usage error naming --out, with advice', () => {
    const v = checkOutputs({ roots: docs(), out: path.join(root, 'docs', 'a.md') });
    assert.equal(v.kind, 'usage-error');
    assert.match((v as { message: string }).message, /^--out would overwrite a document of this run: .*a\.md is a document of this run, not a report; choose a path outside/);
  });

  it('--out and --cache on the same file: refused as --out (the report is checked against the cache file)', () => {
    const same = path.join(root, 'same.json');
    const v = checkOutputs({ roots: docs(), out: same, cacheFile: same });
    assert.equal(v.kind, 'usage-error');
    assert.match((v as { message: string }).message, /^--out names the same file as the other output: /);
  });

  it('the report target: the roots as inputs, the cache file as the other output, reports recognised', () => {
    const t = reportTarget({ roots: docs(), out: 'r.json', cacheFile: 'c.json' });
    assert.deepEqual(t.otherOutputs, ['c.json']);
    assert.deepEqual(reportTarget({ roots: docs(), out: 'r.json' }).otherOutputs, []);
    assert.equal(t.kind, 'report');
    assert.equal(t.path, 'r.json');
    assert.deepEqual(t.inputRoots, docs());
    assert.equal(t.recognise(Buffer.from('# Batch report\n')), true);
    assert.equal(t.recognise(Buffer.from('# A\n')), false);
  });

  it('--cache on a file that is not a cache: a usage error naming --cache', () => {
    const v = checkOutputs({ roots: docs(), cacheFile: path.join(root, 'old.csv') });
    assert.equal(v.kind, 'usage-error');
    assert.match((v as { message: string }).message, /^--cache would overwrite a file that is not a cache: /);
  });

  it('--cache in a missing folder: a usage error naming --cache', () => {
    const v = checkOutputs({ roots: docs(), cacheFile: path.join(root, 'no', 'c.json') });
    assert.equal(v.kind, 'usage-error');
    assert.match((v as { message: string }).message, /^--cache cannot be written: folder .* does not exist; create it first$/);
  });

  it('--cache naming the --out file (an existing cache) is refused as the same output', () => {
    const w = checkOutputs({ roots: docs(), cacheFile: path.join(root, 'cache.json'), out: path.join(root, 'cache.json') });
    assert.equal(w.kind, 'usage-error');
    assert.match((w as { message: string }).message, /^--out names the same file/);
  });

  it('a read-only cache file is ok, read but not saved', function () {
    if (process.getuid?.() === 0) this.skip(); // root writes anything
    const cache = path.join(root, 'cache.json');
    fs.chmodSync(cache, 0o444);
    assert.deepEqual(checkOutputs({ roots: docs(), cacheFile: cache }), { kind: 'ok', cacheReadOnly: true });
  });

  it('a cache file with the read-only bits cleared is ok and read-only, even for root', () => {
    const cache = path.join(root, 'cache.json');
    fs.chmodSync(cache, 0o400);
    assert.deepEqual(checkOutputs({ roots: docs(), cacheFile: cache, out: path.join(root, 'r.md') }), { kind: 'ok', cacheReadOnly: true });
  });

  it('a folder as --out is refused, naming --out', () => {
    const v = checkOutputs({ roots: docs(), out: root });
    assert.equal(v.kind, 'usage-error');
    assert.match((v as { message: string }).message, /^--out cannot be written: .* is a folder; give a file name$/);
  });

  it('refusalAdvice: one line per reason, each with its own advice', () => {
    const r = (reason: WriteRefusalReason): WriteRefusal => ({ kind: 'refused', path: 'p', reason, detail: 'DETAIL' });
    assert.equal(refusalAdvice(r('is-input-document')), 'would overwrite a document of this run: DETAIL; choose a path outside the analysed folders or a new file');
    assert.equal(refusalAdvice(r('not-a-cache-file')), 'would overwrite a file that is not a cache: DETAIL; choose a new file or remove it first');
    assert.equal(refusalAdvice(r('same-as-other-output')), 'names the same file as the other output: DETAIL; give --out and --cache different files');
    assert.equal(refusalAdvice(r('missing-folder')), 'cannot be written: DETAIL; create it first');
    assert.equal(refusalAdvice(r('is-a-directory')), 'cannot be written: DETAIL; give a file name');
    assert.equal(refusalAdvice(r('read-only')), 'cannot be written: DETAIL');
    assert.equal(refusalAdvice(r('write-failed')), 'cannot be written: DETAIL');
  });
});
