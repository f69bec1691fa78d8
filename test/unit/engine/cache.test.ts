import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CACHE_FORMAT_VERSION, ResultCache, cacheScope, entryResults, type CacheEntry } from '../../../src/engine/cache';

const entry = (over: Partial<CacheEntry> = {}): CacheEntry => ({ size: 10, mtimeMs: 1000, hash: 'h1', results: { analyze: { words: 3 } }, cost: 100, ...over });

describe('ResultCache', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bom-cache-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('hits on identity, reports stale with the old hash when identity changed, misses otherwise', () => {
    const c = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    c.set('s', '/a', entry());
    assert.equal(c.lookup('s', '/a', 10, 1000).kind, 'hit');
    assert.deepEqual(c.lookup('s', '/a', 10, 2000), { kind: 'stale', hash: 'h1' });
    assert.equal(c.lookup('s', '/b', 10, 1000).kind, 'miss');
    assert.equal(c.lookup('other-scope', '/a', 10, 1000).kind, 'miss');
    const st = c.stats();
    assert.equal(st.hits, 1);
    assert.equal(st.misses, 3);
  });

  it('a content hit turns a miss into a hit and updates the identity', () => {
    const c = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    c.set('s', '/a', entry());
    assert.equal(c.lookup('s', '/a', 10, 2000).kind, 'stale');
    assert.ok(c.confirmHit('s', '/a', 10, 2000));
    assert.equal(c.lookup('s', '/a', 10, 2000).kind, 'hit');
    assert.deepEqual([c.stats().hits, c.stats().misses], [2, 0]);
  });

  it('evicts least recently used entries by count and by bytes, counting evictions', () => {
    const c = new ResultCache({ maxEntries: 2, maxBytes: 1e6, ttlMs: 60_000 });
    c.set('s', '/a', entry());
    c.set('s', '/b', entry());
    c.lookup('s', '/a', 10, 1000);
    c.set('s', '/c', entry());
    assert.equal(c.lookup('s', '/b', 10, 1000).kind, 'miss');
    assert.equal(c.lookup('s', '/a', 10, 1000).kind, 'hit');
    assert.equal(c.stats().evictions, 1);

    const small = new ResultCache({ maxEntries: 100, maxBytes: 500, ttlMs: 60_000 });
    for (let i = 0; i < 10; i++) small.set('s', `/f${i}`, entry({ cost: 100 }));
    assert.ok(small.stats().bytes <= 500);
    assert.ok(small.stats().evictions >= 6);
  });

  it('expires entries after the TTL', async () => {
    const c = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 1 });
    c.set('s', '/a', entry());
    const until = Date.now() + 5;
    while (Date.now() < until) {
      /* let the clock pass the TTL without a timer */
    }
    assert.equal(c.lookup('s', '/a', 10, 1000).kind, 'miss');
  });

  it('trim keeps at most the given fraction of bytes', () => {
    const c = new ResultCache({ maxEntries: 100, maxBytes: 1e6, ttlMs: 60_000 });
    for (let i = 0; i < 10; i++) c.set('s', `/f${i}`, entry());
    const before = c.stats().bytes;
    c.trim(0.5);
    assert.ok(c.stats().bytes <= before / 2);
    assert.equal(c.lookup('s', '/f9', 10, 1000).kind, 'hit', 'the most recent entries survive');
  });

  it('saves atomically and loads back what it saved', () => {
    const file = path.join(dir, 'sub', 'cache.json');
    const c = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    c.set('s', '/a', entry());
    c.set('s', '/b', entry({ hash: 'h2' }));
    c.set('s', '/odd\tname\nwith "breaks"', entry({ hash: 'h3' }));
    c.save(file);
    assert.deepEqual(fs.readdirSync(path.dirname(file)), ['cache.json'], 'no temporary file left behind');
    const d = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    assert.deepEqual(d.load(file), { loaded: 3 });
    assert.equal(d.lookup('s', '/odd\tname\nwith "breaks"', 10, 1000).kind, 'hit');
    const hit = d.lookup('s', '/b', 10, 1000);
    assert.equal(hit.kind, 'hit');
    assert.equal(hit.kind === 'hit' && hit.entry.hash, 'h2');
    assert.equal(hit.kind === 'hit' && hit.entry.results, undefined, 'results stay text until read');
    assert.deepEqual(hit.kind === 'hit' && entryResults(hit.entry), { analyze: { words: 3 } });
    assert.equal(d.lookup('s', '/a', 10, 1000).kind, 'hit');
  });

  it('loads back every identity exactly: fractional, negative, huge and zero sizes and times, and non-ASCII results', () => {
    const file = path.join(dir, 'numbers.json');
    const c = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    const identities = [
      [0, 0],
      [851, 1795887082000],
      [12, 1795887082000.1235],
      [7, -5.5],
      [3, 1e21],
      [2 ** 53 - 1, 1234567890123456],
    ] as const;
    identities.forEach(([size, mtimeMs], i) => c.set('s', `/n${i}`, entry({ size, mtimeMs, hash: `h${i}`, results: { analyze: { heading: 'Café 日本語 😀', i } } })));
    c.save(file);
    const d = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    assert.deepEqual(d.load(file), { loaded: identities.length });
    identities.forEach(([size, mtimeMs], i) => {
      const hit = d.lookup('s', `/n${i}`, size, mtimeMs);
      assert.equal(hit.kind, 'hit', `identity ${size} ${mtimeMs}`);
      assert.deepEqual(hit.kind === 'hit' && entryResults(hit.entry), { analyze: { heading: 'Café 日本語 😀', i } });
    });
  });

  for (const [name, damage] of [
    ['truncated', (t: string) => t.slice(0, Math.floor(t.length * 0.7))],
    ['corrupted body', (t: string) => t.replace('\th2\t', '\thX\t')],
    ['a bad entry with a right checksum', (t: string) => {
      const [head, body] = [t.slice(0, t.indexOf('\n')), t.slice(t.indexOf('\n') + 1)];
      const bad = body.replace('\th2\t', '\t\t');
      const h = JSON.parse(head);
      h.bodyBytes = Buffer.byteLength(bad);
      h.checksum = require('node:crypto').createHash('sha256').update(bad).digest('hex');
      return JSON.stringify(h) + '\n' + bad;
    }],
    ['another version', (t: string) => t.replace(`"version":${CACHE_FORMAT_VERSION}`, '"version":99')],
    ['not a cache', () => '{"hello":1}\n[]'],
    ['garbage', () => '\u0000\u0001garbage'],
    ['empty', () => ''],
  ] as const) {
    it(`ignores a ${name} file with a warning and stays empty`, () => {
      const file = path.join(dir, 'cache.json');
      const c = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
      c.set('s', '/b', entry({ hash: 'h2' }));
      c.save(file);
      fs.writeFileSync(file, damage(fs.readFileSync(file, 'utf8')));
      const d = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
      d.set('s', '/old', entry());
      const r = d.load(file);
      assert.equal(r.loaded, 0);
      assert.match(r.warning ?? '', /ignored/);
      assert.equal(d.stats().entries, 0);
    });
  }

  it('keeps the remaining TTL and drops entries that expired while saved', () => {
    const file = path.join(dir, 'cache.json');
    const c = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    c.set('s', '/a', entry());
    c.save(file);
    const text = fs.readFileSync(file, 'utf8');
    const [head, body] = [text.slice(0, text.indexOf('\n')), text.slice(text.indexOf('\n') + 1)];
    const expired = body.replace(/\t(\d{13})\t\{/, '\t1000\t{');
    const h = JSON.parse(head);
    h.bodyBytes = Buffer.byteLength(expired);
    h.checksum = require('node:crypto').createHash('sha256').update(expired).digest('hex');
    fs.writeFileSync(file, JSON.stringify(h) + '\n' + expired);
    const d = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    assert.deepEqual(d.load(file), { loaded: 0 });
  });

  it('a missing file is simply an empty cache, without a warning', () => {
    const d = new ResultCache();
    assert.deepEqual(d.load(path.join(dir, 'none.json')), { loaded: 0 });
  });

  it('trim counts each entry it evicts once', () => {
    const c = new ResultCache({ maxEntries: 100, maxBytes: 1e6, ttlMs: 60_000 });
    for (let i = 0; i < 10; i++) c.set('s', `/d/f${i}`, entry());
    const removed = c.trim(0.5);
    assert.ok(removed >= 5);
    assert.equal(c.stats().evictions, removed);
    assert.equal(c.stats().entries, 10 - removed);
  });

  it('refuses an entry larger than the whole cache and drops the older one for that path', () => {
    const c = new ResultCache({ maxEntries: 10, maxBytes: 1000, ttlMs: 60_000 });
    c.set('s', '/d/a', entry());
    c.set('s', '/d/a', entry({ cost: 5000 }));
    assert.equal(c.lookup('s', '/d/a', 10, 1000).kind, 'miss');
    assert.equal(c.stats().entries, 0);
    c.set('s', '/d/a', entry());
    assert.equal(c.lookup('s', '/d/a', 10, 1000).kind, 'hit');
  });

  it('the scope changes with operation version and settings', () => {
    const a = cacheScope([{ id: 'analyze', version: 1, settings: { markers: ['TODO'] } }]);
    assert.equal(a, cacheScope([{ id: 'analyze', version: 1, settings: { markers: ['TODO'] } }]));
    assert.notEqual(a, cacheScope([{ id: 'analyze', version: 2, settings: { markers: ['TODO'] } }]));
    assert.notEqual(a, cacheScope([{ id: 'analyze', version: 1, settings: { markers: ['FIXME'] } }]));
  });
});
