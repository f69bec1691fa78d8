// The findings model's helpers (src/operations/findings.ts).
import assert from 'node:assert/strict';
import { applySeverities, withOrigin, type DocumentFinding, type Finding } from '../../../src/operations/findings';

const range = { start: { line: 1, column: 1 }, end: { line: 1, column: 4 } };
const related = [{ file: '/r/b.md', range, message: 'here' }];
const fix = { description: 'Fix it', edits: [{ range, newText: 'x' }] };
const shapes: DocumentFinding[] = [
  { rule: 'r', severity: 'error', message: 'm', range },
  { rule: 'r', severity: 'warning', message: 'm', range, fix },
  { rule: 'r', severity: 'info', message: 'm', range, related },
  { rule: 'r', severity: 'error', message: 'm', range, related, fix },
];

describe('withOrigin', () => {
  it('is what a spread with the operation and file gives, members in the same order, for every shape', () => {
    for (const f of shapes) {
      const made = withOrigin(f, 'links', '/r/a.md');
      const spread = { ...f, operation: 'links', file: '/r/a.md' };
      assert.deepEqual(made, spread);
      assert.deepEqual(Object.keys(made), Object.keys(spread), JSON.stringify(f));
      assert.equal(JSON.stringify(made), JSON.stringify(spread));
    }
  });

  it('keeps the declared members only, in their declared order, whatever order an operation wrote them in', () => {
    const shuffled = { fix, message: 'm', extra: 1, range, severity: 'warning', rule: 'r' } as unknown as DocumentFinding;
    assert.deepEqual(Object.keys(withOrigin(shuffled, 'lint', '/r/a.md')), ['rule', 'severity', 'message', 'range', 'fix', 'operation', 'file']);
  });
});

describe('applySeverities', () => {
  const all: Finding[] = [
    { ...shapes[0]!, operation: 'links', file: '/a' },
    { ...shapes[1]!, rule: 'q', operation: 'lint', file: '/a' },
  ];
  it("without overrides returns a copy of the list; 'operation/rule' wins over 'rule'; off drops a finding", () => {
    const same = applySeverities(all, {});
    assert.deepEqual(same, all);
    assert.notEqual(same, all);
    assert.deepEqual(
      applySeverities(all, { r: 'info', 'links/r': 'warning', q: 'off' }).map((f) => [f.rule, f.severity]),
      [['r', 'warning']],
    );
  });
});
