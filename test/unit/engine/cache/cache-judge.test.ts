// A document's entries judged together (hit, partial, stale, miss; counted once),
// stats and counters, and an entry's results parsed from its text.
import assert from 'node:assert/strict';
import { ResultCache, SavedJson, type CacheEntry } from '../../../../src/engine/cache/cache';
import { entryResults, jsonText, peekResults } from '../../../../src/engine/cache/cache-entry';

const e = (size: number, mtimeMs: number, hash = 'h'): CacheEntry => ({ size, mtimeMs, hash, json: '{}', cost: 10 });

describe('ResultCache.judgeAll', () => {
  it('one entry: hit, stale with its hash, or miss', () => {
    const c = new ResultCache();
    const cur = e(1, 2);
    assert.deepEqual(c.judgeAll([cur], 1, 2), { kind: 'hit', entries: [cur] });
    assert.deepEqual(c.judgeAll([e(1, 3, 'old')], 1, 2), { kind: 'stale', hash: 'old' });
    assert.deepEqual(c.judgeAll([e(9, 2, 'old')], 1, 2), { kind: 'stale', hash: 'old' });
    assert.deepEqual(c.judgeAll([undefined], 1, 2), { kind: 'miss' });
    assert.deepEqual([c.stats().hits, c.stats().misses], [1, 3]);
  });

  it('every entry current: one hit for the document', () => {
    const c = new ResultCache();
    const a = e(1, 2);
    const b = e(1, 2);
    assert.deepEqual(c.judgeAll([a, b], 1, 2), { kind: 'hit', entries: [a, b] });
    assert.deepEqual([c.stats().hits, c.stats().misses], [1, 0]);
  });

  it('some current: a partial hit naming the others by index, one miss', () => {
    const c = new ResultCache();
    const a = e(1, 2);
    const cur = e(1, 2);
    assert.deepEqual(c.judgeAll([e(1, 5), a, undefined, cur], 1, 2), { kind: 'partial', hits: [a, cur], missing: [0, 2] });
    assert.deepEqual([c.stats().hits, c.stats().misses], [0, 1]);
  });

  it('none current: stale when they all have one hash, else a miss', () => {
    const c = new ResultCache();
    assert.deepEqual(c.judgeAll([e(1, 5, 'x'), e(2, 2, 'x')], 1, 2), { kind: 'stale', hash: 'x' });
    assert.deepEqual(c.judgeAll([e(1, 5, 'x'), e(2, 2, 'y')], 1, 2), { kind: 'miss' });
    assert.deepEqual(c.judgeAll([e(1, 5, 'x'), undefined], 1, 2), { kind: 'miss' });
    assert.deepEqual(c.judgeAll([undefined, e(1, 5, 'x')], 1, 2), { kind: 'miss' });
    assert.deepEqual(c.judgeAll([undefined, undefined], 1, 2), { kind: 'miss' });
    assert.deepEqual(c.judgeAll([e(1, 5, 'x'), e(1, 6, 'x'), e(1, 7, 'y')], 1, 2), { kind: 'miss' });
    assert.deepEqual([c.stats().hits, c.stats().misses], [0, 6]);
  });
});

describe('ResultCache counters', () => {
  it('stats: hit rate from hits and misses (0 with neither), entries and bytes; resetCounters zeroes the counts only', () => {
    const c = new ResultCache();
    assert.equal(c.stats().hitRate, 0);
    c.set('s', '/a', e(1, 2));
    c.lookup('s', '/a', 1, 2);
    c.lookup('s', '/a', 1, 2);
    c.lookup('s', '/a', 1, 3);
    c.lookup('s', '/b', 1, 2);
    const s = c.stats();
    assert.deepEqual([s.hits, s.misses, s.entries], [2, 2, 1]);
    assert.equal(s.hitRate, 0.5);
    assert.equal(s.bytes, 10 + ('s\0/a'.length * 2));
    c.resetCounters();
    assert.deepEqual(c.stats(), { hits: 0, misses: 0, evictions: 0, entries: 1, bytes: s.bytes, hitRate: 0 });
  });

  it('confirmHit: a missing entry is undefined and counts nothing; counted false changes no count', () => {
    const c = new ResultCache();
    assert.equal(c.confirmHit('s', '/a', 1, 2), undefined);
    assert.deepEqual([c.stats().hits, c.stats().misses], [0, 0]);
    const a = e(1, 2);
    c.set('s', '/a', a);
    c.lookup('s', '/a', 1, 9);
    assert.equal(c.confirmHit('s', '/a', 1, 2, false), a, 'same identity: the entry itself');
    assert.deepEqual([c.stats().hits, c.stats().misses], [0, 1]);
    const updated = c.confirmHit('s', '/a', 1, 9)!;
    assert.deepEqual([updated.size, updated.mtimeMs, updated.hash], [1, 9, 'h']);
    assert.deepEqual([c.stats().hits, c.stats().misses], [1, 0]);
    assert.equal(c.lookup('s', '/a', 1, 9).kind, 'hit', 'the entry took on the new identity');
  });

  it('delete and clear remove entries', () => {
    const c = new ResultCache();
    c.set('s', '/a', e(1, 2));
    c.set('s', '/b', e(1, 2));
    c.delete('s', '/a');
    assert.equal(c.entry('s', '/a'), undefined);
    assert.ok(c.entry('s', '/b'));
    c.clear();
    assert.equal(c.stats().entries, 0);
  });

  it('trim to a fraction clamps it to 0..1', () => {
    const c = new ResultCache();
    for (const p of ['/a', '/b', '/c', '/d']) c.set('s', p, e(1, 2));
    assert.equal(c.trim(2), 0, 'above 1: keep everything');
    assert.equal(c.trim(0.5), 2);
    assert.equal(c.stats().entries, 2);
    assert.ok(c.entry('s', '/d'), 'the most recent stays');
    assert.equal(c.trim(-1), 2, 'below 0: nothing kept');
    assert.equal(c.trim(0), 0, 'empty already');
  });
});

describe('cache entries', () => {
  it('entryResults parses the text once and keeps the objects, dropping the text', () => {
    const entry: CacheEntry = { size: 1, mtimeMs: 1, hash: 'h', json: '{"a":1}', cost: 1 };
    const r = entryResults(entry);
    assert.deepEqual(r, { a: 1 });
    assert.equal(entry.json, undefined);
    assert.equal(entryResults(entry), r);
    const none: CacheEntry = { size: 1, mtimeMs: 1, hash: 'h', cost: 1 };
    assert.deepEqual(entryResults(none), {});
  });

  it('peekResults parses without keeping; the text stays', () => {
    const entry: CacheEntry = { size: 1, mtimeMs: 1, hash: 'h', json: new SavedJson(Buffer.from('xx{"b":2}yy'), 2, 9), cost: 1 };
    assert.deepEqual(peekResults(entry), { b: 2 });
    assert.equal(entry.results, undefined);
    assert.ok(entry.json instanceof SavedJson);
    assert.deepEqual(peekResults({ size: 1, mtimeMs: 1, hash: 'h', cost: 1 }), {});
    const parsed = { c: 3 };
    assert.equal(peekResults({ size: 1, mtimeMs: 1, hash: 'h', cost: 1, results: parsed, json: 'not json' }), parsed);
  });

  it('jsonText: a string as it is, saved bytes from start to end as UTF-8', () => {
    assert.equal(jsonText('{"é":1}'), '{"é":1}');
    assert.equal(jsonText(new SavedJson(Buffer.from('ab{"é":1}cd'), 2, 10)), '{"é":1}');
  });
});
