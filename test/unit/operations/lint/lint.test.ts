// The lint operation: what it accepts, text gathered from chunks, results,
// findings and summaries, and its place in the registry.
import { strict as assert } from 'node:assert';
import * as path from 'node:path';
import { createLint, LINT_NO_FINDINGS_TEXT, lintFindings, type LintResult } from '../../../../src/operations/lint';
import { reduce, type Chunk } from '../../../../src/operations/operation';
import { createOperations } from '../../../../src/operations/registry';
import type { ConfigFileProbe } from '../../../../src/operations/lint/config-files';

const nothing: ConfigFileProbe = { readFile: () => undefined, exists: () => false };

/** Chunks of `text` as the chunker hands them out: `overlap` characters repeated from before. */
function chunks(text: string, size: number, overlap: number): Chunk[] {
  const out: Chunk[] = [];
  for (let start = 0; start < text.length || out.length === 0; start += size) {
    const from = Math.max(0, start - overlap);
    const end = Math.min(text.length, start + size);
    out.push({ text: text.slice(from, end), start: from, end, overlap: start - from, line: 1, last: end >= text.length });
  }
  return out;
}

const DOC = '#Title\n\nSome text   \n* a\n* b\n\n\n\n' + 'word '.repeat(30) + '\n```\ncode\n```\nend';

