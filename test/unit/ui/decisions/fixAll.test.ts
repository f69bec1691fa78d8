// Fix All in Workspace / Folder, decided without the editor: what goes into the
// one edit, under which labels, which documents are left out, which are saved.
import { strict as assert } from 'node:assert';
import { hashBytes } from '../../../../src/engine/read/read';
import { MARKDOWNLINT_RULES } from '../../../../src/operations/lint/rules';
import type { Finding, RuleInfo } from '../../../../src/operations/findings';
import { documentsToSave, fixGroupLabel, isAnalysedContent, planFixAll } from '../../../../src/ui/decisions/fixAll';
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
