// Every report format carries the findings: JSON lists them, Markdown has a table,
// CSV counts them per document, the summary lines count them per operation.
import assert from 'node:assert/strict';
import { FindingsStore } from '../../../src/engine/findings/store';
import type { RunReport } from '../../../src/engine/run/run';
import type { Outcome } from '../../../src/engine/types';
import { summaryOf } from '../../helpers/report';
import { formatReport, summaryLines } from '../../../src/report/format';

const at = (line: number, column: number) => ({ start: { line, column }, end: { line, column: column + 3 } });
const outcome = (name: string): Outcome => ({ kind: 'processed', path: `/r/${name}`, root: '/r', size: 1, mtimeMs: 1, hash: 'h', source: 'disk', encoding: 'utf-8', ms: 1, results: {} });
const store = new FindingsStore();
store.set('/r/a.md', 'links', 'document', [{ rule: 'missing-fragment', severity: 'error', message: 'No heading <b>#x</b> | here', range: at(3, 5) }]);
store.set('/r/a.md', 'analyze', 'document', [{ rule: 'marker', severity: 'info', message: 'TODO', range: at(1, 1) }]);
store.set('/r/b.md', 'lint', 'document', [{ rule: 'MD009', severity: 'warning', message: 'MD009/no-trailing-spaces', range: at(2, 4) }]);
const summary = summaryOf({
  counts: { discovered: 2, queued: 0, processed: 2, cached: 0, skipped: 0, failed: 0 },
  bytes: 2,
  elapsedMs: 1,
  docsPerSec: 1,
  mbPerSec: 1,
  findings: store.counts(['analyze', 'links', 'lint']),
});
const report: RunReport = { summary, outcomes: [outcome('a.md'), outcome('b.md')], findings: store };

describe('findings in the reports', () => {
  it('JSON: every finding with its file relative to its root, sorted by file and position', () => {
    const json = JSON.parse(formatReport('json', report, { roots: ['/r'] }));
    assert.deepEqual(
      json.findings.map((f: { file: string; operation: string; rule: string; severity: string; range: { start: { line: number } } }) => [f.file, f.operation, f.rule, f.severity, f.range.start.line]),
      [
        ['a.md', 'analyze', 'marker', 'info', 1],
        ['a.md', 'links', 'missing-fragment', 'error', 3],
        ['b.md', 'lint', 'MD009', 'warning', 2],
      ],
    );
    assert.deepEqual(json.summary.findings.links, { error: 1, warning: 0, info: 0 });
  });

  it('Markdown: a findings table (markers stay in the documents table), messages escaped', () => {
    const md = formatReport('md', report, { roots: ['/r'] });
    const table = md.slice(md.indexOf('## Findings'));
    assert.equal(
      table,
      [
        '## Findings',
        '',
        '| File | Line | Column | Severity | Operation | Rule | Message |',
        '| --- | ---: | ---: | --- | --- | --- | --- |',
        '| a.md | 3 | 5 | error | links | missing-fragment | No heading &lt;b&gt;#x&lt;/b&gt; \\| here |',
        '| b.md | 2 | 4 | warning | lint | MD009 | MD009/no-trailing-spaces |',
        '',
      ].join('\n'),
    );
  });

  it('CSV: each document counts its errors, warnings and notes', () => {
    const lines = formatReport('csv', report, { roots: ['/r'] }).split('\r\n');
    assert.ok(lines[0]!.endsWith(',errors,warnings,notes'), lines[0]);
    assert.ok(lines[1]!.startsWith('/r,a.md,') && lines[1]!.endsWith(',1,0,1'), lines[1]);
    assert.ok(lines[2]!.startsWith('/r,b.md,') && lines[2]!.endsWith(',0,1,0'), lines[2]);
  });

  it('summary lines: one per operation with findings other than analyze, errors, warnings and notes counted', () => {
    const lines = summaryLines(summary);
    assert.ok(lines.includes('links: 1 error, 0 warnings, 0 notes'), lines.join('\n'));
    assert.ok(lines.includes('lint: 0 errors, 1 warning, 0 notes'), lines.join('\n'));
    assert.ok(!lines.some((l) => l.startsWith('analyze: 0')), 'analyze is summarised by its figures');
  });
});
