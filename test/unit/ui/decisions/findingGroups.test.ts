// Grouping and counting findings for the Results view and the figures (src/ui/decisions/findingGroups.ts).
import assert from 'node:assert/strict';
import type { Finding, RuleInfo } from '../../../../src/operations/findings';
import { FindingCounts, findingLabel, findingsByOperationText, groupByRule, ruleGroupLabel, ruleName, type RulesOf } from '../../../../src/ui/decisions/findingGroups';
import { droppedOperations, staleFindingPaths } from '../../../../src/ui/decisions/staleFindings';
import type { Outcome } from '../../../../src/engine/index';
import { finding } from './findingsFixtures';

const RULES: Record<string, RuleInfo[]> = {
  links: [{ id: 'broken-fragment', name: 'Broken fragment', description: 'A link to a missing heading.', defaultSeverity: 'warning' }],
};
const rulesOf: RulesOf = (op) => RULES[op] ?? [];

describe('finding groups', () => {
  it('labels a finding "line:column message" and a rule by its name, else its id', () => {
    assert.equal(findingLabel(finding('/a', 7, { message: 'No heading "setup"' })), '7:1 No heading "setup"');
    assert.equal(ruleName(rulesOf, 'links', 'broken-fragment'), 'Broken fragment');
    assert.equal(ruleName(rulesOf, 'analyze', 'marker'), 'marker');
    assert.equal(ruleName(() => [], 'links', 'broken-fragment'), 'broken-fragment');
  });

  it('groups by rule (by name), then by document (by path), keeping each document\'s order', () => {
    const all: Finding[] = [
      finding('/a', 1),
      finding('/a', 2, { operation: 'analyze', rule: 'marker' }),
      finding('/a', 3),
      finding('/b', 1),
      finding('/c', 9, { operation: 'lint', rule: 'broken-fragment' }),
    ];
    const groups = groupByRule(all, rulesOf);
    assert.deepEqual(groups.map((g) => [g.key, ruleGroupLabel(g)]), [
      ['links/broken-fragment', 'Broken fragment (3)'],
      ['lint/broken-fragment', 'broken-fragment (1)'],
      ['analyze/marker', 'marker (1)'],
    ]);
    assert.deepEqual(groups[0]!.documents.map((d) => [d.path, d.findings.map((f) => f.range.start.line)]), [['/a', [1, 3]], ['/b', [1]]]);
  });

  it('counts findings per operation as documents change', () => {
    const byPath = new Map<string, Finding[]>([['/a', [finding('/a', 1), finding('/a', 2, { operation: 'analyze', rule: 'marker' })]], ['/b', [finding('/b', 1)]]]);
    const counts = new FindingCounts((p) => byPath.get(p) ?? []);
    counts.update(['/a', '/b']);
    assert.deepEqual(counts.byOperation(), [['analyze', 1], ['links', 2]]);
    byPath.set('/a', [finding('/a', 1)]);
    byPath.delete('/b');
    counts.update(['/a', '/b']);
    assert.deepEqual(counts.byOperation(), [['links', 1]]);
    assert.equal(counts.total, 1);
    assert.equal(counts.countOf('/a'), 1);
    assert.deepEqual([...counts.operations()], ['links']);
    assert.equal(counts.countOf('/b'), 0);
    assert.equal(findingsByOperationText([['analyze', 1200], ['links', 3]], (n) => n.toLocaleString('en-US')), 'analyze 1,200 · links 3');
    assert.equal(findingsByOperationText([]), '');
  });
});

describe('stale findings', () => {
  it('drops, under the run\'s roots, the documents it did not analyse or that ended skipped or failed', () => {
    const base = { root: '/r', size: 1, mtimeMs: 1 };
    const outcomes = new Map<string, Outcome>([
      ['/r/ok.md', { ...base, path: '/r/ok.md', kind: 'processed', hash: 'h', results: {}, source: 'disk', encoding: 'utf-8', ms: 1 }],
      ['/r/warm.md', { ...base, path: '/r/warm.md', kind: 'cached', hash: 'h', results: {}, via: 'identity' }],
      ['/r/bin.md', { ...base, path: '/r/bin.md', kind: 'skipped', reason: 'binary' }],
    ]);
    const stale = staleFindingPaths(['/r/ok.md', '/r/warm.md', '/r/bin.md', '/r/gone.md', '/elsewhere/x.md'], (p) => p.startsWith('/r/'), (p) => outcomes.get(p));
    assert.deepEqual(stale, ['/r/bin.md', '/r/gone.md']);
  });
});

describe('dropped operations', () => {
  it('are those with findings that a run does not run', () => {
    assert.deepEqual(droppedOperations(['analyze', 'links', 'lint'], ['analyze', 'lint']), ['links']);
    assert.deepEqual(droppedOperations([], ['analyze']), []);
  });
});
