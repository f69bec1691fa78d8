// Edges of the report writers: escapes at the ends of a name, SARIF's nested roots,
// rule names, related locations, findings of files that are no document of the run.
import assert from 'node:assert/strict';
import { FindingsStore } from '../../../src/engine/findings/store';
import type { RunReport } from '../../../src/engine/run/run';
import type { Outcome } from '../../../src/engine/types';
import type { Finding, RuleInfo } from '../../../src/operations/findings';
import { escapeControls, escapeMarkdown } from '../../../src/report/escape';
import { findingsJson, toMarkdown } from '../../../src/report/format';
import { formatSarif } from '../../../src/report/sarif';
import { summaryOf } from '../../helpers/report';

const range = { start: { line: 2, column: 3 }, end: { line: 2, column: 6 } };
const finding = (over: Partial<Finding> = {}): Finding => ({ operation: 'links', rule: 'r1', severity: 'warning', message: 'm', file: '/w/a/b/c.md', range, ...over });

describe('report edges', () => {
  it('escapes: tab, CR and LF by name; every leading and trailing space kept as an entity', () => {
    assert.equal(escapeControls('a\tb\rc\nd'), 'a\\tb\\rc\\nd');
    assert.equal(escapeControls('\u0001\u009f\u2028'), '\\x01\\x9f\\u2028');
    assert.equal(escapeMarkdown('  a b  '), '&#32;&#32;a b&#32;&#32;');
  });

  it('findings of a file that is no document of the run keep its path, in JSON and Markdown', () => {
    const store = new FindingsStore();
    store.set('/elsewhere/x.md', 'links', 'document', [{ rule: 'r1', severity: 'error', message: 'gone', range }]);
    const outcome = { kind: 'processed', path: '/r/a.md', root: '/r', size: 1, mtimeMs: 1, hash: 'h', source: 'disk', encoding: 'utf-8', ms: 1, results: {} } as Outcome;
    const summary = summaryOf({ counts: { discovered: 1, queued: 0, processed: 1, cached: 0, skipped: 0, failed: 0 }, bytes: 1, elapsedMs: 1, docsPerSec: 1, mbPerSec: 1 });
    const report = { summary, outcomes: [outcome], findings: store } as RunReport;
    const [f] = findingsJson(report);
    assert.deepEqual([f!.file, f!.path], ['/elsewhere/x.md', '/elsewhere/x.md']);
    const md = toMarkdown(report, { roots: ['/r'] });
    assert.ok(md.includes('\n\n## Findings\n\n| File | Line | Column | Severity | Operation | Rule | Message |\n'), md);
    assert.ok(md.includes('| /elsewhere/x.md | 2 | 3 | error | links | r1 | gone |'), md);
  });

  describe('SARIF', () => {
    const rules: RuleInfo[] = [
      { id: 'r1', name: 'broken  fragment!', description: 'd', defaultSeverity: 'info' },
      { id: 'r2', name: 'a -b', description: 'd', defaultSeverity: 'warning' },
      { id: 'r3', name: '-x', description: 'd', defaultSeverity: 'error' },
    ];
    const sarif = (findings: Finding[], roots = ['/w']) => JSON.parse(formatSarif(findings, [{ id: 'links', version: 1, rules }], { roots, toolVersion: '1' }));

    it('rule names as identifiers: every word capitalised, the rest dropped; info is a note', () => {
      const run = sarif([]).runs[0];
      assert.deepEqual(run.tool.driver.rules.map((r: { name: string }) => r.name), ['BrokenFragment', 'AB', 'X']);
      assert.deepEqual(run.tool.driver.rules.map((r: { defaultConfiguration: { level: string } }) => r.defaultConfiguration.level), ['note', 'warning', 'error']);
      assert.equal(sarif([finding({ severity: 'warning' })]).runs[0].results[0].level, 'warning');
      assert.equal(sarif([finding({ severity: 'info' })]).runs[0].results[0].level, 'note');
    });

    it('every finding of an operation, in order; the text ends with a newline', () => {
      const run = sarif([finding({ message: 'one' }), finding({ message: 'two', rule: 'r2' }), finding({ message: 'three', rule: 'nope' })]).runs[0];
      assert.deepEqual(run.results.map((r: { message: { text: string } }) => r.message.text), ['one', 'two', 'three']);
      assert.deepEqual(run.results.map((r: { ruleIndex?: number }) => r.ruleIndex), [0, 1, undefined]);
      assert.ok(formatSarif([], [], { roots: [], toolVersion: '1' }).endsWith('}\n'));
    });

    it('related locations only when there are some, each with its message when it has one', () => {
      const none = sarif([finding({ related: [] })]).runs[0].results[0];
      assert.equal('relatedLocations' in none, false);
      const some = sarif([finding({ related: [{ file: '/w/x.md', message: 'see' }, { file: '/w/y.md', range }] })]).runs[0].results[0];
      assert.deepEqual(some.relatedLocations.map((r: { id: number; message?: { text: string } }) => [r.id, r.message?.text]), [[0, 'see'], [1, undefined]]);
      assert.deepEqual(some.relatedLocations[1].physicalLocation.region, { startLine: 2, startColumn: 3, endLine: 2, endColumn: 6 });
    });

    it('a location is relative to the deepest root that holds it, whatever the order of the roots', () => {
      for (const roots of [['/w/a', '/w'], ['/w', '/w/a'], ['/w/a/b', '/w/a', '/w']]) {
        const loc = sarif([finding()], roots).runs[0].results[0].locations[0].physicalLocation.artifactLocation;
        const deepest = roots.reduce((best, r, i) => (r.length > roots[best]!.length ? i : best), 0);
        assert.deepEqual(loc, { uri: roots[deepest] === '/w/a/b' ? 'c.md' : 'b/c.md', uriBaseId: `ROOT${deepest}` }, JSON.stringify(roots));
      }
    });
  });
});
