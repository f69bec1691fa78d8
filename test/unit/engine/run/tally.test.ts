// The run's counts, progress and summary folds: what is folded where (executor or
// here), cached results parsed only when the summary is read, and the figures.
import assert from 'node:assert/strict';
import { RunTally, type SummaryContext } from '../../../../src/engine/run/tally';
import type { CacheEntry } from '../../../../src/engine/cache/cache';
import type { Operation } from '../../../../src/operations/operation';

type N = { n: number };
/** Folds on the executor (it has a merge): sums n. */
const sum = {
  id: 's',
  fold: { start: () => 0, add: (a: number, r: N) => a + r.n, merge: (a: number, b: number) => a + b, end: (a: number) => ({ total: a }) },
  summarize: () => 'unused',
} as unknown as Operation;
/** Folds here (no merge): counts its results. */
const count = {
  id: 'c',
  fold: { start: () => 0, add: (a: number) => a + 1, end: (a: number) => ({ count: a }) },
  summarize: () => 'unused',
} as unknown as Operation;
/** No fold: summarises every result kept. */
const plain = {
  id: 'p',
  summarize: (rs: Iterable<unknown>) => ({ all: [...rs] }),
} as unknown as Operation;

const entry = (results: Record<string, unknown>, parsed = true): CacheEntry => {
  const json = JSON.stringify(results);
  return parsed ? { size: 1, mtimeMs: 1, hash: 'h', results, cost: 1 } : ({ size: 1, mtimeMs: 1, hash: 'h', json, cost: 1 } as CacheEntry);
};

const ctx = (over: Partial<SummaryContext> = {}): SummaryContext => ({
  queued: 0,
  started: 0,
  peakRss: 7,
  cache: { hits: 0, misses: 0, evictions: 0, hitRate: 0 } as SummaryContext['cache'],
  state: 'finished',
  limit: undefined,
  findings: undefined,
  ...over,
});

function withNow<T>(now: number, f: () => T): T {
  const real = performance.now;
  performance.now = () => now;
  try {
    return f();
  } finally {
    performance.now = real;
  }
}

