import assert from 'node:assert/strict';
import fc from 'fast-check';
import { GeneratedDetector, generatedOptions } from '../../../../src/engine/read/generated';

const detect = (pieces: string[], o = { maxLineLength: 100, maxRunLength: 40 }) => {
  const d = new GeneratedDetector(o);
  for (const p of pieces) {
    const why = d.feed(p);
    if (why) return why;
  }
  return undefined;
};

describe('generated-file detection', () => {
  it('passes ordinary prose, code and long CJK or Thai paragraphs', () => {
    assert.equal(detect(['# Title\n\nSome words, and more words.\n'.repeat(50)]), undefined);
    assert.equal(detect(['字'.repeat(90) + '\n']), undefined);
    assert.equal(detect(['ภาษาไทย'.repeat(12) + '\n']), undefined);
  });

  it('names a line over the limit, with its number', () => {
    assert.match(detect(['short\n', 'a b '.repeat(30) + '\n'])!, /^line 2 is longer than 100 characters/);
  });

  it('names a run without white space, even when it spans pieces', () => {
    assert.match(detect(['ok\nvar=a1;', 'var=b2;'.repeat(3), 'var=c3;'.repeat(3)])!, /^line 2 has more than 40 characters without a space/);
  });

  it('gives the same verdict however the text is cut into pieces (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('a', 'b', ' ', '\n', 'xxxxxxxxxx', '字'), { maxLength: 80 }), fc.array(fc.nat(), { maxLength: 6 }), (parts, cuts) => {
        const text = parts.join('');
        const points = [...new Set(cuts.map((c) => c % (text.length + 1)))].sort((a, b) => a - b);
        const pieces: string[] = [];
        let last = 0;
        for (const p of points) {
          pieces.push(text.slice(last, p));
          last = p;
        }
        pieces.push(text.slice(last));
        const o = { maxLineLength: 30, maxRunLength: 12 };
        assert.equal(detect(pieces, o), detect([text], o));
      }),
      { numRuns: 300 },
    );
  });

  it('0 turns a check off; undefined keeps the default', () => {
    assert.equal(detect(['x'.repeat(500)], { maxLineLength: 0, maxRunLength: 0 }), undefined);
    assert.deepEqual(generatedOptions({ maxLineLength: undefined, maxRunLength: 7 }), { maxLineLength: 20_000, maxRunLength: 7 });
  });
});
