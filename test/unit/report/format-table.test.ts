// The terminal table, the Markdown document table and the summary lines, against
// text written out by hand.
import { FindingsStore } from '../../../src/engine/findings/store';
import assert from 'node:assert/strict';
import type { RunReport } from '../../../src/engine/run/run';
import type { Summary } from '../../../src/engine/types';
import { REPORT_FORMATS, summaryLines, toMarkdown, toTable } from '../../../src/report/format';
import type { ReportRow } from '../../../src/report/rows';

const good: ReportRow = { root: '/r', file: 'a.md', status: 'processed', reason: '', detail: '', bytes: 9, lines: 10, words: 1234, sentences: 5, readingMinutes: 5.4, flesch: 61.2, language: 'en', headings: 2, markers: 3 };
const bad: ReportRow = { root: '/r', file: 'bin.dat', status: 'skipped', reason: 'binary', detail: 'NUL byte', bytes: 3 };

const summary = (over: Partial<Summary> = {}): Summary =>
  ({
    counts: { discovered: 1234, queued: 0, processed: 1000, cached: 200, skipped: 30, failed: 4 },
    accounted: false,
    bytes: 1536,
    elapsedMs: 61_000,
    docsPerSec: 20.23,
    mbPerSec: 1.26,
    peakRss: 3 * 1024 ** 3,
    cache: { hits: 1000, misses: 1000, evictions: 5, entries: 1, bytes: 1, hitRate: 0.5 },
    state: 'limited',
    limit: 'maxDocuments',
    skippedByReason: { binary: 20, 'too-large': 10 },
    failedByReason: { timeout: 4 },
    operations: { analyze: { words: 12345, lines: 678, markers: 9, readingMinutes: 53.67 } },
    ...over,
  }) as Summary;

describe('report: table, Markdown and summary lines', () => {
  it('the table: left-aligned names, right-aligned figures, two spaces apart, no trailing blanks', () => {
    assert.equal(
      toTable([good, bad]),
      [
        'FILE     STATUS     WORDS  LINES  READ  FLESCH  MARKERS  REASON',
        'a.md     processed  1,234     10  5.4m    61.2        3',
        'bin.dat  skipped' + ' '.repeat(41) + 'binary: NUL byte', // REASON starts at column 57
        '',
      ].join('\n'),
    );
    const [header, , row] = toTable([good, bad]).split('\n');
    assert.equal(row!.indexOf('binary'), header!.indexOf('REASON'), 'the reason under its header');
  });

  it('the table cuts a file name past 60 characters with an ellipsis, never the last column', () => {
    const long = { ...bad, file: 'x'.repeat(70), detail: 'd'.repeat(50) };
    const [, row] = toTable([long]).split('\n');
    assert.ok(row!.startsWith('x'.repeat(59) + '…  skipped'), row);
    assert.ok(row!.endsWith(`binary: ${'d'.repeat(50)}`), 'the reason is whole');
  });

  it('the summary lines of a limited run with skips, failures and analyze totals', () => {
    assert.deepEqual(summaryLines(summary()), [
      '1,234 documents: 1,000 processed, 200 cached, 30 skipped, 4 failed (NOT all accounted for)',
      '1.5 KiB in 1 min 1 s: 20 docs/s, 1.3 MB/s, peak RSS 3 GiB',
      'cache: 50.0% hit rate (1,000 hits, 1,000 misses, 5 evictions)',
      'run limited (limit maxDocuments)',
      'skipped: binary 20, too-large 10',
      'failed: timeout 4',
      'analyze: 12,345 words, 678 lines, 9 markers, 53 min 40 s reading',
    ]);
  });

  it('a cancelled run (no limit) says so', () => {
    assert.ok(summaryLines(summary({ state: 'cancelled', limit: undefined })).includes('run cancelled'));
  });

  it('a finished run with nothing skipped or failed and no analyze totals has the three first lines only', () => {
    const s = summary({
      counts: { discovered: 2, queued: 0, processed: 2, cached: 0, skipped: 0, failed: 0 },
      accounted: true,
      state: 'finished',
      limit: undefined,
      skippedByReason: {},
      failedByReason: {},
      operations: {},
    });
    assert.deepEqual(summaryLines(s), [
      '2 documents: 2 processed, 0 cached, 0 skipped, 0 failed',
      '1.5 KiB in 1 min 1 s: 20 docs/s, 1.3 MB/s, peak RSS 3 GiB',
      'cache: 50.0% hit rate (1,000 hits, 1,000 misses, 5 evictions)',
    ]);
  });

  it('a run that looked nothing up in the cache (no --cache) says the cache was not used, not 0% hits', () => {
    const lines = summaryLines(summary({ cache: { hits: 0, misses: 0, evictions: 0, entries: 0, bytes: 0, hitRate: 0 } }));
    assert.equal(lines[2], 'cache: not used');
    assert.equal(summaryLines(summary({ cache: { hits: 0, misses: 3, evictions: 0, entries: 3, bytes: 9, hitRate: 0 } }))[2], 'cache: 0.0% hit rate (0 hits, 3 misses, 0 evictions)');
  });

  it('Markdown: the documents table has a row per processed or cached document', () => {
    const report = { summary: summary(), outcomes: [], findings: new FindingsStore() } as unknown as RunReport;
    const md = toMarkdown(report, { roots: ['/r', '/s'] });
    assert.ok(md.startsWith('# Batch report\n\nRoots: /r, /s\n\n- 1,234 documents:'), md.slice(0, 80));
    assert.ok(md.endsWith('| File | Words | Lines | Reading (min) | Flesch | Headings | Markers | Status |\n| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |\n'));
    assert.ok(!md.includes('## Skipped and failed'), 'no such section without such documents');
  });

  it('the report formats are table, json, csv, md and sarif', () => {
    assert.deepEqual([...REPORT_FORMATS], ['table', 'json', 'csv', 'md', 'sarif']);
  });
});

