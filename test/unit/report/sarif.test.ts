import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Finding, RuleInfo } from '../../../src/operations/findings';
import { formatSarif } from '../../../src/report/sarif';
import { sarifErrors } from '../../helpers/sarif';

const root = path.resolve('/work/space');
const rules: RuleInfo[] = [
  { id: 'missing-fragment', name: 'Missing fragment', description: 'A fragment that matches no heading.', defaultSeverity: 'error', helpUri: 'https://example.org/rules#missing-fragment' },
];
const findings: Finding[] = [
  {
    operation: 'links',
    rule: 'missing-fragment',
    severity: 'error',
    message: 'No heading "#instal" in guide.md; did you mean "#install"?',
    file: path.join(root, 'docs', 'a b.md'),
    range: { start: { line: 3, column: 10 }, end: { line: 3, column: 26 } },
    related: [{ file: path.join(root, 'guide.md'), message: 'the linked document' }],
    fix: { description: 'Change the fragment to #install', edits: [{ range: { start: { line: 3, column: 19 }, end: { line: 3, column: 25 } }, newText: 'install' }] },
  },
  { operation: 'analyze', rule: 'marker', severity: 'info', message: 'TODO fix', file: '/elsewhere/x.md', range: { start: { line: 1, column: 1 }, end: { line: 1, column: 5 } } },
];

describe('SARIF', () => {
  const text = formatSarif(findings, [{ id: 'links', version: 1, rules }, { id: 'analyze', version: 1, rules: [] }, { id: 'lint', version: 1, rules: [] }], { roots: [root], toolVersion: '0.1.0' });
  const log = JSON.parse(text);

  it('validates against the SARIF 2.1.0 schema', () => {
    assert.deepEqual(sarifErrors(text), []);
  });

  it('the schema check fails on a log that breaks it (self-check)', () => {
    const broken = JSON.parse(text);
    broken.runs[0].results[0].level = 'fatal';
    broken.runs[0].results[0].locations[0].physicalLocation.region.startLine = 0;
    const errors = sarifErrors(JSON.stringify(broken));
    assert.ok(errors.some((e) => e.startsWith('/runs/0/results/0/level')), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('/region/startLine')), errors.join('\n'));
  });

  it('has one run per operation, even one without findings, each naming its rules', () => {
    assert.deepEqual(log.runs.map((r: { tool: { driver: { name: string } } }) => r.tool.driver.name), ['batch-ops links', 'batch-ops analyze', 'batch-ops lint']);
    assert.equal(log.runs[2].results.length, 0);
    assert.deepEqual(log.runs[0].tool.driver.rules[0], {
      id: 'missing-fragment',
      name: 'MissingFragment',
      shortDescription: { text: 'Missing fragment' },
      fullDescription: { text: 'A fragment that matches no heading.' },
      helpUri: 'https://example.org/rules#missing-fragment',
      defaultConfiguration: { level: 'error' },
    });
  });

  it('locates a result relative to its root, 1-based, with the fix as a replacement', () => {
    const r = log.runs[0].results[0];
    assert.equal(r.ruleId, 'missing-fragment');
    assert.equal(r.ruleIndex, 0);
    assert.equal(r.level, 'error');
    assert.deepEqual(r.locations[0].physicalLocation, {
      artifactLocation: { uri: 'docs/a%20b.md', uriBaseId: 'ROOT0' },
      region: { startLine: 3, startColumn: 10, endLine: 3, endColumn: 26 },
    });
    assert.equal(log.runs[0].originalUriBaseIds.ROOT0.uri, 'file:///work/space/');
    assert.deepEqual(r.fixes[0].artifactChanges[0].replacements, [{ deletedRegion: { startLine: 3, startColumn: 19, endLine: 3, endColumn: 25 }, insertedContent: { text: 'install' } }]);
    assert.deepEqual(r.relatedLocations[0].physicalLocation.artifactLocation, { uri: 'guide.md', uriBaseId: 'ROOT0' });
  });

  it('maps info to note, and a file outside every root to an absolute URI', () => {
    const r = log.runs[1].results[0];
    assert.equal(r.level, 'note');
    assert.deepEqual(r.locations[0].physicalLocation.artifactLocation, { uri: 'file:///elsewhere/x.md' });
  });
});
