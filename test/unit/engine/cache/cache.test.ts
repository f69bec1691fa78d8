import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { SETTINGS } from '../../../../src/settings/table';
import { CACHE_FORMAT_VERSION, DEFAULT_CACHE, ResultCache, cacheScope, entryResults, type CacheEntry } from '../../../../src/engine/cache/cache';

const entry = (over: Partial<CacheEntry> = {}): CacheEntry => ({ size: 10, mtimeMs: 1000, hash: 'h1', results: { analyze: { words: 3 } }, cost: 100, ...over });

describe('ResultCache', () => {
  // Regression: the command line's cache was bounded at 256 MiB while the editor's
  // default (the settings table) was 512 MB, so one cache file meant two bounds.
  it('defaults to the settings table: the command line and the editor bound the cache alike', () => {
    assert.equal(DEFAULT_CACHE.maxBytes, SETTINGS.cacheMaxMB.default * 1e6);
    assert.equal(DEFAULT_CACHE.ttlMs, SETTINGS.cacheTtlHours.default * 3600_000);
  });

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

  it('loading more entries than it may hold keeps the most recently used ones', () => {
    const file = path.join(dir, 'cache.json');
    const big = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    for (let i = 0; i < 10; i++) big.set('s', `/f${i}`, entry());
    big.lookup('s', '/f0', 10, 1000); // f0 is now the most recent
    big.save(file);
    const small = new ResultCache({ maxEntries: 3, maxBytes: 1e6, ttlMs: 60_000 });
    assert.deepEqual(small.load(file), { loaded: 3 });
    assert.deepEqual(['/f0', '/f9', '/f8', '/f7'].map((p) => small.lookup('s', p, 10, 1000).kind), ['hit', 'hit', 'hit', 'miss']);
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
    assert.equal(c.save(file).kind === 'refused' && c.save(file).kind, 'refused', 'a missing folder is refused, not created');
    fs.mkdirSync(path.dirname(file));
    assert.equal(c.save(file).kind, 'written');
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

  it('a sliced save writes what a save in one go writes, for a body of many pieces', async () => {
    const c = new ResultCache({ maxEntries: 5000, maxBytes: 1e8, ttlMs: 60_000 });
    for (let i = 0; i < 1000; i++) c.set('s', `/d${i % 7}/f${i}.md`, entry({ size: i, hash: `h${i}`, results: { analyze: { words: i, name: `ü${i}` } } }));
    c.lookup('s', '/d0/f0.md', 0, 1000); // recency: f0 is now the most recent
    const one = path.join(dir, 'one.json');
    const sliced = path.join(dir, 'sliced.json');
    c.save(one);
    assert.equal((await c.saveSliced(sliced, 0)).kind, 'written');
    // The two saves may be a millisecond apart: expiry times (field 6) and the header's time and checksum may differ by that.
    const lines = (f: string) => fs.readFileSync(f, 'utf8').split('\n');
    const body = (f: string) => lines(f).slice(1).map((l) => l.split('\t').map((v, i) => (i === 5 ? '' : v)).join('\t'));
    const header = (f: string) => ({ ...JSON.parse(lines(f)[0]!), savedAt: undefined, checksum: undefined });
    assert.equal(body(sliced).length, 1000);
    assert.deepEqual(body(sliced), body(one));
    assert.deepEqual(header(sliced), header(one));
    const d = new ResultCache({ maxEntries: 5000, maxBytes: 1e8, ttlMs: 60_000 });
    assert.deepEqual(d.load(sliced), { loaded: 1000 });
    assert.deepEqual(entryResults(d.entry('s', '/d5/f999.md')!), { analyze: { words: 999, name: 'ü999' } });
    assert.deepEqual(fs.readdirSync(dir).sort(), ['one.json', 'sliced.json'], 'no temporary file left behind');
  });

  it('a sliced save writes the entries as they were when it was called; later changes leave the cache unsaved', async () => {
    const file = path.join(dir, 'cache.json');
    const c = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    c.set('s', '/a', entry());
    const saving = c.saveSliced(file, 0);
    assert.equal(c.unsaved, false);
    c.set('s', '/b', entry());
    c.delete('s', '/a');
    assert.equal((await saving).kind, 'written');
    assert.equal(c.unsaved, true);
    const d = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    d.load(file);
    assert.equal(d.lookup('s', '/a', 10, 1000).kind, 'hit');
    assert.equal(d.lookup('s', '/b', 10, 1000).kind, 'miss');
  });

  it('a sliced save whose snapshot is interrupted by lookups and a new result still writes every entry once', async () => {
    const file = path.join(dir, 'cache.json');
    const c = new ResultCache({ maxEntries: 5000, maxBytes: 1e8, ttlMs: 60_000 });
    for (let i = 0; i < 2000; i++) c.set('s', `/f${i}`, entry());
    const saving = c.saveSliced(file, 0);
    await new Promise((resolve) => setImmediate(resolve));
    for (let i = 0; i < 2000; i += 7) c.lookup('s', `/f${i}`, 10, 1000);
    c.set('s', '/new', entry());
    assert.equal((await saving).kind, 'written');
    const lines = fs.readFileSync(file, 'utf8').split('\n').slice(1);
    const keys = lines.map((l) => l.split('\t')[0]);
    assert.equal(new Set(keys).size, keys.length, 'no entry twice');
    assert.equal(keys.length, 2001);
  });

  it('the latest save wins: an earlier sliced save still writing leaves the file to it', async () => {
    const file = path.join(dir, 'cache.json');
    const c = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    c.set('s', '/old', entry());
    const first = c.saveSliced(file, 0);
    c.set('s', '/new', entry());
    c.save(file);
    assert.equal((await first).kind, 'superseded');
    const d = new ResultCache({ maxEntries: 10, maxBytes: 1e6, ttlMs: 60_000 });
    assert.deepEqual(d.load(file), { loaded: 2 });
    assert.deepEqual(fs.readdirSync(dir), ['cache.json'], 'the earlier save removed its temporary file');
  });

  it('is unsaved after what changes the file, not after reads', () => {
    const file = path.join(dir, 'cache.json');
    const c = new ResultCache({ maxEntries: 2, maxBytes: 1e6, ttlMs: 60_000 });
    assert.equal(c.unsaved, false);
    c.set('s', '/a', entry());
    assert.equal(c.unsaved, true);
    c.save(file);
    assert.equal(c.unsaved, false);
    c.lookup('s', '/a', 10, 1000);
    c.lookup('s', '/zzz', 10, 1000);
    assert.equal(c.unsaved, false, 'hits and misses change nothing saved');
    c.confirmHit('s', '/a', 10, 2000);
    assert.equal(c.unsaved, true, 'a confirmed hit takes on the new identity');
    c.save(file);
    c.delete('s', '/a');
    assert.equal(c.unsaved, true);
    const d = new ResultCache({ maxEntries: 2, maxBytes: 1e6, ttlMs: 60_000 });
    d.load(file);
    assert.equal(d.unsaved, false, 'a loaded cache equals its file');
    d.set('s', '/b', entry());
    d.set('s', '/c', entry());
    d.save(file);
    d.set('s', '/c', entry({ hash: 'h9' }));
    assert.equal(d.unsaved, true, 'a replaced result');
    d.save(file);
    d.trim(0);
    assert.equal(d.unsaved, true, 'evicted entries');
  });

  it('a sliced load loads what a load in one go loads, and is `loading` until it ends', async () => {
    const file = path.join(dir, 'cache.json');
    const c = new ResultCache({ maxEntries: 5000, maxBytes: 1e8, ttlMs: 60_000 });
    for (let i = 0; i < 1000; i++) c.set('s', `/d${i % 7}/f${i}.md`, entry({ size: i, hash: `h${i}` }));
    c.save(file);
    const d = new ResultCache({ maxEntries: 5000, maxBytes: 1e8, ttlMs: 60_000 });
    const loading = d.loadSliced(file, 0);
    assert.equal(d.loading, loading);
    assert.deepEqual(await loading, { loaded: 1000 });
    assert.equal(d.loading, undefined);
    assert.equal(d.unsaved, false);
    assert.equal(d.lookup('s', '/d5/f999.md', 999, 1000).kind, 'hit');
    assert.equal(d.lookup('s', '/d0/f0.md', 0, 1000).kind, 'hit');

    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('"h500"', '"h501"').replace('\th500\t', '\th501\t'));
    const e = new ResultCache({ maxEntries: 5000, maxBytes: 1e8, ttlMs: 60_000 });
    assert.deepEqual(await e.loadSliced(file, 0), { loaded: 0, warning: `cache file ${file} ignored: checksum mismatch (corrupt)` });
  });

  it('a clear during a sliced load wins: nothing is loaded', async () => {
    const file = path.join(dir, 'cache.json');
    const c = new ResultCache({ maxEntries: 5000, maxBytes: 1e8, ttlMs: 60_000 });
    for (let i = 0; i < 1000; i++) c.set('s', `/f${i}`, entry());
    c.save(file);
    const d = new ResultCache({ maxEntries: 5000, maxBytes: 1e8, ttlMs: 60_000 });
    const loading = d.loadSliced(file, 0);
    await new Promise((resolve) => setImmediate(resolve));
    d.clear();
    const r = await loading;
    assert.equal(r.loaded, 0);
    assert.match(r.warning ?? '', /cleared meanwhile/);
    assert.equal(d.stats().entries, 0);
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
    // The expiry is the field before the (empty) brief and the results.
    const expired = body.replace(/\t(\d{13})\t\t\{/, '\t1000\t\t{');
    assert.notEqual(expired, body);
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
