// The checks a write makes first: each refusal with its reason, and what a clear target keeps.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checkWriteTarget, contentHash, realPathOf, refusal } from '../../../../src/engine/write/write-target';
import { hashBytes } from '../../../../src/engine/read/read';
import { makeTree, removeTree } from '../../../helpers/tree';

const isReport = (head: Buffer) => head.toString('utf8').startsWith('REPORT');
const isCache = (head: Buffer) => head.toString('utf8').startsWith('CACHE');

describe('checkWriteTarget', () => {
  let root: string;
  beforeEach(() => {
    root = makeTree({ 'in/doc.md': 'text\n', 'in/old-report.txt': 'REPORT of before\n', 'out/c.bin': 'CACHE v1', 'out/other.txt': 'mine', 'out/empty': '' });
  });
  afterEach(() => removeTree(root));
  const p = (rel: string) => path.join(root, rel);
  const report = (rel: string, over = {}) => checkWriteTarget({ kind: 'report', path: p(rel), inputRoots: [p('in')], recognise: isReport, ...over });
  const cache = (rel: string, over = {}) => checkWriteTarget({ kind: 'cache', path: p(rel), recognise: isCache, ...over });
  const document = (rel: string, expectedHash: string, roots = [p('in')]) => checkWriteTarget({ kind: 'document', path: p(rel), inputRoots: roots, expectedHash });

  it('a new file in an existing folder is clear, with no mode to keep', () => {
    assert.deepEqual(report('out/new.md'), { kind: 'clear', path: p('out/new.md'), mode: undefined });
    assert.deepEqual(cache('out/new.bin'), { kind: 'clear', path: p('out/new.bin'), mode: undefined });
  });

  it('an existing file keeps its permission bits', () => {
    fs.chmodSync(p('out/other.txt'), 0o640);
    assert.deepEqual(report('out/other.txt'), { kind: 'clear', path: p('out/other.txt'), mode: 0o640 });
  });

  it('a missing folder, or a file where the folder should be', () => {
    assert.deepEqual(report('nope/r.md'), { kind: 'refused', path: p('nope/r.md'), reason: 'missing-folder', detail: `folder ${p('nope')} does not exist` });
    assert.deepEqual(report('out/other.txt/r.md'), { kind: 'refused', path: p('out/other.txt/r.md'), reason: 'missing-folder', detail: `${p('out/other.txt')} is not a folder` });
  });

  it('a folder, or something that is not a regular file', () => {
    assert.deepEqual(report('out'), { kind: 'refused', path: p('out'), reason: 'is-a-directory', detail: `${p('out')} is a folder` });
    fs.symlinkSync('/dev/null', p('out/devnull'));
    assert.deepEqual(report('out/devnull'), { kind: 'refused', path: p('out/devnull'), reason: 'is-a-directory', detail: `${p('out/devnull')} is not a regular file` });
  });

  it('another output of the run, through a link too', () => {
    fs.symlinkSync(p('out'), p('link'));
    const r = report('out/r.md', { otherOutputs: [p('x.json'), p('link/r.md')] });
    assert.deepEqual(r, { kind: 'refused', path: p('out/r.md'), reason: 'same-as-other-output', detail: `${p('out/r.md')} is also another output of this run` });
    assert.equal(report('out/r.md', { otherOutputs: [p('out/s.md')] }).kind, 'clear');
  });

  it('a report: an input document is refused, an earlier report or an empty head is judged by recognise, files outside the roots are fine', () => {
    assert.deepEqual(report('in/doc.md'), { kind: 'refused', path: p('in/doc.md'), reason: 'is-input-document', detail: `${p('in/doc.md')} is a document of this run, not a report` });
    assert.equal(report('in/old-report.txt').kind, 'clear');
    assert.equal(report('in/doc.md', { inputRoots: [p('out'), p('in')] }).kind, 'refused', 'under any one of the roots');
    assert.equal(report('in/new.md').kind, 'clear', 'a new file inside the roots');
    assert.equal(report('out/other.txt').kind, 'clear', 'outside the roots');
    assert.equal(checkWriteTarget({ kind: 'report', path: p('in/doc.md'), inputRoots: [p('in/doc.md')], recognise: isReport }).kind, 'refused', 'a root that is the file itself');
  });

  it('a cache replaces only a file with the cache header', () => {
    assert.equal(cache('out/c.bin').kind, 'clear');
    assert.deepEqual(cache('out/other.txt'), { kind: 'refused', path: p('out/other.txt'), reason: 'not-a-cache-file', detail: `${p('out/other.txt')} exists and is not a batch-ops cache file` });
    assert.equal(cache('out/empty').kind, 'refused', 'an empty file has no header');
  });

  it('recognise sees the first 4096 bytes of the file', () => {
    fs.writeFileSync(p('out/big'), Buffer.alloc(10_000, 0x41));
    let seen = -1;
    checkWriteTarget({ kind: 'cache', path: p('out/big'), recognise: (h) => ((seen = h.length), true) });
    assert.equal(seen, 4096);
    fs.writeFileSync(p('out/small'), 'abc');
    checkWriteTarget({ kind: 'cache', path: p('out/small'), recognise: (h) => ((seen = h.length), h.toString() === 'abc') });
    assert.equal(seen, 3);
  });

  it('a document: only inside the roots, only while it exists with the expected content', () => {
    const hash = hashBytes(Buffer.from('text\n'));
    assert.equal(contentHash(p('in/doc.md')), hash);
    assert.equal(document('in/doc.md', hash).kind, 'clear');
    assert.deepEqual(document('out/other.txt', hashBytes(Buffer.from('mine'))), { kind: 'refused', path: p('out/other.txt'), reason: 'outside-workspace', detail: `${p('out/other.txt')} is outside the folders of this run` });
    assert.deepEqual(document('in/doc.md', 'other'), { kind: 'refused', path: p('in/doc.md'), reason: 'content-changed', detail: `${p('in/doc.md')} changed since it was analysed` });
    assert.deepEqual(document('in/gone.md', hash), { kind: 'refused', path: p('in/gone.md'), reason: 'content-changed', detail: `${p('in/gone.md')} no longer exists` });
    assert.equal(document('in/doc.md', hash, [root]).kind, 'clear', 'under a root further up');
    assert.equal(document('in/doc.md', hash, [p('in-other')]).kind, 'refused');
  });

  it('a file without write permission bits is read-only (for any user)', () => {
    fs.chmodSync(p('out/other.txt'), 0o444);
    assert.deepEqual(report('out/other.txt'), { kind: 'refused', path: p('out/other.txt'), reason: 'read-only', detail: `${p('out/other.txt')} is read-only` });
    fs.chmodSync(p('out/other.txt'), 0o200);
    assert.equal(report('out/other.txt').kind, 'clear', 'one write bit is enough');
  });

  it('refusal builds the value; realPathOf resolves the links of the part that exists', () => {
    assert.deepEqual(refusal({ path: 'x' }, 'write-failed', 'd'), { kind: 'refused', path: 'x', reason: 'write-failed', detail: 'd' });
    fs.symlinkSync(p('out'), p('link'));
    assert.equal(realPathOf(p('link/no/such/file')), path.join(fs.realpathSync(p('out')), 'no', 'such', 'file'));
    assert.equal(realPathOf(p('link')), fs.realpathSync(p('out')));
    assert.equal(realPathOf('/no-such-top-level-dir-xyz'), '/no-such-top-level-dir-xyz');
  });
});
