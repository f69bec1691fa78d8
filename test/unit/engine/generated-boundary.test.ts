// What counts as generated at the exact limits: a line of maxLineLength
// characters (or a run of maxRunLength without white space) is still written
// by hand; one character more is generated. Pinned at n-1, n and n+1, whole and
// cut into pieces, so that moving a limit by one (> to >=) fails a test.
import assert from 'node:assert/strict';
import { DEFAULT_GENERATED, GeneratedDetector, type GeneratedOptions } from '../../../src/engine/generated';

const verdict = (pieces: readonly string[], options: GeneratedOptions) => {
  const d = new GeneratedDetector(options);
  for (const p of pieces) {
    const v = d.check(p);
    if (v) return v;
  }
  return undefined;
};

/** A line of exactly n characters with a space every 10th: no long run. */
const line = (n: number) => Array.from({ length: n }, (_, i) => (i % 10 === 9 ? ' ' : 'a')).join('');

describe('generated-file detection at the exact limits', () => {
  for (const maxLineLength of [100, DEFAULT_GENERATED.maxLineLength]) {
    it(`a line of ${maxLineLength - 1} or ${maxLineLength} characters passes; ${maxLineLength + 1} is generated (maxLineLength ${maxLineLength})`, () => {
      const o = { maxLineLength, maxRunLength: 0 };
      const text = (n: number) => `short first line\n${line(n)}\nshort last line\n`;
      assert.equal(verdict([text(maxLineLength - 1)], o), undefined);
      assert.equal(verdict([text(maxLineLength)], o), undefined);
      assert.deepEqual(verdict([text(maxLineLength + 1)], o), { kind: 'line', line: 2, limit: maxLineLength });
      // The same at the end of the text, without a newline after it, and cut in the middle of the line.
      const tail = (n: number) => `short\n${line(n)}`;
      const cut = (s: string) => [s.slice(0, 60), s.slice(60)];
      assert.equal(verdict(cut(tail(maxLineLength)), o), undefined);
      assert.deepEqual(verdict(cut(tail(maxLineLength + 1)), o), { kind: 'line', line: 2, limit: maxLineLength });
    });
  }

  it('a run of maxRunLength - 1 or maxRunLength characters without white space passes; one more is generated', () => {
    const o = { maxLineLength: 0, maxRunLength: 40 };
    const text = (n: number) => `a few words\nthen ${'x'.repeat(n)} and more\n`;
    assert.equal(verdict([text(39)], o), undefined);
    assert.equal(verdict([text(40)], o), undefined);
    assert.deepEqual(verdict([text(41)], o), { kind: 'run', line: 2, limit: 40 });
    const cut = (s: string) => [s.slice(0, 20), s.slice(20, 35), s.slice(35)];
    assert.equal(verdict(cut(text(40)), o), undefined);
    assert.deepEqual(verdict(cut(text(41)), o), { kind: 'run', line: 2, limit: 40 });
  });
});
