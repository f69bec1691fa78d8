// Which files are reports this tool wrote (any format), and the summary lines of
// a whole-process run; pieces format.test.ts and format-table.test.ts leave out.
import assert from 'node:assert/strict';
import { FindingsStore } from '../../../src/engine/findings/store';
import type { RunReport } from '../../../src/engine/run/run';
import type { Summary } from '../../../src/engine/types';
import { csvCell, formatReport, isReportHead, summaryLines, toCsv, toTable } from '../../../src/report/format';
import { rowOf, type ReportRow } from '../../../src/report/rows';

const summary = (over: Partial<Summary> = {}): Summary =>
  ({
    counts: { discovered: 1, queued: 0, processed: 1, cached: 0, skipped: 0, failed: 0 },
    accounted: true,
    bytes: 2048,
    elapsedMs: 500,
    docsPerSec: 2.5,
    mbPerSec: 0.04,
    peakRss: 1024 * 1024,
    cache: { hits: 0, misses: 1, evictions: 0, entries: 1, bytes: 1, hitRate: 0 },
    state: 'finished',
    skippedByReason: {},
    failedByReason: {},
    operations: {},
    ...over,
  }) as Summary;

const emptyReport = (s = summary()): RunReport => ({ outcomes: [], summary: s, findings: new FindingsStore() }) as unknown as RunReport;

describe('report heads and summary lines', () => {
  it('recognises the head of every format this tool writes, and nothing else', () => {
    const report = emptyReport();
    for (const format of ['json', 'sarif', 'md', 'csv', 'table'] as const) {
      const text = formatReport(format, report, { roots: ['/r'], generatedAt: 'now' });
      assert.equal(isReportHead(Buffer.from(text)), true, format);
      assert.equal(isReportHead(Buffer.from('x' + text)), false, `${format} after another byte`);
    }
    for (const other of ['', '{\n  "tool": "other"', '{"tool": "batch-ops"}', '# Batch report', '# Batch reports\n', 'root,file\r\n', 'FILE STATUS\n', 'FILE  STATUS  WORDS  LINES  READ  FLESCH  MARKERS  REASON', '{\n  "$schema": "x"']) {
      assert.equal(isReportHead(Buffer.from(other)), false, JSON.stringify(other));
    }
    assert.equal(isReportHead(Buffer.from('root,file,status,reason,detail,bytes,lines,words,sentences,readingMinutes,flesch,language,headings,markers,errors,warnings,notes\n')), false, 'the CSV head ends with CRLF');
    assert.equal(isReportHead(Buffer.from('FILE STATUS WORDS LINES READ FLESCH MARKERS REASON\n')), true, 'one space apart is still the table');
    assert.equal(isReportHead(Buffer.from('root,file,status,reason,detail,bytes,lines,words,sentences,readingMinutes,flesch,language,headings,markers,errors,warnings,notes\r\n')), true);
  });

  it('the whole process\'s figures, when the host measured them, beside the engine\'s', () => {
    const lines = summaryLines(summary({ whole: { elapsedMs: 1500, peakRss: 2 * 1024 * 1024 } } as Partial<Summary>));
    assert.equal(lines[1], '2 KiB in total 1.50 s (engine 500 ms): 3 docs/s, 0.0 MB/s in the engine, peak RSS 2 MiB in total (engine 1 MiB)');
  });

  it('a stopped run without a limit, and operations\' findings in the plural and singular', () => {
    const lines = summaryLines(
      summary({
        state: 'cancelled',
        findings: { analyze: { error: 0, warning: 0, info: 5 }, lint: { error: 1, warning: 2, info: 0 }, links: { error: 0, warning: 1, info: 1 } },
      } as Partial<Summary>),
    );
    assert.deepEqual(lines.slice(3), ['run cancelled', 'lint: 1 error, 2 warnings, 0 notes', 'links: 0 errors, 1 warning, 1 note']);
  });

  it('skip and fail reasons with no count say 0; analyze totals without figures say 0', () => {
    const lines = summaryLines(
      summary({
        counts: { discovered: 2, queued: 0, processed: 0, cached: 0, skipped: 1, failed: 1 },
        skippedByReason: { binary: undefined } as never,
        failedByReason: { timeout: undefined } as never,
        operations: { analyze: {} },
      }),
    );
    assert.deepEqual(lines.slice(3), ['skipped: binary 0', 'failed: timeout 0', 'analyze: 0 words, 0 lines, 0 markers, 0 ms reading']);
  });

  it('CSV cells: nothing for null and undefined, numbers as they are, quotes doubled', () => {
    assert.equal(csvCell(null), '');
    assert.equal(csvCell(undefined), '');
    assert.equal(csvCell(-3), '-3', 'a negative number is a number, not a formula');
    assert.equal(csvCell('a"b'), '"a""b"');
    assert.equal(csvCell('a\nb'), '"a\nb"');
    assert.equal(csvCell('a\rb'), '"a\rb"');
    assert.equal(csvCell('a,b'), '"a,b"');
    assert.equal(csvCell('-x,y'), `"'-x,y"`);
    assert.equal(csvCell('x=1'), 'x=1', 'only a leading formula character');
    assert.equal(toCsv([]), 'root,file,status,reason,detail,bytes,lines,words,sentences,readingMinutes,flesch,language,headings,markers,errors,warnings,notes\r\n');
  });

  it('the table: a long reason is cut at 40 columns only when it is not the last column; empty figures stay blank', () => {
    const row: ReportRow = { root: '/r', file: 'f', status: 'failed', reason: 'r'.repeat(50), detail: '', bytes: 1 };
    const [header, line] = toTable([row]).split('\n');
    assert.equal(line, 'f     failed' + ' '.repeat(header!.indexOf('REASON') - 12) + 'r'.repeat(50));
    const withDetail: ReportRow = { ...row, reason: 'timeout', detail: 'after 5 s' };
    assert.ok(toTable([withDetail]).includes('timeout: after 5 s'));
  });

  it('SARIF: the tool version given, 0.0.0 without one', () => {
    const report = emptyReport();
    const version = (toolVersion?: string) => JSON.parse(formatReport('sarif', report, { roots: ['/r'], operations: [{ id: 'links', version: 1, rules: [] }], ...(toolVersion ? { toolVersion } : {}) })).runs[0].tool.driver.semanticVersion;
    assert.equal(version('1.2.3'), '1.2.3');
    assert.equal(version(), '0.0.0');
  });

  it('a skipped document without a detail has an empty detail', () => {
    const row = rowOf({ kind: 'skipped', path: '/r/a.bin', root: '/r', size: 1, mtimeMs: 1, reason: 'binary' } as never);
    assert.equal(row.detail, '');
    assert.equal(row.reason, 'binary');
  });
});
