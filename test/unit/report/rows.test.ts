// One flat row per document (src/report/rows.ts), expected values written by hand.
import assert from 'node:assert/strict';
import * as fc from 'fast-check';
import * as path from 'node:path';
import { FindingsStore } from '../../../src/engine/findings/store';
import type { Outcome } from '../../../src/engine/types';
import { relativePath, rowOf, rowsOf } from '../../../src/report/rows';

const root = path.join(path.sep, 'r');
const at = (...parts: string[]) => path.join(root, ...parts);
const analyze = { lines: 12, words: 345, sentences: 20, readingMinutes: 1.5043, language: 'en', fleschReadingEase: 61.2, headingCount: 3, markerCount: 4, headings: [], markers: [] };

describe('report rows', () => {
  it('relativePath: below the root with / separators; the root itself by its name', () => {
    assert.equal(relativePath(root, at('docs', 'deep', 'a.md')), 'docs/deep/a.md');
    assert.equal(relativePath(root, at('a.md')), 'a.md');
    assert.equal(relativePath(at('single.md'), at('single.md')), 'single.md', 'a file given as the root');
  });

  it('relativePath: its shortcut for a file under its root gives what path.relative gives, for any path', () => {
    const segment = fc.constantFrom('a', 'b', 'docs', '.', '..', '.hidden', '', 'r', 'r2', 'x.md');
    const absolute = fc.array(segment, { minLength: 0, maxLength: 5 }).map((parts) => path.sep + parts.join(path.sep));
    fc.assert(
      fc.property(absolute, fc.array(segment, { minLength: 1, maxLength: 4 }), (r, below) => {
        const file = r + path.sep + below.join(path.sep);
        const rel = path.relative(r, file);
        const expected = (rel === '' ? path.basename(file) : rel).split(path.sep).join('/');
        assert.equal(relativePath(r, file), expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('a processed document: its analyze figures, reading time to one decimal, no reason', () => {
    const o: Outcome = { kind: 'processed', path: at('docs', 'a.md'), root, size: 2048, mtimeMs: 1, hash: 'h', source: 'disk', encoding: 'utf-8', ms: 1, results: { analyze } };
    assert.deepEqual(rowOf(o), {
      root,
      file: 'docs/a.md',
      status: 'processed',
      reason: '',
      detail: '',
      bytes: 2048,
      lines: 12,
      words: 345,
      sentences: 20,
      readingMinutes: 1.5, // 1.5043 to one decimal
      flesch: 61.2,
      language: 'en',
      headings: 3,
      markers: 4,
    });
  });

  it('a cached document says how it was found; without Flesch there is no flesch column value', () => {
    const { fleschReadingEase: _, ...other } = { ...analyze, language: 'other', readingMinutes: 0.04 };
    const o: Outcome = { kind: 'cached', path: at('b.md'), root, size: 10, mtimeMs: 1, hash: 'h', via: 'content', results: { analyze: other } };
    const row = rowOf(o);
    assert.equal(row.reason, 'cached (content)');
    assert.equal(row.detail, '');
    assert.equal(row.readingMinutes, 0);
    assert.ok(!('flesch' in row));
    assert.equal(row.language, 'other');
  });

  it('skipped and failed documents carry their reason and detail, no figures; a result without analyze has none either', () => {
    const skipped: Outcome = { kind: 'skipped', path: at('x.png'), root, size: 3, mtimeMs: 1, reason: 'binary', detail: 'NUL byte at offset 0' };
    const failed: Outcome = { kind: 'failed', path: at('y.md'), root, size: 4, mtimeMs: 1, reason: 'timeout', detail: 'no result after 30 s' };
    assert.deepEqual(rowOf(skipped), { root, file: 'x.png', status: 'skipped', bytes: 3, reason: 'binary', detail: 'NUL byte at offset 0' });
    assert.deepEqual(rowOf(failed), { root, file: 'y.md', status: 'failed', bytes: 4, reason: 'timeout', detail: 'no result after 30 s' });
    const bare: Outcome = { kind: 'processed', path: at('z.md'), root, size: 5, mtimeMs: 1, hash: 'h', source: 'memory', encoding: 'utf-8', ms: 1, results: {} };
    assert.deepEqual(rowOf(bare), { root, file: 'z.md', status: 'processed', bytes: 5, reason: '', detail: '' });
  });

  it('with the findings: a processed or cached document counts its own by severity; skipped and failed ones have no counts', () => {
    const store = new FindingsStore();
    const finding = (severity: string, line: number) => ({ rule: 'r', severity, message: 'm', range: { start: { line, column: 1 }, end: { line, column: 2 } } });
    store.set(at('a.md'), 'links', 'document', [finding('error', 1), finding('warning', 2), finding('warning', 3), finding('info', 4), finding('info', 5), finding('info', 6)] as never);
    store.set(at('x.png'), 'links', 'document', [finding('error', 1)] as never);
    const processed: Outcome = { kind: 'processed', path: at('a.md'), root, size: 1, mtimeMs: 1, hash: 'h', source: 'disk', encoding: 'utf-8', ms: 1, results: {} };
    const cached: Outcome = { kind: 'cached', path: at('c.md'), root, size: 1, mtimeMs: 1, hash: 'h', via: 'identity', results: {} };
    const skipped: Outcome = { kind: 'skipped', path: at('x.png'), root, size: 3, mtimeMs: 1, reason: 'binary' };
    assert.deepEqual(rowOf(processed, store), { root, file: 'a.md', status: 'processed', bytes: 1, reason: '', detail: '', errors: 1, warnings: 2, notes: 3 });
    assert.deepEqual(rowOf(cached, store), { root, file: 'c.md', status: 'cached', bytes: 1, reason: 'cached (identity)', detail: '', errors: 0, warnings: 0, notes: 0 });
    assert.deepEqual(rowOf(skipped, store), { root, file: 'x.png', status: 'skipped', bytes: 3, reason: 'binary', detail: '' }, 'no detail: an empty one');
  });

  it('rowsOf sorts by root, then by relative path', () => {
    const other = path.join(path.sep, 'a-root');
    const skip = (p: string, r = root): Outcome => ({ kind: 'skipped', path: p, root: r, size: 1, mtimeMs: 1, reason: 'binary', detail: 'd' });
    const rows = rowsOf([skip(at('b.md')), skip(at('a', 'z.md')), skip(path.join(other, 'y.md'), other), skip(at('a.md')), skip(path.join(other, 'x.md'), other)]);
    assert.deepEqual(
      rows.map((r) => [r.root, r.file]),
      [
        [other, 'x.md'],
        [other, 'y.md'],
        [root, 'a.md'],
        [root, 'a/z.md'],
        [root, 'b.md'],
      ],
    );
  });
});

describe('report rows: rowsOf order', () => {
  it('sorts any order of the same documents the same way (by root, then path)', async () => {
    const { rowsOf } = await import('../../../src/report/rows');
    const docs: [string, string][] = [];
    for (const r of ['/a', '/b', '/c']) for (const f of ['a.md', 'b/c.md', 'b.md', 'z.md']) docs.push([r, `${r}/${f}`]);
    const expected = docs.map(([r, p]) => [r, p.slice(r.length + 1)]).sort((x, y) => (x[0] === y[0] ? (x[1]! < y[1]! ? -1 : 1) : x[0]! < y[0]! ? -1 : 1)); // code-unit order: 'b.md' before 'b/c.md'
    let seed = 7;
    const random = () => ((seed = (seed * 48271) % 2147483647) / 2147483647);
    for (let round = 0; round < 20; round++) {
      const shuffled = docs.slice();
      for (let i = shuffled.length - 1; i > 0; i--) {
        const j = Math.floor(random() * (i + 1));
        [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
      }
      const outcomes = shuffled.map(([root, p]) => ({ kind: 'skipped' as const, path: p, root, size: 1, mtimeMs: 1, reason: 'binary' as const, detail: 'd' }));
      assert.deepEqual(rowsOf(outcomes).map((r) => [r.root, r.file]), expected, `round ${round}`);
    }
  });
});
