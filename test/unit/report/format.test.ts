import { FindingsStore } from '../../../src/engine/findings/store';
import assert from 'node:assert/strict';
import type { RunReport } from '../../../src/engine/run/run';
import type { Outcome, Summary } from '../../../src/engine/types';
import { csvCell, formatReport, toCsv } from '../../../src/report/format';
import { rowsOf } from '../../../src/report/rows';
import { formatBytes, formatDuration, parseSize } from '../../../src/util/units';

const summary = {
  counts: { discovered: 2, queued: 0, processed: 1, cached: 0, skipped: 1, failed: 0 },
  accounted: true,
  bytes: 10,
  elapsedMs: 5,
  docsPerSec: 400,
  mbPerSec: 0,
  peakRss: 1,
  cache: { hits: 0, misses: 1, evictions: 0, entries: 1, bytes: 1, hitRate: 0 },
  state: 'finished',
  skippedByReason: { binary: 1 },
  failedByReason: {},
  operations: {},
} as Summary;

const outcomes: Outcome[] = [
  { kind: 'skipped', path: '/r/b|ad.png', root: '/r', size: 3, mtimeMs: 1, reason: 'binary', detail: 'NUL byte at offset 0' },
  {
    kind: 'processed',
    path: '/r/=cmd.md',
    root: '/r',
    size: 7,
    mtimeMs: 1,
    hash: 'h',
    source: 'disk',
    encoding: 'utf-8',
    ms: 1,
    results: { analyze: { lines: 1, words: 2, sentences: 1, readingMinutes: 2 / 230, language: 'other', headingCount: 0, markerCount: 1, headings: [], markers: [] } },
  },
];
const report: RunReport = { summary, outcomes, findings: new FindingsStore() };

describe('report formats', () => {
  it('CSV quotes per RFC 4180 and defuses spreadsheet formulas', () => {
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('say "hi"'), '"say ""hi"""');
    assert.equal(csvCell('=SUM(A1)'), "'=SUM(A1)");
    assert.equal(csvCell(-3), '-3', 'numbers are not formulas');
    const lines = toCsv(rowsOf(outcomes)).split('\r\n');
    assert.equal(lines[0]!.split(',')[0], 'root');
    assert.ok(lines.some((l) => l.includes("'=cmd.md")));
  });

  it('Markdown escapes pipes and lists skipped documents with their reason', () => {
    const md = formatReport('md', report, { roots: ['/r'] });
    assert.match(md, /\| b\\\|ad\.png \| skipped \| binary \| NUL byte at offset 0 \|/);
    assert.match(md, /\| =cmd\.md \| 2 \| 1 \|/);
  });

  it('JSON keeps every document with its status, sorted by path', () => {
    const json = JSON.parse(formatReport('json', report, { roots: ['/r'], generatedAt: 'T' }));
    assert.deepEqual(json.documents.map((d: { status: string }) => d.status), ['processed', 'skipped']);
    assert.equal(json.generatedAt, 'T');
    assert.equal(json.summary.accounted, true);
  });

  it('parses and prints sizes and durations', () => {
    assert.equal(parseSize('10MiB'), 10 * 1024 ** 2);
    assert.equal(parseSize('10M'), 10 * 1024 ** 2);
    assert.equal(parseSize('1.5GB'), 1.5e9);
    assert.equal(parseSize('500k'), 500 * 1024);
    assert.equal(parseSize('huge'), undefined);
    assert.equal(formatBytes(1536), '1.5 KiB');
    assert.equal(formatDuration(61_000), '1 min 1 s');
  });
});
