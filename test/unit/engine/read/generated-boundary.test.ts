// What counts as generated at the exact limits: a line of maxLineLength
// characters (or a run of maxRunLength without white space) is still written
// by hand; one character more is generated. Pinned at n-1, n and n+1, whole and
// cut into pieces, so that moving a limit by one (> to >=) fails a test.
import assert from 'node:assert/strict';
import { DEFAULT_GENERATED, describeGenerated, GeneratedDetector, generatedOptions, type GeneratedOptions } from '../../../../src/engine/read/generated';

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

// Found by mutation testing: which characters end a run. White space, and the scripts
// written without spaces (Thai, Lao, Myanmar, Khmer, CJK and their compatibility and
// full-width forms), each range pinned at both ends and just outside them.
describe('generated-file detection: what breaks a run', () => {
  const o = { maxLineLength: 0, maxRunLength: 40 };
  const isRun = (c: number) => verdict([String.fromCharCode(c).repeat(50) + '\n'], o)?.kind === 'run';

  it('white space breaks a run: space, tab, CR, form feed, vertical tab, no-break space', () => {
    for (const c of [0x20, 0x09, 0x0d, 0x0c, 0x0b, 0xa0]) assert.equal(isRun(c), false, `U+${c.toString(16)}`);
    for (const c of [0x61, 0x2e, 0x00, 0x7f, 0x80, 0x9f, 0xa1, 0xff]) assert.equal(isRun(c), true, `U+${c.toString(16)}`);
  });

  for (const [name, first, last] of [
    ['Thai and Lao', 0x0e00, 0x0eff],
    ['Myanmar', 0x1000, 0x109f],
    ['Khmer', 0x1780, 0x17ff],
    ['CJK', 0x2e80, 0x9fff],
    ['CJK compatibility ideographs', 0xf900, 0xfaff],
    ['half- and full-width forms', 0xff00, 0xffef],
  ] as const) {
    it(`${name} (U+${first.toString(16)}..U+${last.toString(16)}) never make a run; the characters just outside do`, () => {
      assert.equal(isRun(first), false);
      assert.equal(isRun(last), false);
      assert.equal(isRun(first - 1), true);
      assert.equal(isRun(last + 1), true);
    });
  }
});

describe('generated-file detection: options, newlines and the reason', () => {
  it('no options at all are the defaults', () => {
    assert.deepEqual(generatedOptions(undefined), DEFAULT_GENERATED);
    assert.deepEqual(generatedOptions({}), DEFAULT_GENERATED);
  });

  it('counts the newlines it has seen, across pieces', () => {
    const d = new GeneratedDetector({ maxLineLength: 100, maxRunLength: 40 });
    assert.equal(d.newlines, 0);
    d.check('one\ntwo');
    d.check(' more\nthree\n');
    assert.equal(d.newlines, 3);
  });

  it('the reason counts the lines before the text the detector saw', () => {
    assert.equal(describeGenerated({ kind: 'line', line: 2, limit: 20_000 }, 10), 'line 12 is longer than 20,000 characters (generated or minified)');
    assert.equal(describeGenerated({ kind: 'run', line: 3, limit: 5000 }), 'line 3 has more than 5,000 characters without a space (generated or minified)');
  });
});
