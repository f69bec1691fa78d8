// Which fixes are offered and how several merge (src/ui/decisions/fixes.ts).
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import type { TextEdit } from '../../../../src/operations/findings';
import { fixable, fixesFor, keyOfFinding, mergeFixes, sameContent, touches, type FixableFinding } from '../../../../src/ui/decisions/fixes';
import { finding } from './findingsFixtures';

const at = (line: number, column: number) => ({ line, column });
const edit = (line: number, from: number, to: number, newText: string): TextEdit => ({ range: { start: at(line, from), end: at(line, to) }, newText });

function withFix(line: number, edits: TextEdit[]): FixableFinding {
  return finding('/a.md', line, { fix: { description: `fix ${line}`, edits } }) as FixableFinding;
}

describe('fix decisions', () => {
  it('offers fixes only for findings with edits whose diagnostic the editor passed', () => {
    const a = withFix(1, [edit(1, 1, 5, 'x')]);
    const b = withFix(2, [edit(2, 1, 5, 'y')]);
    const noFix = finding('/a.md', 3);
    const emptyFix = finding('/a.md', 4, { fix: { description: 'nothing', edits: [] } });
    assert.deepEqual(fixable([a, noFix, emptyFix, b]), [a, b]);
    assert.deepEqual(fixesFor([a, b, noFix], new Set([keyOfFinding(b), keyOfFinding(noFix)])), [b]);
  });

  it('a cursor touching either end of a range is on it', () => {
    const r = { start: at(2, 3), end: at(2, 8) };
    assert.ok(touches(r, { start: at(2, 8), end: at(2, 8) }));
    assert.ok(touches(r, { start: at(2, 3), end: at(2, 3) }));
    assert.ok(!touches(r, { start: at(2, 9), end: at(2, 9) }));
    assert.ok(!touches(r, { start: at(1, 1), end: at(2, 2) }));
  });

  it('merges fixes in document order, leaving out one that overlaps an edit already taken', () => {
    const first = withFix(1, [edit(1, 1, 5, 'a'), edit(3, 1, 2, 'b')]);
    const overlapping = withFix(2, [edit(3, 1, 4, 'c')]);
    const adjacent = withFix(4, [edit(1, 5, 7, 'd')]);
    const insertionAtAnEnd = withFix(5, [edit(1, 7, 7, 'e')]);
    const { edits, applied } = mergeFixes([adjacent, overlapping, first, insertionAtAnEnd]);
    assert.deepEqual(applied, [first, adjacent]);
    assert.deepEqual(edits.map((e) => e.newText), ['a', 'd', 'b']);
  });

  it('knows the text a result came from: UTF-8 bytes, or UTF-8 with a byte order mark', () => {
    const text = 'Hello, wörld\n';
    const sha1 = (b: Buffer) => crypto.createHash('sha1').update(b).digest('hex');
    assert.ok(sameContent(sha1(Buffer.from(text)), text));
    assert.ok(sameContent(sha1(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text)])), text));
    assert.ok(!sameContent(sha1(Buffer.from(text)), text + ' '));
    assert.ok(!sameContent(sha1(Buffer.from(text.replace('\n', '\r\n'))), text));
  });
});
