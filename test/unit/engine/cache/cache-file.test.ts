// The cache file's reader, line by line: what it refuses (and says why), which
// entries it keeps, and how it reads each field. Files are written here byte for
// byte (with a correct checksum), so each malformed field is tested alone.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CACHE_FORMAT, CACHE_FORMAT_VERSION, readSteps, writeCacheFile, type ReadResult, type SavedEntries } from '../../../../src/engine/cache/cache-file';
import { jsonText } from '../../../../src/engine/cache/cache-entry';
import { runNow } from '../../../../src/engine/slices';

const NOW = 1_700_000_000_000;
const HASH = 'a'.repeat(40);

describe('the cache file reader', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bom-cache-file-'));
    file = path.join(dir, 'cache.json');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const read = (maxBytes = 1 << 30): ReadResult => runNow(readSteps(file, maxBytes, NOW));
  /** A file whose header matches its body (unless `header` says otherwise). */
  const writeRaw = (lines: readonly string[], header: Record<string, unknown> = {}) => {
    const body = lines.join('\n');
    const head = {
      format: CACHE_FORMAT,
      version: CACHE_FORMAT_VERSION,
      entries: lines.length,
      bodyBytes: Buffer.byteLength(body),
      checksum: createHash('sha256').update(body).digest('hex'),
      ...header,
    };
    fs.writeFileSync(file, JSON.stringify(head) + '\n' + body);
  };
  const line = (fields: { key?: string; size?: string; mtime?: string; hash?: string; cost?: string; expires?: string; brief?: string; json?: string } = {}) =>
    [fields.key ?? '/a.md', fields.size ?? '12', fields.mtime ?? '1000', fields.hash ?? HASH, fields.cost ?? '100', fields.expires ?? '0', fields.brief ?? '', fields.json ?? '{"analyze":{"words":2}}'].join('\t');
  /** A line of version 2, written before briefs: no brief field. */
  const briefless = (json = '{"analyze":{"words":2}}', key = '/a.md') => [key, '12', '1000', HASH, '100', '0', json].join('\t');
  const refusal = (r: ReadResult) => (r.kind === 'refused' ? r.why : r.kind);
  const saved = (r: ReadResult): SavedEntries => {
    assert.equal(r.kind, 'read', refusal(r));
    return (r as { saved: SavedEntries }).saved;
  };

  it('reads back what it wrote: keys that need quoting, numbers, hashes, results as their JSON text; expired entries left out', () => {
    const keys = ['/plain.md', '/tab\there.md', '"quoted.md', '/line\nbreak.md', '/kept-until-later.md', '/expired.md'];
    const expires = [0, 0, 0, 0, NOW + 1, NOW];
    const entries = keys.map((_, i) => ({ size: i * 10, mtimeMs: 1000.5 + i, hash: `h${i}`, cost: 7 + i, json: `{"analyze":{"n":${i}}}` }));
    assert.equal(writeCacheFile(file, { keys, entries, expires }, NOW).kind, 'written');
    const s = saved(read());
    assert.deepEqual(s.keys, keys.slice(0, 5), 'an entry expiring at now is void; one a millisecond later is kept');
    assert.deepEqual(s.expires, [0, 0, 0, 0, NOW + 1]);
    assert.deepEqual(
      s.entries.map((e) => [e.size, e.mtimeMs, e.hash, e.cost, jsonText(e.json!)]),
      entries.slice(0, 5).map((e) => [e.size, e.mtimeMs, e.hash, e.cost, e.json]),
    );
  });

  it('refuses what it cannot trust, saying why', () => {
    assert.equal(read().kind, 'missing');
    fs.writeFileSync(file, '{"format":"batch-ops-cache"');
    assert.equal(refusal(read()), 'truncated (no header line)');
    fs.writeFileSync(file, '{format}\n');
    assert.equal(refusal(read()), 'corrupt header');
    fs.writeFileSync(file, 'null\n');
    assert.equal(refusal(read()), 'not a batch-ops cache file');
    writeRaw([line()], { format: 'other' });
    assert.equal(refusal(read()), 'not a batch-ops cache file');
    writeRaw([line()], { version: 1 });
    assert.equal(refusal(read()), `format version 1, expected ${CACHE_FORMAT_VERSION}`);
    writeRaw([line()], { version: CACHE_FORMAT_VERSION + 1 });
    assert.equal(refusal(read()), `format version ${CACHE_FORMAT_VERSION + 1}, expected ${CACHE_FORMAT_VERSION}`);
    writeRaw([line()], { bodyBytes: Buffer.byteLength(line()) + 1 });
    assert.equal(refusal(read()), 'truncated or padded body');
    writeRaw([line()], { checksum: '0'.repeat(64) });
    assert.equal(refusal(read()), 'checksum mismatch (corrupt)');
    writeRaw([line(), line({ key: '/b.md' })], { entries: 1 });
    assert.equal(refusal(read()), 'more entries than the header says');
    writeRaw([line()]);
    const size = fs.statSync(file).size;
    assert.equal(refusal(read(size - 1)), `it is ${size} bytes, over the cache's bound`);
    assert.equal(read(size).kind, 'read', 'a file of exactly the bound is read');
  });

  it('a malformed entry refuses the file, naming its line (the header is line 1)', () => {
    const cases: [string, string][] = [
      ['six tabs only (a version 2 line in a version 3 file)', briefless()],
      ['results not an object', line({ json: '[1]' })],
      ['results cut short', line({ json: '{' })],
      ['results not closed', line({ json: '{"a":1' })],
      ['a quoted key that is not JSON', line({ key: '"unclosed' })],
      ['a size that is not a number', line({ size: '12a' })],
      ['a size that is only a sign', line({ size: '-' })],
      ['an infinite mtime', line({ mtime: '1e999' })],
      ['a cost that is not a number', line({ cost: 'x' })],
      ['an expiry that is not a number', line({ expires: 'soon' })],
      ['an empty hash', line({ hash: '' })],
      ['a hash of 129 characters', line({ hash: 'a'.repeat(129) })],
      ...['/', ':', '@', '[', '`', '{', '-'].map((c): [string, string] => [`a hash with '${c}'`, line({ hash: `ab${c}cd` })]),
    ];
    for (const [what, bad] of cases) {
      writeRaw([line(), bad]);
      assert.equal(refusal(read()), 'unexpected entry at line 3', what);
    }
  });

  it('keeps each result\'s brief beside it: written, read back as its text, absent when empty', () => {
    const keys = ['/briefed.md', '/none.md', '/utf8.md'];
    const entries = [
      { size: 1, mtimeMs: 1, hash: 'h', cost: 1, json: '{"analyze":{"n":1}}', brief: '[1,2,false]' },
      { size: 1, mtimeMs: 1, hash: 'h', cost: 1, json: '{"analyze":{"n":2}}' },
      { size: 1, mtimeMs: 1, hash: 'h', cost: 1, json: '{"analyze":{"n":3}}', brief: '[3,{"TODO·é":1}]' },
    ];
    assert.equal(writeCacheFile(file, { keys, entries, expires: [0, 0, 0] }, NOW).kind, 'written');
    const s = saved(read());
    assert.deepEqual(
      s.entries.map((e) => [e.brief === undefined ? undefined : jsonText(e.brief), jsonText(e.json!)]),
      [
        ['[1,2,false]', '{"analyze":{"n":1}}'],
        [undefined, '{"analyze":{"n":2}}'],
        ['[3,{"TODO·é":1}]', '{"analyze":{"n":3}}'],
      ],
    );
    // Read again, what was read is written as read (a warm run saves what it loaded).
    assert.equal(writeCacheFile(file, s, NOW).kind, 'written');
    assert.deepEqual(
      saved(read()).entries.map((e) => e.brief && jsonText(e.brief)),
      ['[1,2,false]', undefined, '[3,{"TODO·é":1}]'],
    );
  });

  it('a brief that would break its line (a raw tab or line break, which JSON never writes) is left out, not written', () => {
    const briefs = ['[1,\t2]', '[1,\n2]', '[1,\r2]'];
    const keys = briefs.map((_, i) => `/${i}.md`);
    const entries = briefs.map((brief, i) => ({ size: 1, mtimeMs: 1, hash: 'h', cost: 1, json: `{"analyze":{"n":${i}}}`, brief }));
    assert.equal(writeCacheFile(file, { keys, entries, expires: [0, 0, 0] }, NOW).kind, 'written');
    const s = saved(read());
    assert.deepEqual(
      s.entries.map((e) => [e.brief, jsonText(e.json!)]),
      entries.map((e) => [undefined, e.json]),
    );
  });

  it('a file of version 2 (before briefs) is still read: its entries have no brief', () => {
    writeRaw([briefless('{"analyze":{"words":2}}', '/a.md'), briefless('{"analyze":{"words":3}}', '/b.md')], { version: 2 });
    const s = saved(read());
    assert.deepEqual(
      s.entries.map((e) => [e.brief, jsonText(e.json!)]),
      [
        [undefined, '{"analyze":{"words":2}}'],
        [undefined, '{"analyze":{"words":3}}'],
      ],
    );
    writeRaw([line()], { version: 2 });
    assert.equal(refusal(read()), 'unexpected entry at line 2', 'a version 3 line in a version 2 file: its brief would be read as the results');
  });

  it('reads numbers as they were written: negative, fractional, long, and plain digits', () => {
    writeRaw([
      line({ key: '/neg.md', mtime: '-1500' }),
      line({ key: '/frac.md', mtime: '1700000000000.25' }),
      line({ key: '/long.md', size: '1234567890123456789' }),
      line({ key: '/exp.md', cost: '1e3' }),
      line({ key: '/digits.md', size: '9876543210', hash: `09AZaz${HASH}`.slice(0, 128) }),
      line({ key: '/long-hash.md', hash: 'Z'.repeat(128) }),
    ]);
    const s = saved(read());
    assert.deepEqual(s.keys, ['/neg.md', '/frac.md', '/long.md', '/exp.md', '/digits.md', '/long-hash.md']);
    assert.deepEqual(
      s.entries.map((e) => [e.size, e.mtimeMs, e.cost]),
      [
        [12, -1500, 100],
        [12, 1700000000000.25, 100],
        [1234567890123456789, 1000, 100],
        [12, 1000, 1000],
        [9876543210, 1000, 100],
        [12, 1000, 100],
      ],
    );
    assert.equal(s.entries[5]!.hash, 'Z'.repeat(128));
  });
});
