// Where each operation's results are cached: one scope per operation, refined per
// document by cacheKeyFor; entries stored and confirmed per operation.
import assert from 'node:assert/strict';
import { cacheScope, ResultCache, type CacheEntry } from '../../../../src/engine/cache/cache';
import { OperationScopes } from '../../../../src/engine/run/scopes';
import type { Operation } from '../../../../src/operations/operation';
import type { Processed } from '../../../../src/engine/types';

const generated = { maxLineLength: 10_000, maxRunLength: 5_000 } as never;
const op = (id: string, accepts: (p: string) => boolean = () => true, extra: Partial<Operation> = {}) =>
  ({ id, version: 1, settings: { id }, accepts, summarize: () => null, ...extra }) as unknown as Operation;
const md = (p: string) => p.endsWith('.md');
const doc = (path: string) => ({ path, root: '/r' });
const entry = (hash = 'h'): CacheEntry => ({ size: 1, mtimeMs: 2, hash, json: '{}', cost: 10 });

describe('OperationScopes', () => {
  it('one scope per operation, its id, version and settings with the generated-file options', () => {
    const a = op('a');
    const s = new OperationScopes([a, op('b')], generated);
    assert.equal(s.scopeOf(0, doc('/r/x')), cacheScope([a], { generated }));
    assert.notEqual(s.scopeOf(0, doc('/r/x')), s.scopeOf(1, doc('/r/x')));
    assert.notEqual(new OperationScopes([a], { maxLineLength: 1, maxRunLength: 1 } as never).scopeOf(0, doc('/r/x')), s.scopeOf(0, doc('/r/x')));
  });

  it('an operation with cacheKeyFor refines its scope per document', () => {
    const keyed = op('k', undefined, { cacheKeyFor: (d: { root: string; path: string }) => `cfg-of-${d.path}` } as never);
    const s = new OperationScopes([keyed], generated);
    assert.equal(s.scopeOf(0, doc('/r/x')), `${cacheScope([keyed], { generated })}:cfg-of-/r/x`);
  });

  it('indexOf: by id; an unknown id throws naming it', () => {
    const s = new OperationScopes([op('a'), op('b')], generated);
    assert.equal(s.indexOf('a'), 0);
    assert.equal(s.indexOf('b'), 1);
    assert.throws(() => s.indexOf('zz'), /no operation "zz" in this run/);
  });

  it('entriesOf: the entry of each accepting operation, in order; null when none accepts', () => {
    const cache = new ResultCache();
    const s = new OperationScopes([op('a', md), op('b'), op('c', md)], generated);
    const e = entry();
    cache.set(s.scopeOf(2, doc('/r/x.md')), '/r/x.md', e);
    assert.deepEqual(s.entriesOf(cache, doc('/r/x.md')), [undefined, undefined, e]);
    assert.deepEqual(s.entriesOf(cache, doc('/r/x.txt')), [undefined]);
    const onlyMd = new OperationScopes([op('a', md), op('c', md)], generated);
    assert.equal(onlyMd.entriesOf(cache, doc('/r/x.txt')), null);
    assert.deepEqual(s.acceptingIds('/r/x.md'), ['a', 'b', 'c']);
    assert.deepEqual(s.acceptingIds('/r/x.txt'), ['b']);
  });

  it('entriesOf with one operation: its entry, or null when it does not accept the file', () => {
    const cache = new ResultCache();
    const s = new OperationScopes([op('a', md)], generated);
    const e = entry();
    cache.set(s.scopeOf(0, doc('/r/x.md')), '/r/x.md', e);
    assert.deepEqual(s.entriesOf(cache, doc('/r/x.md')), [e]);
    assert.deepEqual(s.entriesOf(cache, doc('/r/y.md')), [undefined]);
    assert.equal(s.entriesOf(cache, doc('/r/x.txt')), null);
  });

  it('storeJoined: one entry per operation with a result, cached in its scope, its cost from its JSON', () => {
    const cache = new ResultCache();
    const s = new OperationScopes([op('a'), op('b'), op('c')], generated);
    const o = { kind: 'processed', path: '/r/x.md', root: '/r', size: 5, mtimeMs: 6, hash: 'hh', results: { a: { n: 1 }, c: 'z' } } as unknown as Processed;
    const entries = s.storeJoined(cache, o);
    assert.deepEqual(entries, [
      { size: 5, mtimeMs: 6, hash: 'hh', json: '{"a":{"n":1}}', brief: undefined, cost: 96 + 13 * 2 },
      { size: 5, mtimeMs: 6, hash: 'hh', json: '{"c":"z"}', brief: undefined, cost: 96 + 9 * 2 },
    ]);
    assert.equal(cache.entry(s.scopeOf(0, o), o.path), entries[0]);
    assert.equal(cache.entry(s.scopeOf(1, o), o.path), undefined);
    assert.equal(cache.entry(s.scopeOf(2, o), o.path), entries[1]);
    assert.equal(s.storeJoined(undefined, o).length, 2, 'without a cache: entries all the same');
  });

  it('storeProcessed: the executor\'s JSON parts as entries, the cost shared out, cached by operation id', () => {
    const cache = new ResultCache();
    const s = new OperationScopes([op('a'), op('b')], generated);
    const o = { path: '/r/x.md', root: '/r', size: 5, mtimeMs: 6, hash: 'hh', ids: ['b', 'a'], parts: ['1', '{"k":2}'], cost: 101 } as never;
    const entries = s.storeProcessed(cache, o);
    assert.deepEqual(entries, [
      { size: 5, mtimeMs: 6, hash: 'hh', json: '{"b":1}', brief: undefined, cost: 51 },
      { size: 5, mtimeMs: 6, hash: 'hh', json: '{"a":{"k":2}}', brief: undefined, cost: 51 },
    ]);
    assert.equal(cache.entry(s.scopeOf(1, doc('/r/x.md')), '/r/x.md'), entries[0]);
    assert.equal(cache.entry(s.scopeOf(0, doc('/r/x.md')), '/r/x.md'), entries[1]);
    assert.equal(s.storeProcessed(undefined, o).length, 2);
  });

  it('each entry keeps its result\'s brief: the executor\'s, aligned with its ids, or made here for a joined document', () => {
    const fold = { start: () => 0, add: (a: number) => a, end: (a: number) => a, brief: { of: (r: { n: number }) => `[${r.n}]`, add: (a: number) => a } };
    const s = new OperationScopes([op('a', undefined, { fold } as Partial<Operation>), op('b')], generated);
    const o = { path: '/r/x.md', root: '/r', size: 5, mtimeMs: 6, hash: 'hh', ids: ['b', 'a'], parts: ['1', '{"n":2}'], briefs: [undefined, '[2]'], cost: 100 } as never;
    assert.deepEqual(
      s.storeProcessed(undefined, o).map((e) => [e.json, e.brief]),
      [
        ['{"b":1}', undefined],
        ['{"a":{"n":2}}', '[2]'],
      ],
    );
    const shorter = { ...(o as object), ids: ['b', 'a'], briefs: ['[9]'] } as never;
    assert.deepEqual(
      s.storeProcessed(undefined, shorter).map((e) => e.brief),
      ['[9]', undefined],
      'briefs shorter than ids (host results appended): the rest have none',
    );
    const joined = { kind: 'processed', path: '/r/x.md', root: '/r', size: 5, mtimeMs: 6, hash: 'hh', results: { a: { n: 3 }, b: { n: 4 } } } as unknown as Processed;
    const entries = s.storeJoined(undefined, joined);
    assert.deepEqual(
      entries.map((e) => [e.json, e.brief]),
      [
        ['{"a":{"n":3}}', '[3]'],
        ['{"b":{"n":4}}', undefined],
      ],
    );
    assert.equal(entries[0]!.cost, 96 + ('{"a":{"n":3}}'.length + '[3]'.length) * 2, 'the brief is priced with its result');
  });

  it('confirmUnchanged: every accepting operation\'s entry, with the new identity, the document counted one hit', () => {
    const s = new OperationScopes([op('a', md), op('b'), op('c')], generated);
    const unchanged = { kind: 'unchanged', path: '/r/x.txt', root: '/r', size: 9, mtimeMs: 99, hash: 'h' } as const;
    assert.equal(s.confirmUnchanged(undefined, unchanged), null);
    const cache = new ResultCache();
    cache.set(s.scopeOf(1, unchanged), unchanged.path, entry());
    cache.set(s.scopeOf(2, unchanged), unchanged.path, entry());
    cache.judge(entry(), 9, 99); // a stale lookup counted as a miss
    const before = cache.stats();
    const confirmed = s.confirmUnchanged(cache, unchanged)!;
    assert.deepEqual(confirmed.map((e) => [e.size, e.mtimeMs]), [[9, 99], [9, 99]]);
    const after = cache.stats();
    assert.deepEqual([after.hits - before.hits, after.misses - before.misses], [1, -1]);
  });

  it('confirmUnchanged: a document with one accepting operation counts one hit too', () => {
    const s = new OperationScopes([op('a', md), op('b')], generated);
    const unchanged = { kind: 'unchanged', path: '/r/x.txt', root: '/r', size: 9, mtimeMs: 99, hash: 'h' } as const;
    const cache = new ResultCache();
    cache.set(s.scopeOf(1, unchanged), unchanged.path, entry());
    cache.judge(entry(), 9, 99);
    const before = cache.stats();
    assert.equal(s.confirmUnchanged(cache, unchanged)!.length, 1);
    assert.equal(cache.stats().hits - before.hits, 1);
  });

  it('confirmUnchanged: null when an accepting operation\'s entry was evicted meanwhile', () => {
    const s = new OperationScopes([op('a'), op('b')], generated);
    const unchanged = { kind: 'unchanged', path: '/r/x', root: '/r', size: 9, mtimeMs: 99, hash: 'h' } as const;
    const cache = new ResultCache();
    cache.set(s.scopeOf(0, unchanged), unchanged.path, entry());
    assert.equal(s.confirmUnchanged(cache, unchanged), null);
  });
});
