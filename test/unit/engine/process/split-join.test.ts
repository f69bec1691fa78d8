// Joining a large file's range answers (engine/process/split.ts): what each kind of
// missing or wrong answer ends the document with, and how many ranges run at once.
import assert from 'node:assert/strict';
import type { RangeJob, RangeOutcome } from '../../../../src/engine/process/range';
import { joinRanges, planRanges, runRanges, worthSplitting, type Split } from '../../../../src/engine/process/split';
import type { Operation } from '../../../../src/operations/operation';

const SPLIT: Split = { kind: 'split', path: '/r/big.md', root: '/r', size: 20, mtimeMs: 1, bom: 0 };
const BASE = { path: '/r/big.md', root: '/r', size: 20, mtimeMs: 1 };
const counter = (finish: (n: number) => unknown = (n) => ({ n })): Operation<number, unknown, null> => ({
  id: 'c',
  version: 1,
  settings: {},
  splittable: true,
  accepts: () => true,
  map: () => 0,
  empty: () => 0,
  combine: (a, b) => a + b,
  finish,
  summarize: () => null,
});
const mapped = (n: number): RangeOutcome => ({ kind: 'mapped', partials: [n], newlines: 1 });
const hashed: RangeOutcome = { kind: 'hashed', hash: 'abc' };

describe('joining range answers', () => {
  it('is worth it from two ranges on', () => {
    assert.equal(worthSplitting(64, 32), true);
    assert.equal(worthSplitting(63, 32), false);
    assert.equal(worthSplitting(64, 0), false);
  });

  it('adds up the ranges with the hash job\'s hash', () => {
    const joined = joinRanges(SPLIT, [counter()], [hashed, mapped(2), mapped(3)], performance.now());
    assert.ok(joined.kind === 'processed');
    assert.deepEqual([joined.hash, joined.results, joined.source, joined.encoding], ['abc', { c: { n: 5 } }, 'disk', 'utf-8']);
    assert.ok(joined.ms >= 0 && joined.ms < 10_000);
  });

  it('fails on a range never analysed, a range answered with something else, or no hash', () => {
    assert.deepEqual(joinRanges(SPLIT, [counter()], [hashed, mapped(1), undefined], 0), { kind: 'failed', ...BASE, reason: 'operation-error', detail: 'range 2 of 2 was never analysed' });
    assert.deepEqual(joinRanges(SPLIT, [counter()], [hashed, hashed, mapped(1)], 0), { kind: 'failed', ...BASE, reason: 'operation-error', detail: "range 1 answered 'hashed'" });
    for (const first of [undefined, mapped(1)]) {
      assert.deepEqual(joinRanges(SPLIT, [counter()], [first, mapped(1)], 0), { kind: 'failed', ...BASE, reason: 'operation-error', detail: 'the content hash was never computed' });
    }
  });

  it('ends as the hash job says when it failed, and fails when an operation cannot finish', () => {
    const error: RangeOutcome = { kind: 'error', outcome: 'skipped', reason: 'invalid-encoding', detail: 'bad byte' };
    assert.deepEqual(joinRanges(SPLIT, [counter()], [error, mapped(1)], 0), { kind: 'skipped', ...BASE, reason: 'invalid-encoding', detail: 'bad byte' });
    const boom = counter(() => {
      throw new RangeError('no');
    });
    assert.deepEqual(joinRanges(SPLIT, [boom], [hashed, mapped(1)], 0), { kind: 'failed', ...BASE, reason: 'operation-error', detail: 'RangeError: no' });
  });

  it('runs `parallel` ranges at once, stops after a generated verdict, and answers every slot', async () => {
    const plan = planRanges({ ...SPLIT, size: 40 }, 10);
    let inFlight = 0;
    let most = 0;
    const calls: number[] = [];
    const answers = await runRanges(
      plan,
      async (job: RangeJob) => {
        calls.push(job.from);
        most = Math.max(most, ++inFlight);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        return job.mode === 'hash' ? hashed : mapped(1);
      },
      3,
      new AbortController().signal,
    );
    assert.equal(most, 3);
    assert.equal(answers?.length, 5);
    const generated: RangeOutcome = { kind: 'mapped', partials: [0], newlines: 0, generated: { line: 1, reason: 'long line' } as never };
    const stopped = await runRanges(plan, async (job) => (job.mode === 'hash' ? hashed : job.from === 10 ? generated : mapped(1)), 1, new AbortController().signal);
    assert.deepEqual(stopped?.map((a) => a?.kind), ['hashed', 'mapped', 'mapped', undefined, undefined], 'the third range is not started');
    const thrown = await runRanges(plan.slice(0, 2), async (job) => {
      throw job.mode === 'hash' ? new Error('thread gone') : 'plain';
    }, 2, new AbortController().signal);
    assert.deepEqual(thrown, [
      { kind: 'error', outcome: 'failed', reason: 'worker-crashed', detail: 'thread gone' },
      { kind: 'error', outcome: 'failed', reason: 'worker-crashed', detail: 'plain' },
    ]);
  });
});
