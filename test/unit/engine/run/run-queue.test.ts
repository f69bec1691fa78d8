// The run's queue: priority order, batches, prioritised documents alone, unsaved buffers.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { RunQueue } from '../../../../src/engine/run/run-queue';
import { UNSTATED, type Candidate } from '../../../../src/engine/types';
import { makeTree, removeTree } from '../../../helpers/tree';

let seq = 0;
const cand = (p: string, size = 10, over: Partial<Candidate> = {}): Candidate => ({ path: p, root: '/r', size, mtimeMs: 5, seq: ++seq, ...over });
const paths = (jobs: { path: string }[]) => jobs.map((j) => j.path);

describe('RunQueue', () => {
  it('without a priority: discovery order, batches of at most max, and never holds the first batch', () => {
    const q = new RunQueue(undefined, undefined);
    for (const p of ['a', 'b', 'c']) q.push(cand(p), undefined);
    assert.equal(q.size, 3);
    assert.equal(q.holdFirstBatch(100), false);
    assert.deepEqual(paths(q.takeBatch(2)), ['a', 'b']);
    assert.deepEqual(paths(q.takeBatch(2)), ['c']);
    assert.equal(q.size, 0);
  });

  it('the queued candidate itself is the job, unless it carries a known hash or its operations', () => {
    const q = new RunQueue(undefined, undefined);
    const plain = cand('a');
    q.push(plain, undefined);
    q.push(cand('b'), 'h1');
    q.push(cand('c'), undefined, ['lint']);
    q.push(cand('d'), '', undefined);
    const [a, b, c, d] = q.takeBatch(10);
    assert.equal(a, plain);
    assert.deepEqual(b, { path: 'b', root: '/r', size: 10, mtimeMs: 5, seq: (a as Candidate).seq + 1, knownHash: 'h1' });
    assert.deepEqual({ ...c, seq: 0 }, { path: 'c', root: '/r', size: 10, mtimeMs: 5, seq: 0, ops: ['lint'] });
    assert.equal('knownHash' in c!, false);
    assert.equal('ops' in b!, false);
    assert.equal('knownHash' in d!, false);
  });

  it('a prioritised document travels alone and first; the rest follow in batches', () => {
    const q = new RunQueue((p) => (p === 'open' ? 5 : 0), undefined);
    for (const p of ['a', 'b', 'open', 'c']) q.push(cand(p), undefined);
    assert.deepEqual(paths(q.takeBatch(10)), ['open']);
    assert.deepEqual(paths(q.takeBatch(10)), ['a', 'b', 'c']);
  });

  it('several prioritised documents: one a batch; max 0 takes none', () => {
    const q = new RunQueue((p) => (p.startsWith('open') ? 1 : 0), undefined);
    for (const p of ['open1', 'a', 'open2']) q.push(cand(p), undefined);
    assert.deepEqual(paths(q.takeBatch(0)), []);
    assert.deepEqual(paths(q.takeBatch(10)), ['open1']);
    assert.deepEqual(paths(q.takeBatch(10)), ['open2']);
    assert.deepEqual(paths(q.takeBatch(10)), ['a']);
  });

  it('bump raises a queued document so it goes first and alone', () => {
    const q = new RunQueue(() => 0, undefined);
    for (const p of ['a', 'b', 'c']) q.push(cand(p), undefined);
    assert.equal(q.bump('c', 3), true);
    assert.equal(q.bump('zz', 3), false);
    assert.deepEqual(paths(q.takeBatch(10)), ['c']);
  });

  it('a batch stops once it holds 4 MiB; negative (unstated) sizes count as nothing', () => {
    const q = new RunQueue(undefined, undefined);
    const MiB = 1024 * 1024;
    q.push(cand('a', 3 * MiB), undefined);
    q.push(cand('b', MiB - 1), undefined);
    q.push(cand('c', 1), undefined);
    q.push(cand('d', 1), undefined);
    assert.deepEqual(paths(q.takeBatch(10)), ['a', 'b', 'c'], '4 MiB reached with c');
    q.push(cand('e', 4 * MiB), undefined);
    q.push(cand('f', 1), undefined);
    assert.deepEqual(paths(q.takeBatch(10)), ['d', 'e']);
    q.push(cand('g', UNSTATED), undefined);
    q.push(cand('h', 4 * MiB - 1), undefined);
    q.push(cand('i', 1), undefined);
    assert.deepEqual(paths(q.takeBatch(10)), ['f', 'g', 'h'], 'f is 1 byte, g counts nothing: 4 MiB reached with h');
  });

  it('holds the first batch while the walk has found less than a batch and no prioritised document', () => {
    const q = new RunQueue((p) => (p === 'open' ? 2 : 0), undefined);
    q.push(cand('a'), undefined);
    assert.equal(q.holdFirstBatch(2), true);
    q.push(cand('b'), undefined);
    assert.equal(q.holdFirstBatch(2), false, 'a batch\'s worth');
    assert.equal(q.holdFirstBatch(3), true);
    q.push(cand('open'), undefined);
    assert.equal(q.holdFirstBatch(10), false, 'a prioritised document waits');
  });

  it('drain empties the queue in order', () => {
    const q = new RunQueue(undefined, undefined);
    for (const p of ['a', 'b']) q.push(cand(p), undefined);
    assert.deepEqual(paths([...q.drain()]), ['a', 'b']);
    assert.equal(q.size, 0);
  });

  it('an unsaved buffer travels with its text; an unstated one is stat-ed for its mtime', () => {
    const root = makeTree({ 'a.md': 'on disk\n', 'd.md': 'on disk too\n' });
    try {
      const file = path.join(root, 'a.md');
      const q = new RunQueue(undefined, new Map([[file, 'unsaved'], ['/r/b', 'other'], [path.join(root, 'd.md'), 'stated']]));
      q.push(cand(file, UNSTATED, { mtimeMs: UNSTATED, root }), undefined);
      q.push(cand('/r/b', 3), undefined);
      q.push(cand('/r/c', 3), undefined);
      const stated = path.join(root, 'd.md');
      q.push(cand(stated, 3, { root, mtimeMs: 7 }), undefined);
      const [a, b, c, d] = q.takeBatch(10);
      assert.deepEqual(d, { path: stated, root, size: 3, mtimeMs: 7, text: 'stated' }, 'a stated size is not stat-ed again');
      const st = fs.statSync(file);
      assert.deepEqual(a, { path: file, root, size: st.size, mtimeMs: st.mtimeMs, text: 'unsaved' });
      assert.deepEqual(b, { path: '/r/b', root: '/r', size: 3, mtimeMs: 5, text: 'other' });
      assert.equal('text' in c!, false);
    } finally {
      removeTree(root);
    }
  });
});