describe('RunTally', () => {
  it('counts each outcome, and the reasons of skipped and failed ones', () => {
    const t = new RunTally([]);
    t.skipped('too-large');
    t.skipped('too-large');
    t.skipped('binary');
    t.failed('io-error');
    t.tally('processed', 100, [], false);
    t.tally('cached', 50, [], false);
    t.tally('cached', 5, [], false);
    assert.deepEqual(t.counts, { discovered: 0, queued: 0, processed: 1, cached: 2, skipped: 3, failed: 1 });
    assert.deepEqual(t.skippedBy, { 'too-large': 2, binary: 1 });
    assert.deepEqual(t.failedBy, { 'io-error': 1 });
    assert.equal(t.settled(), 7);
    assert.equal(t.bytes, 155);
  });

  it('results not folded on the executor are folded here, by every fold', () => {
    const t = new RunTally([sum, count]);
    t.tally('processed', 1, [entry({ s: { n: 2 } }), entry({ c: {} })], false);
    t.tally('cached', 1, [entry({ s: { n: 3 } }), entry({ c: {} })], false);
    assert.deepEqual(t.operationSummaries(), { s: { total: 5 }, c: { count: 2 } });
  });

  it('results the executor folded: its folds arrive by mergeFolds, the folds without a merge are folded here', () => {
    const t = new RunTally([sum, count]);
    t.tally('processed', 1, [entry({ s: { n: 2 } }), entry({ c: {} })], true);
    t.mergeFolds([2, 'ignored: count has no merge']);
    t.mergeFolds(undefined);
    t.mergeFolds([undefined, undefined]);
    assert.deepEqual(t.operationSummaries(), { s: { total: 2 }, c: { count: 1 } });
  });

  it('with only folds that merge, nothing is parsed or folded here for executor-folded results', () => {
    const t = new RunTally([sum]);
    const unparsable = { size: 1, mtimeMs: 1, hash: 'h', json: 'not json', cost: 1 } as CacheEntry;
    t.tally('processed', 1, [unparsable], true);
    t.mergeFolds([4]);
    assert.deepEqual(t.operationSummaries(), { s: { total: 4 } });
  });

  it('a partial cache hit: the cached tail is folded here, the executor\'s head is not', () => {
    const t = new RunTally([sum]);
    t.tally('processed', 1, [entry({ s: { n: 1 } }), entry({ s: { n: 10 } }), entry({ s: { n: 100 } })], true, 2);
    assert.deepEqual(t.operationSummaries(), { s: { total: 110 } });
    const none = new RunTally([sum]);
    none.tally('processed', 1, [entry({ s: { n: 1 } }), entry({ s: { n: 10 } })], true, 0);
    assert.deepEqual(none.operationSummaries(), { s: { total: 0 } });
  });

  it('cached results still in JSON text are parsed only when the summary is read', () => {
    const t = new RunTally([sum]);
    const e = entry({ s: { n: 9 } }, false);
    t.tally('cached', 1, [e], false);
    assert.equal(e.results, undefined);
    assert.deepEqual(t.operationSummaries(), { s: { total: 9 } });
  });

  /** Sums n, with a brief: the result's n as `[n]`. */
  const briefed = (id: string) =>
    ({
      id,
      fold: { ...sum.fold!, brief: { of: (r: N) => `[${r.n}]`, add: (a: number, b: string) => a + (JSON.parse(b) as number[])[0]! } },
      summarize: () => 'unused',
    }) as unknown as Operation;
  /** An entry still in text whose results are not JSON at all: folding it from its brief is the only way not to throw. */
  const unparsable = (id: string, brief: string): CacheEntry => ({ size: 1, mtimeMs: 1, hash: 'h', json: `{"${id}":not JSON}`, brief, cost: 1 });

  it('cached results with a brief are folded from it when the summary is read, never parsed', () => {
    const t = new RunTally([briefed('s')]);
    const e = unparsable('s', '[9]');
    t.tally('cached', 1, [e], false);
    t.tally('cached', 1, [entry({ s: { n: 4 } }, false)], false); // no brief: parsed
    assert.deepEqual(t.operationSummaries(), { s: { total: 13 } });
    assert.equal(e.results, undefined);
  });

  it('with several operations, each brief is folded by the operation whose results its entry holds (one without a fold keeps its result)', () => {
    const t = new RunTally([briefed('a'), briefed('b'), count]);
    t.tally('cached', 1, [unparsable('a', '[1]'), unparsable('b', '[20]'), entry({ c: 'x' }, false)], false);
    t.tally('cached', 1, [unparsable('b', '[300]')], false);
    assert.deepEqual(t.operationSummaries(), { a: { total: 1 }, b: { total: 320 }, c: { count: 1 } });
    // With an operation without a fold in the run, its entry (a brief on it or not) is kept whole.
    const withPlain = new RunTally([plain, briefed('a')]);
    withPlain.tally('cached', 1, [{ ...entry({ p: 7 }, false), brief: '[1000]' }, { ...entry({ a: { n: 2 } }, false), brief: '[2]' }], false);
    assert.deepEqual(withPlain.operationSummaries(), { p: { all: [7] }, a: { total: 2 } });
  });

  it('an operation without a brief parses its results even when its entry carries one', () => {
    const t = new RunTally([sum]);
    t.tally('cached', 1, [{ ...entry({ s: { n: 5 } }, false), brief: '[1000]' }], false);
    assert.deepEqual(t.operationSummaries(), { s: { total: 5 } });
  });

  it('operations without a fold summarise every kept result; results of other operations are left out', () => {
    const t = new RunTally([plain, count]);
    t.tally('processed', 1, [entry({ p: 1 }), entry({ c: 'x' })], false);
    t.tally('cached', 1, [entry({ p: 2 }, false)], false);
    t.tally('processed', 1, [entry({ c: 'y' })], true);
    assert.deepEqual(t.operationSummaries(), { p: { all: [1, 2] }, c: { count: 2 } });
  });

  it('results parsed already are folded as they come, those still in text when the summary is read', () => {
    const ordered = { id: 'o', fold: { start: () => [], add: (a: number[], r: N) => [...a, r.n], end: (a: number[]) => a }, summarize: () => 'unused' } as unknown as Operation;
    const t = new RunTally([ordered]);
    t.tally('processed', 1, [entry({ o: { n: 1 } })], false);
    t.tally('cached', 1, [entry({ o: { n: 2 } }, false)], false);
    t.tally('processed', 1, [entry({ o: { n: 3 } })], false);
    assert.deepEqual(t.operationSummaries(), { o: [1, 3, 2] });
  });

  it('the summaries are computed once', () => {
    let ends = 0;
    const counted = { ...count, fold: { ...count.fold!, end: (a: unknown) => (ends++, a) } } as Operation;
    const t = new RunTally([counted]);
    t.tally('processed', 1, [entry({ c: 1 })], false);
    const first = t.operationSummaries();
    t.tally('processed', 1, [entry({ c: 1 })], false);
    assert.equal(t.operationSummaries(), first);
    assert.equal(ends, 1);
  });

  it('summary: counts with the queue, accounted, rates from the elapsed time, the limit only when reached', () => {
    const t = new RunTally([sum]);
    t.counts.discovered = 3;
    t.tally('processed', 2 * 1024 * 1024, [entry({ s: { n: 1 } })], false);
    t.skipped('binary');
    const s = withNow(2000, () => t.summary(ctx({ queued: 4, started: 1000, state: 'cancelled', findings: { lint: { error: 1, warning: 0, info: 0 } } as never })));
    assert.deepEqual(s.counts, { discovered: 3, queued: 4, processed: 1, cached: 0, skipped: 1, failed: 0 });
    assert.equal(s.accounted, false);
    assert.equal(s.elapsedMs, 1000);
    assert.equal(s.docsPerSec, 2);
    assert.equal(s.mbPerSec, 2);
    assert.equal(s.bytes, 2 * 1024 * 1024);
    assert.equal(s.peakRss, 7);
    assert.equal(s.state, 'cancelled');
    assert.equal('limit' in s, false);
    assert.deepEqual(s.skippedByReason, { binary: 1 });
    assert.notEqual(s.skippedByReason, t.skippedBy);
    assert.deepEqual(s.failedByReason, {});
    assert.notEqual(s.failedByReason, t.failedBy);
    assert.deepEqual(s.findings, { lint: { error: 1, warning: 0, info: 0 } });
    assert.deepEqual(s.operations, { s: { total: 1 } });
    t.failed('timeout');
    const later = withNow(5000, () => t.summary(ctx({ started: 1000 })));
    assert.equal(later.mbPerSec, 0.5, '2 MiB in 4 s');
    assert.deepEqual(later.failedByReason, { timeout: 1 });
    t.counts.discovered = 3;
    const limited = withNow(1000, () => t.summary(ctx({ started: 1000, limit: 'maxBytes' })));
    assert.equal(limited.accounted, true);
    assert.equal(limited.limit, 'maxBytes');
    assert.equal(limited.elapsedMs, 1, 'at least 1 ms');
  });

  it('progress: rates, and the time left once discovery is done and documents settle', () => {
    const t = new RunTally([]);
    t.counts.discovered = 10;
    t.tally('processed', 1024 * 1024, [], false);
    t.tally('processed', 1024 * 1024, [], false);
    const memory = { rss: 1 } as never;
    const p = withNow(3000, () => t.progress({ queued: 5, started: 1000, discoveryDone: true, memory, cacheHitRate: 0.25 }));
    assert.deepEqual(p.counts, { discovered: 10, queued: 5, processed: 2, cached: 0, skipped: 0, failed: 0 });
    assert.equal(p.elapsedMs, 2000);
    assert.equal(p.docsPerSec, 1);
    assert.equal(p.mbPerSec, 1);
    assert.equal(p.etaMs, 8000);
    const fast = withNow(1500, () => t.progress({ queued: 0, started: 1000, discoveryDone: true, memory, cacheHitRate: 0 }));
    assert.deepEqual([fast.docsPerSec, fast.mbPerSec, fast.etaMs], [4, 4, 2000], '8 left at 4 a second');
    assert.equal(p.bytes, 2 * 1024 * 1024);
    assert.deepEqual([p.discoveryDone, p.memory, p.cacheHitRate], [true, memory, 0.25]);
    const walking = withNow(3000, () => t.progress({ queued: 0, started: 1000, discoveryDone: false, memory, cacheHitRate: 0 }));
    assert.equal(walking.etaMs, undefined);
    const idle = withNow(1000, () => new RunTally([]).progress({ queued: 0, started: 1000, discoveryDone: true, memory, cacheHitRate: 0 }));
    assert.equal(idle.etaMs, undefined, 'nothing settled: no rate, no estimate');
    assert.equal(idle.elapsedMs, 1);
  });
});
