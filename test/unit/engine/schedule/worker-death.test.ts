// A worker that dies with a batch running and another batch queued behind it
// (prefetched): the document it was on fails 'worker-crashed'; the rest of that
// batch and the whole queued batch, which the worker never started, are
// dispatched again and processed on a fresh worker.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CHUNKER } from '../../../../src/engine/process/chunk';
import { DEFAULT_GENERATED } from '../../../../src/engine/read/generated';
import { DEFAULT_READ } from '../../../../src/engine/read/read';
import { WorkerPool } from '../../../../src/engine/schedule/executors';
import { makeTree, removeTree } from '../../../helpers/tree';

const MISBEHAVING = path.resolve(__dirname, '..', '..', '..', 'fixtures', 'operations', 'misbehaving.cjs');

describe('the worker pool: a worker dies with a batch running and one queued', function () {
  this.timeout(20_000);
  let root: string | undefined;
  let pool: WorkerPool | undefined;
  afterEach(async () => {
    await pool?.close();
    if (root) removeTree(root);
    pool = undefined;
    root = undefined;
  });

  it('fails only the document it was on (worker-crashed); the queued batch is re-dispatched and processed', async () => {
    const text = (name: string) => `Plain words in ${name}.\n`;
    root = makeTree({ 'a1.md': text('a1'), 'crash.md': 'Plain text until the word CRASH appears.\n', 'a3.md': text('a3'), 'b1.md': text('b1'), 'b2.md': text('b2') });
    const job = (name: string) => ({ path: path.join(root!, name), root: root!, size: fs.statSync(path.join(root!, name)).size, mtimeMs: 0 });
    pool = new WorkerPool({ threads: 1, timeoutMs: 10_000, modules: [MISBEHAVING] });
    pool.configure([{ id: 'analyze' }, { id: 'crashy' }], { read: DEFAULT_READ, chunk: DEFAULT_CHUNKER, generated: DEFAULT_GENERATED });

    const running = pool.run([job('a1.md'), job('crash.md'), job('a3.md')]);
    const queued = pool.run([job('b1.md'), job('b2.md')]);
    const slots = (pool as unknown as { slots: { pending: { id: number }[] }[] }).slots;
    assert.deepEqual(slots.map((s) => s.pending.length), [2], 'both batches wait on the one worker: the second is only queued there');

    const [a, b] = await Promise.all([running, queued]);
    assert.deepEqual(
      a.outcomes.map((o) => [path.basename(o.path), o.kind, o.kind === 'failed' ? o.reason : '']),
      [
        ['a1.md', 'processed', ''],
        ['crash.md', 'failed', 'worker-crashed'],
        ['a3.md', 'processed', ''],
      ],
    );
    const crashed = a.outcomes[1]!;
    assert.match(crashed.kind === 'failed' ? crashed.detail : '', /^worker exited with code 1$/);
    assert.deepEqual(
      b.outcomes.map((o) => [path.basename(o.path), o.kind]),
      [
        ['b1.md', 'processed'],
        ['b2.md', 'processed'],
      ],
      'the queued batch is not failed with the one that was running',
    );
    for (const o of b.outcomes) {
      const results = (o.kind === 'processed' ? Object.fromEntries(o.ids.map((id, i) => [id, JSON.parse(o.parts[i]!)])) : {}) as { crashy: { characters: number }; analyze: { words: number } };
      assert.deepEqual(results.crashy, { characters: fs.readFileSync(o.path, 'utf8').length });
      assert.equal(results.analyze.words, 4);
    }
    assert.equal(slots.length, 1, 'a fresh worker took the place of the dead one');
  });
});
