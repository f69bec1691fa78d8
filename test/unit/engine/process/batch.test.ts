// A batch as an executor hands it back (engine/process/batch.ts): results as JSON
// text per operation, the summary folds of operations that can merge, and the cost.
import assert from 'node:assert/strict';
import { BatchCollector, foldsOnExecutor } from '../../../../src/engine/process/batch';
import type { Operation } from '../../../../src/operations/operation';

function op(id: string, merge: boolean): Operation<number, { n: number }, number> {
  return {
    id,
    version: 1,
    settings: {},
    accepts: () => true,
    map: () => 1,
    empty: () => 0,
    combine: (a, b) => a + b,
    finish: (n) => ({ n }),
    summarize: () => 0,
    fold: { start: () => 100, add: (sum: number, r: { n: number }) => sum + r.n, end: (sum: number) => sum, ...(merge ? { merge: (a: number, b: number) => a + b } : {}) },
  } as Operation<number, { n: number }, number>;
}

/** An operation whose fold has a brief: the result's n, as text. */
function briefed(id: string): Operation<number, { n: number }, number> {
  const o = op(id, true);
  return { ...o, fold: { ...o.fold!, brief: { of: (r: { n: number }) => `[${r.n}]`, add: (sum: number, b: string) => sum + (JSON.parse(b) as number[])[0]! } } };
}

const processed = (results: Record<string, unknown>) =>
  ({ kind: 'processed', path: '/r/a.md', root: '/r', size: 3, mtimeMs: 4, hash: 'h', source: 'disk', encoding: 'utf-8', ms: 2, results }) as const;

describe('BatchCollector', () => {
  it('folds on the executor only what can merge', () => {
    assert.equal(foldsOnExecutor(op('m', true)), true);
    assert.equal(foldsOnExecutor(op('n', false)), false);
    const { fold: _fold, ...bare } = op('b', true);
    assert.equal(foldsOnExecutor(bare as Operation), false);
  });

  it('keeps each result as JSON text, folds the mergeable ones, and prices the texts', () => {
    const batch = new BatchCollector([op('merge', true), op('plain', false), op('absent', true)]);
    batch.add(processed({ merge: { n: 5 }, plain: { n: 7 } }));
    batch.add({ kind: 'skipped', path: '/r/b.bin', root: '/r', size: 1, mtimeMs: 1, reason: 'binary', detail: 'x' });
    batch.add(processed({ merge: { n: 6 }, plain: { n: 8 } }));
    const { outcomes, folds } = batch.finish();
    assert.deepEqual(folds, [111, undefined, 100]);
    assert.equal(outcomes[1]!.kind, 'skipped');
    const first = outcomes[0]!;
    assert.ok(first.kind === 'processed');
    assert.deepEqual([first.ids, first.parts], [['merge', 'plain'], ['{"n":5}', '{"n":7}']]);
    // 96 per entry, and two bytes per character of each text, its id and four more.
    assert.equal(first.cost, 96 * 2 + 2 * ('{"n":5}'.length + 'merge'.length + 4 + '{"n":7}'.length + 'plain'.length + 4));
    assert.deepEqual(
      { ...first, ids: undefined, parts: undefined, cost: undefined },
      { kind: 'processed', path: '/r/a.md', root: '/r', size: 3, mtimeMs: 4, hash: 'h', source: 'disk', encoding: 'utf-8', ms: 2, ids: undefined, parts: undefined, cost: undefined },
    );
    assert.equal('briefs' in first, false, 'no operation has a brief');
  });

  it('asked for briefs (the run keeps a cache): one per result, aligned with ids, undefined for an operation without one, and priced', () => {
    const { fold: _fold, ...foldless } = op('foldless', false);
    const batch = new BatchCollector([foldless as Operation, op('plain', true), briefed('briefed')], true);
    batch.add(processed({ plain: { n: 5 }, briefed: { n: 7 } }));
    batch.add(processed({ briefed: { n: 8 } }));
    const [first, second] = batch.finish().outcomes;
    assert.ok(first?.kind === 'processed' && second?.kind === 'processed');
    assert.deepEqual([first.ids, first.briefs], [['plain', 'briefed'], [undefined, '[7]']]);
    assert.deepEqual([second.ids, second.briefs], [['briefed'], ['[8]']]);
    batch.add(processed({ foldless: { n: 9 } }));
    const third = batch.finish().outcomes[2]!;
    assert.ok(third.kind === 'processed');
    assert.deepEqual([third.ids, third.briefs], [['foldless'], [undefined]], 'an operation without a fold has no brief');
    assert.equal(second.cost, 96 + 2 * ('{"n":8}'.length + 'briefed'.length + 4 + '[8]'.length));
  });

  it('not asked for briefs (no cache to keep them, and by default): none made, though an operation has one', () => {
    for (const batch of [new BatchCollector([briefed('briefed')], false), new BatchCollector([briefed('briefed')])]) {
      batch.add(processed({ briefed: { n: 7 } }));
      const [first] = batch.finish().outcomes;
      assert.ok(first?.kind === 'processed');
      assert.equal('briefs' in first, false);
      assert.equal(first.cost, 96 + 2 * ('{"n":7}'.length + 'briefed'.length + 4));
    }
  });
});
