// A loaded cache entry keeps the TTL it had left when it was saved, not a fresh
// full TTL. On fake clocks: the cache takes its time from Date.now (saving and
// loading) and lru-cache from performance.now (age of an entry), and lru-cache
// holds a reading of that clock until a 1 ms setTimeout clears it; all three are
// faked here, so the test decides what time it is and never sleeps.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { mock } from 'node:test';
import { ResultCache, type CacheEntry } from '../../../../src/engine/cache/cache';

const entry = (): CacheEntry => ({ size: 10, mtimeMs: 1000, hash: 'h1', results: { analyze: { words: 3 } }, cost: 100 });

describe('ResultCache: TTL of a loaded entry (fake clocks)', () => {
  const T0 = Date.UTC(2026, 0, 1);
  const realPerformanceNow = performance.now;
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bom-cache-ttl-'));
    mock.timers.enable({ apis: ['Date', 'setTimeout'], now: T0 });
    // performance.now follows the faked Date, from an origin that is not 0 (lru-cache takes a start of 0 for "no TTL").
    performance.now = () => Date.now() - T0 + 1000;
  });
  afterEach(() => {
    performance.now = realPerformanceNow;
    mock.timers.reset();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  /** Moves every faked clock forward, running lru-cache's timer that forgets its clock reading. */
  const advance = (ms: number) => mock.timers.tick(ms);
  const kind = (c: ResultCache) => c.lookup('s', '/a', 10, 1000).kind;

  it('an entry loaded with part of its TTL left expires exactly when that part is over, not a full TTL later', () => {
    const ttlMs = 60_000;
    const file = path.join(dir, 'cache.json');
    const saver = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs });
    saver.set('s', '/a', entry()); // expires at T0 + 60 s
    saver.save(file);

    advance(45_000); // 15 s left when the next process loads the file
    const loaded = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs });
    assert.deepEqual(loaded.load(file), { loaded: 1 });

    advance(14_999); // 1 ms before the saved expiry
    assert.equal(kind(loaded), 'hit', 'still valid just before its remaining TTL is over');
    advance(2); // 1 ms after it
    assert.equal(kind(loaded), 'miss', 'expired when its remaining TTL is over (a fresh TTL would last until T0 + 105 s)');
  });
});
