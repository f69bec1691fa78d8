// Fix All in Workspace / Folder, decided without the editor: what goes into the
// one edit, under which labels, which documents are left out, which are saved.
import { strict as assert } from 'node:assert';
import { hashBytes } from '../../../../src/engine/read/read';
import { MARKDOWNLINT_RULES } from '../../../../src/operations/lint/rules';
import type { Finding, RuleInfo } from '../../../../src/operations/findings';
import { appliedFixes, documentsToSave, fixGroupLabel, isAnalysedContent, planFixAll, type FixAllPlan } from '../../../../src/ui/decisions/fixAll';
import { finding } from './findingsFixtures';

const edit = (line: number, column: number, endColumn: number, newText: string) => ({ range: { start: { line, column }, end: { line, column: endColumn } }, newText });
const withFix = (file: string, line: number, rule: string, operation: string, edits: ReturnType<typeof edit>[]): Finding =>
  finding(file, line, { rule, operation, fix: { description: `fix ${rule}`, edits } });

const MD009 = MARKDOWNLINT_RULES.find((r) => r.id === 'MD009');
const BROKEN: RuleInfo = { id: 'broken-fragment', name: 'Broken fragment', description: 'A link to a missing heading.', defaultSeverity: 'error' };
const infoOf = (operation: string, rule: string) => (operation === 'lint' ? MARKDOWNLINT_RULES.find((r) => r.id === rule) : rule === BROKEN.id ? BROKEN : undefined);

describe('fix all: the plan', () => {
  it("labels a rule's group as markdownlint names it, or by its name, or by its ids", () => {
    assert.equal(fixGroupLabel(MD009, 'lint', 'MD009'), 'MD009/no-trailing-spaces: Trailing spaces');
    assert.equal(fixGroupLabel(BROKEN, 'links', 'broken-fragment'), 'Broken fragment (broken-fragment)');
    assert.equal(fixGroupLabel(undefined, 'links', 'unknown-rule'), 'links/unknown-rule');
  });

  it('takes the fixable findings of documents in scope whose content is what was analysed, labelled by rule; the others are stale', () => {
    const findings: Finding[] = [
      withFix('/w/a.md', 3, 'MD009', 'lint', [edit(3, 5, 8, '')]),
      withFix('/w/a.md', 1, 'broken-fragment', 'links', [edit(1, 10, 14, 'setup')]),
      // Overlaps the MD009 edit on line 3: left for the next run.
      withFix('/w/a.md', 3, 'MD010', 'lint', [edit(3, 6, 7, ' ')]),
      finding('/w/a.md', 5, { rule: 'MD013', operation: 'lint' }), // no fix
      withFix('/w/changed.md', 1, 'MD009', 'lint', [edit(1, 2, 3, '')]),
      withFix('/elsewhere/b.md', 1, 'MD009', 'lint', [edit(1, 2, 3, '')]),
    ];
    const plan = planFixAll(findings, (p) => p.startsWith('/w/'), (p) => p !== '/w/changed.md', infoOf);
    assert.deepEqual(plan.stale, ['/w/changed.md']);
    assert.equal(plan.problems, 2);
    assert.deepEqual(
      plan.documents.map((d) => ({ path: d.path, problems: d.problems, edits: d.edits.map((e) => [e.edit.range.start.line, e.edit.newText, e.label]) })),
      [
        {
          path: '/w/a.md',
          problems: 2,
          edits: [
            [1, 'setup', 'Broken fragment (broken-fragment)'],
            [3, '', 'MD009/no-trailing-spaces: Trailing spaces'],
          ],
        },
      ],
    );
  });

  it("checks an open editor's buffer, else the file's bytes, against the analysed hash (the engine's hash)", () => {
    const bytes = Buffer.from('\uFEFF# Title\r\n', 'utf8');
    const hash = hashBytes(bytes);
    assert.ok(isAnalysedContent(hash, { kind: 'file', bytes }));
    assert.ok(!isAnalysedContent(hash, { kind: 'file', bytes: Buffer.from('# Title\r\n') }));
    // The editor shows no BOM: the buffer matches a file hashed with one.
    assert.ok(isAnalysedContent(hash, { kind: 'buffer', text: '# Title\r\n' }));
    assert.ok(!isAnalysedContent(hash, { kind: 'buffer', text: '# Title\r\nmore\r\n' }));
    assert.ok(!isAnalysedContent(undefined, { kind: 'buffer', text: '# Title\r\n' }));
    assert.ok(!isAnalysedContent(hash, { kind: 'missing' }));
  });

  it('saves the touched documents that had no unsaved changes before, in batches', () => {
    const touched = ['/w/1.md', '/w/2.md', '/w/dirty.md', '/w/3.md', '/w/4.md', '/w/5.md'];
    assert.deepEqual(documentsToSave(touched, new Set(['/w/dirty.md']), 2), [
      ['/w/1.md', '/w/2.md'],
      ['/w/3.md', '/w/4.md'],
      ['/w/5.md'],
    ]);
    assert.deepEqual(documentsToSave(['/w/dirty.md'], new Set(['/w/dirty.md'])), []);
  });
});

// Regression: "fixed N problems" counted every fix offered, although the refactor
// preview lets the user untick rules and files and applies only the ticked ones.
describe('fix all: what the preview applied', () => {
  const plan: FixAllPlan = {
    stale: [],
    problems: 5,
    documents: [
      { path: '/w/a.md', problems: 2, edits: [{ edit: edit(1, 4, 6, ''), label: 'MD009' }, { edit: edit(2, 1, 1, '# '), label: 'MD041' }] },
      { path: '/w/b.md', problems: 1, edits: [{ edit: edit(1, 1, 4, 'new'), label: 'links' }] },
      { path: '/w/c.md', problems: 2, edits: [{ edit: edit(1, 2, 3, 'X'), label: 'MD009' }, { edit: edit(2, 2, 3, 'Y'), label: 'MD009' }] },
    ],
  };
  const before: Record<string, string> = { '/w/a.md': 'abc  \r\nTitle\r\n', '/w/b.md': 'old.md', '/w/c.md': 'ab\ncd\n' };

  it('counts the documents every fix of which was applied, and their problems; the ones partly applied apart', () => {
    const after: Record<string, string> = { '/w/a.md': 'abc\r\n# Title\r\n', '/w/c.md': 'aX\ncd\n' };
    assert.deepEqual(
      appliedFixes(plan, (p) => before[p], (p) => after[p]),
      { documents: 1, problems: 2, partly: 1 },
      'a.md fixed, b.md unticked (not opened), c.md one of two',
    );
  });

  it('counts nothing when nothing changed, and everything when all was applied', () => {
    assert.deepEqual(appliedFixes(plan, (p) => before[p], (p) => before[p]), { documents: 0, problems: 0, partly: 0 });
    const all: Record<string, string> = { '/w/a.md': 'abc\r\n# Title\r\n', '/w/b.md': 'new.md', '/w/c.md': 'aX\ncY\n' };
    assert.deepEqual(appliedFixes(plan, (p) => before[p], (p) => all[p]), { documents: 3, problems: 5, partly: 0 });
  });

  it('takes the line endings the editor writes as the same text', () => {
    const lfPlan: FixAllPlan = { stale: [], problems: 1, documents: [{ path: '/w/d.md', problems: 1, edits: [{ edit: edit(1, 2, 2, '\n'), label: 'MD022' }] }] };
    assert.deepEqual(appliedFixes(lfPlan, () => 'a\r\nb\r\n', () => 'a\r\n\r\nb\r\n'), { documents: 1, problems: 1, partly: 0 });
  });
});