describe('report: JSON, CSV and Markdown of every kind of outcome', () => {
  const outcomes = [
    { kind: 'failed', path: '/r/d-failed.md', root: '/r', size: 4, mtimeMs: 2, reason: 'timeout', detail: 'no result\r\nafter 30 s' },
    { kind: 'cached', path: '/r/b-cached.md', root: '/r', size: 5, mtimeMs: 3, hash: 'hc', via: 'identity', results: { analyze: { lines: 1, words: 7, sentences: 1, readingMinutes: 0.03, language: 'other', headingCount: 0, markerCount: 0, headings: [], markers: [] } } },
    { kind: 'skipped', path: '/r/c-skipped.bin', root: '/r', size: 6, mtimeMs: 4, reason: 'binary', detail: 'a\\b|c\nd' },
    { kind: 'processed', path: '/r/e-bare.md', root: '/r', size: 8, mtimeMs: 6, hash: 'he', source: 'memory', encoding: 'utf-16le', ms: 2, results: {} },
    { kind: 'processed', path: '/r/a-processed.md', root: '/r', size: 7, mtimeMs: 5, hash: 'hp', source: 'disk', encoding: 'utf-8', ms: 1.23456, results: { analyze: { lines: 2, words: 9, sentences: 2, readingMinutes: 1.26, language: 'en', fleschReadingEase: 70.5, headingCount: 1, markerCount: 2, headings: [], markers: [] } } },
  ] as const;
  const report = { summary: summary({ state: 'finished', limit: undefined }), outcomes, findings: new FindingsStore() } as unknown as RunReport;

  it('JSON: every document sorted by path, with what its kind has', async () => {
    const { toJson } = await import('../../../src/report/format');
    const text = toJson(report, { roots: ['/r'], generatedAt: 'T' });
    assert.ok(text.endsWith('}\n'));
    const json = JSON.parse(text) as { tool: string; roots: string[]; documents: Record<string, unknown>[] };
    assert.equal(json.tool, 'batch-ops');
    assert.deepEqual(json.roots, ['/r']);
    const common = (o: (typeof outcomes)[number], file: string) => ({ path: o.path, file, root: '/r', status: o.kind, size: o.size, mtimeMs: o.mtimeMs });
    assert.deepEqual(json.documents, [
      { ...common(outcomes[4], 'a-processed.md'), hash: 'hp', source: 'disk', encoding: 'utf-8', ms: 1.235, results: outcomes[4].results },
      { ...common(outcomes[1], 'b-cached.md'), hash: 'hc', via: 'identity', results: outcomes[1].results },
      { ...common(outcomes[2], 'c-skipped.bin'), reason: 'binary', detail: 'a\\b|c\nd' },
      { ...common(outcomes[0], 'd-failed.md'), reason: 'timeout', detail: 'no result\r\nafter 30 s' },
      { ...common(outcomes[3], 'e-bare.md'), hash: 'he', source: 'memory', encoding: 'utf-16le', ms: 2, results: {} },
    ]);
  });

  it('CSV: the header, then a row per document by path, empty cells for what a kind lacks, CRLF line ends', async () => {
    const { formatReport } = await import('../../../src/report/format');
    const lines = formatReport('csv', report, { roots: ['/r'] }).split('\r\n');
    assert.deepEqual(lines, [
      'root,file,status,reason,detail,bytes,lines,words,sentences,readingMinutes,flesch,language,headings,markers,errors,warnings,notes',
      '/r,a-processed.md,processed,,,7,2,9,2,1.3,70.5,en,1,2,0,0,0',
      '/r,b-cached.md,cached,cached (identity),,5,1,7,1,0,,other,0,0,0,0,0',
      '/r,c-skipped.bin,skipped,binary,"a\\b|c\nd",6,,,,,,,,,,,',
      '/r,d-failed.md,failed,timeout,"no result\r\nafter 30 s",4,,,,,,,,,,,',
      '/r,e-bare.md,processed,,,8,,,,,,,,,0,0,0',
      '',
    ].join('\r\n').split('\r\n'));
  });

  it('Markdown: skipped and failed documents in their own table, cells escaped, one line each', async () => {
    const { formatReport } = await import('../../../src/report/format');
    const md = formatReport('md', report, { roots: ['/r'] });
    const tail = md.slice(md.indexOf('## Skipped and failed'));
    assert.equal(
      tail,
      [
        '## Skipped and failed',
        '',
        '| File | Status | Reason | Detail |',
        '| --- | --- | --- | --- |',
        '| c-skipped.bin | skipped | binary | a\\\\b\\|c\\\\nd |',
        '| d-failed.md | failed | timeout | no result\\\\r\\\\nafter 30 s |',
        '',
        '## Documents',
        '',
        '| File | Words | Lines | Reading (min) | Flesch | Headings | Markers | Status |',
        '| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
        '| a-processed.md | 9 | 2 | 1.3 | 70.5 | 1 | 2 | processed |',
        '| b-cached.md | 7 | 1 | 0 |  | 0 | 0 | cached |',
        '| e-bare.md |  |  |  |  |  |  | processed |',
        '',
      ].join('\n'),
    );
    assert.ok(md.includes('\n- 1,234 documents: '), 'the summary as a list');
    assert.ok(md.includes(' reading\n\n## Skipped and failed\n'), 'a blank line after the list');
  });

  it('the table lists documents in the order given by rowsOf: by root, then path', async () => {
    const { formatReport } = await import('../../../src/report/format');
    // (A detail with a line break would break its table row in two: the table does not flatten them, as Markdown does.)
    const oneLine = { ...report, outcomes: report.outcomes.map((o) => (o.kind === 'failed' || o.kind === 'skipped' ? { ...o, detail: 'one line' } : o)) } as RunReport;
    const files = formatReport('table', oneLine, { roots: ['/r'] }).split('\n').slice(1, -1).map((l) => l.split(' ')[0]);
    assert.deepEqual(files, ['a-processed.md', 'b-cached.md', 'c-skipped.bin', 'd-failed.md', 'e-bare.md']);
  });
});
