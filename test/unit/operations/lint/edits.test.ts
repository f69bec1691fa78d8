// applyEdits (every operation's fixes) and applyLintFixes against markdownlint's
// own applyFixes: random fixes on random texts give the same bytes.
import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { applyFixes, type LintError } from 'markdownlint';
import { applyEdits } from '../../../../src/operations/edits';
import type { TextEdit } from '../../../../src/operations/findings';
import { applyLintFixes } from '../../../../src/operations/lint/fix';
import { splitLines, toProblems } from '../../../../src/operations/lint/markdownlint';
import { lintFindings } from '../../../../src/operations/lint';

const at = (l: number, c: number, l2: number, c2: number, newText: string): TextEdit => ({
  range: { start: { line: l, column: c }, end: { line: l2, column: c2 } },
  newText,
});

interface FixInfo {
  lineNumber?: number;
  editColumn?: number;
  deleteCount?: number;
  insertText?: string;
}

const errorsOf = (fixes: readonly { line: number; fixInfo: FixInfo }[]) =>
  fixes.map((f) => ({ lineNumber: f.line, fixInfo: f.fixInfo, ruleNames: ['X'], ruleDescription: 'x', errorRange: null }) as unknown as LintError);

/** Our path: the document's fixInfos as TextEdits (what the findings carry), applied by applyLintFixes. */
function oursFor(text: string, fixes: readonly { line: number; fixInfo: FixInfo }[]): string {
  return applyLintFixes(text, lintFindings({ problems: toProblems(text, errorsOf(fixes)) }));
}

function theirsFor(text: string, fixes: readonly { line: number; fixInfo: FixInfo }[]): string {
  return applyFixes(text, errorsOf(fixes));
}

describe('applyEdits', () => {
  it('applies non-overlapping edits, multi-line ones included', () => {
    const text = 'one\ntwo\r\nthree\rfour';
    assert.equal(applyEdits(text, [at(1, 1, 1, 4, 'ONE'), at(3, 6, 3, 6, '!'), at(4, 5, 4, 5, '?')]), 'ONE\ntwo\r\nthree!\rfour?');
    assert.equal(applyEdits(text, [at(2, 1, 4, 1, '')]), 'one\nfour');
    assert.equal(applyEdits(text, []), text);
  });

  it('settles conflicts on a line as applyFixes does: the rightmost edit wins, an insertion merges into a deletion at its place', () => {
    // [5,10) then [3,7): the second overlaps the first and is left out.
    assert.equal(applyEdits('0123456789abc', [at(1, 4, 1, 8, 'X'), at(1, 6, 1, 11, 'Y')]), '01234Yabc');
    // insertion + deletion at the same column: one replacement.
    assert.equal(applyEdits('abcdef', [at(1, 3, 1, 3, 'XY'), at(1, 3, 1, 5, '')]), 'abXYef');
    // two insertions at one place: the longer one only.
    assert.equal(applyEdits('abc', [at(1, 2, 1, 2, 'x'), at(1, 2, 1, 2, 'yy')]), 'ayybc');
    // a deletion may touch the edit after it.
    assert.equal(applyEdits('abcdef', [at(1, 1, 1, 3, ''), at(1, 3, 1, 5, 'Z')]), 'Zef');
  });

  it('lets a deleted line take the edits on it along', () => {
    assert.equal(applyEdits('a\nbbb\nc', [at(2, 2, 2, 3, 'X'), at(2, 1, 3, 1, ''), at(3, 1, 3, 1, '>')]), 'a\n>c');
  });

  it('matches applyFixes on fixes markdownlint-style rules make (property)', () => {
    const line = fc.stringMatching(/^[a-c \t#*]{0,8}$/);
    const ending = fc.constantFrom('\n', '\r\n', '\r');
    const doc = fc.tuple(fc.array(fc.tuple(line, ending), { minLength: 1, maxLength: 6 }), line).map(([ls, last]) => ls.map(([l, e]) => l + e).join('') + last);
    const fixInfo = fc.record(
      {
        editColumn: fc.integer({ min: 1, max: 10 }),
        deleteCount: fc.oneof(fc.integer({ min: 0, max: 4 }), fc.constant(-1)),
        insertText: fc.constantFrom('', ' ', 'x', 'yz', '\n', '\n\n'),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(doc, fc.array(fc.tuple(fc.integer({ min: 1, max: 7 }), fixInfo), { minLength: 1, maxLength: 6 }), (text, raw) => {
        const count = splitLines(text).length;
        const lines = splitLines(text);
        // Fixes inside their line, as markdownlint's rules make them (outside, applyFixes
        // edits a line it already changed by columns of the original; we clamp to the line).
        const fixes = raw.map(([l, f]) => {
          const line = Math.min(l, count);
          const length = lines[line - 1]!.length;
          const editColumn = Math.min(f.editColumn ?? 1, length + 1);
          const deleteCount = f.deleteCount === -1 ? -1 : Math.min(f.deleteCount ?? 0, length + 1 - editColumn);
          return { line, fixInfo: { ...f, ...(f.editColumn ? { editColumn } : {}), ...(f.deleteCount ? { deleteCount } : {}) } };
        });
        // The one case the TextEdit form cannot tell apart (see fixEdits): a line of the
        // deleted run that ends the document, after an empty line, with another fix on
        // one of the two lines.
        const deleted = (n: number) => fixes.some((f) => f.line === n && f.fixInfo.deleteCount === -1);
        let from = count + 1;
        while (from > 1 && deleted(from - 1)) from--;
        const ambiguous = (n: number) => n >= from && from > 1 && n > 1 && lines[n - 2] === '';
        const otherFixOn = (n: number) => fixes.some((f) => f.line === n && f.fixInfo.deleteCount !== -1);
        fc.pre(![...Array(count).keys()].some((i) => ambiguous(i + 1) && (otherFixOn(i + 1) || otherFixOn(i))));
        assert.equal(JSON.stringify(oursFor(text, fixes)), JSON.stringify(theirsFor(text, fixes)));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('applyLintFixes', () => {
  it('keeps the BOM, the final newline (or its absence) and writes the preferred line ending', () => {
    const fix = (edits: TextEdit[]) => ({ fix: { description: 'd', edits } });
    assert.equal(applyLintFixes('\uFEFF#a\n', [fix([at(1, 2, 1, 2, ' ')])]), '\uFEFF# a\n');
    assert.equal(applyLintFixes('a  \r\nb\r\nc\n', [fix([at(1, 2, 1, 4, '')])]), 'a\r\nb\r\nc\r\n');
    assert.equal(applyLintFixes('a  \nb', [fix([at(1, 2, 1, 4, '')])]), 'a\nb');
    // No fix: not even the line endings change.
    assert.equal(applyLintFixes('a\r\nb\nc\n', [{}]), 'a\r\nb\nc\n');
  });
});