describe('lint operation', () => {
  it('accepts what markdownlint-cli2 lints in a folder: *.md and *.markdown, case-sensitive', () => {
    const op = createLint({}, nothing);
    assert.deepEqual(
      ['/w/a.md', '/w/b.markdown', '/w/C.MD', '/w/d.mdx', '/w/e.txt', '/w/md'].map((p) => op.accepts(p)),
      [true, true, false, false, false, false],
    );
    assert.equal(op.splittable, false);
    assert.equal(op.id, 'lint');
  });

  it('lints the whole text however it was cut into chunks', () => {
    const op = createLint({}, nothing);
    const whole = op.finish(op.map(chunks(DOC, DOC.length, 0)[0]!));
    assert.ok(whole.problems.length >= 6);
    for (const [size, overlap] of [[1, 0], [7, 3], [16, 16], [50, 5]] as const) {
      const parts = chunks(DOC, size, overlap);
      assert.deepEqual(reduce(op, parts.map((c) => op.map(c))), whole, `size ${size}`);
      let folded = op.empty();
      for (const c of parts) folded = op.mapInto!(folded, c);
      assert.equal(folded, DOC);
    }
  });

  it("finishDocument() uses the configuration found for the document's place; finish() the base setting", () => {
    const files: Record<string, string> = { [path.resolve('/w/quiet/.markdownlint.json')]: '{ "default": false, "MD018": true }' };
    const probe: ConfigFileProbe = { readFile: (f) => files[f], exists: (f) => f in files };
    const op = createLint({ config: { MD041: false } }, probe);
    const partial = op.map(chunks(DOC, DOC.length, 0)[0]!);
    const quiet = op.finishDocument!(partial, { path: path.resolve('/w/quiet/a.md'), root: path.resolve('/w') });
    assert.deepEqual(
      quiet.problems.map((p) => p.r),
      ['MD018'],
    );
    const loud = op.finishDocument!(partial, { path: path.resolve('/w/a.md'), root: path.resolve('/w') });
    assert.ok(loud.problems.length > 3 && !loud.problems.some((p) => p.r === 'MD041'));
    assert.deepEqual(op.finish(partial), { problems: loud.problems });
    assert.equal(loud.configKey, op.resolver.configFor(path.resolve('/w/a.md'), path.resolve('/w')).key);
    assert.notEqual(quiet.configKey, loud.configKey);
  });

  it('marks in its JSON only the results with no problem, not ignored and without notices (the engine then does not parse them)', () => {
    const files: Record<string, string> = {
      [path.resolve('/w/.markdownlint-cli2.jsonc')]: '{ "ignores": ["skipped.md"] }',
      [path.resolve('/w/js/.markdownlint.cjs')]: 'module.exports = {}',
    };
    const probe: ConfigFileProbe = { readFile: (f) => files[f], exists: (f) => f in files };
    const op = createLint({}, probe);
    const root = path.resolve('/w');
    const json = (text: string, file: string): string => JSON.stringify(op.finishDocument!(op.map(chunks(text, text.length, 0)[0]!), { path: path.resolve('/w', file), root }));
    const clean = '# Title\n\nText.\n';
    assert.ok(json(clean, 'a.md').includes(LINT_NO_FINDINGS_TEXT));
    assert.ok(!json(DOC, 'a.md').includes(LINT_NO_FINDINGS_TEXT), 'problems');
    assert.ok(!json(clean, 'skipped.md').includes(LINT_NO_FINDINGS_TEXT), 'ignored');
    const withNotice = op.finishDocument!(op.map(chunks(clean, clean.length, 0)[0]!), { path: path.resolve('/w/js/a.md'), root });
    assert.equal(withNotice.problems.length, 0);
    assert.ok(op.notices!(withNotice).length > 0 && !JSON.stringify(withNotice).includes(LINT_NO_FINDINGS_TEXT), 'notices');
    assert.equal(op.noFindingsText, LINT_NO_FINDINGS_TEXT);
  });

  it('gives findings with fixes in the findings model, and JSON-safe results', () => {
    const op = createLint({}, nothing);
    const result = op.finish(DOC);
    assert.deepEqual(JSON.parse(JSON.stringify(result)), result);
    const findings = op.findings!(result);
    const md009 = findings.find((f) => f.rule === 'MD009')!;
    assert.deepEqual(md009.range, { start: { line: 3, column: 10 }, end: { line: 3, column: 13 } });
    assert.deepEqual(md009.fix!.edits, [{ range: { start: { line: 3, column: 10 }, end: { line: 3, column: 13 } }, newText: '' }]);
    assert.equal(findings.find((f) => f.rule === 'MD040')!.fix, undefined);
    assert.deepEqual(findings, lintFindings(result));
  });

  it('summarizes by rule, and the fold (with merge) agrees', () => {
    const op = createLint({}, nothing);
    const results: LintResult[] = [op.finish(DOC), op.finish('# ok\n'), op.finish('#a\n\n#b\n')];
    const summary = op.summarize(results);
    assert.equal(summary.documents, 3);
    assert.equal(summary.problems, results.reduce((n, r) => n + r.problems.length, 0));
    assert.equal(summary.byRule.MD018, 3);
    assert.ok(summary.fixable > 0 && summary.fixable < summary.problems);
    const f = op.fold!;
    const merged = f.merge!(f.add(f.start(), results[0]!), f.add(f.add(f.start(), results[1]!), results[2]!));
    assert.deepEqual(f.end(merged), summary);
  });

  it('folds from each result\'s brief (as a warm run folds saved results) to the same summary', () => {
    const op = createLint({}, nothing);
    const results: LintResult[] = [op.finish(DOC), op.finish('# ok\n'), op.finish('#a\n\n#b\n')];
    const f = op.fold!;
    const brief = f.brief!;
    assert.equal(brief.of(results[1]!), '[0,0]');
    // '#a' and '#b' are not headings (MD018, fixable, twice), so the first line is not one either (MD041, not fixable).
    assert.equal(brief.of(results[2]!), '[3,2,{"MD018":2,"MD041":1}]');
    const fromBriefs = results.reduce((acc, r) => brief.add(acc, brief.of(r)), f.start());
    assert.deepEqual(f.end(fromBriefs), op.summarize(results));
    const mixed = brief.add(f.add(brief.add(f.start(), brief.of(results[2]!)), results[0]!), brief.of(results[1]!));
    assert.deepEqual(f.end(mixed), op.summarize(results));
  });

  it("is registered as 'lint' and built from plain settings", () => {
    const [op] = createOperations([{ id: 'lint', settings: { config: { MD013: false } } }]);
    assert.equal(op!.id, 'lint');
    assert.ok((op!.rules ?? []).length >= 50);
  });
});
