// English detection at its exact thresholds: at least 20 words, at least 90% of
// word characters ASCII, at least 8% function words. Each is pinned one step
// below, at and above, so that moving a threshold by one fails a test.
import assert from 'node:assert/strict';
import { createAnalyze, isEnglish, type AnalyzeResult } from '../../../../src/operations/analyze';

const op = createAnalyze();
const analyze = (text: string): AnalyzeResult => op.finish(op.map({ text, start: 0, end: text.length, overlap: 0, line: 1, last: true }));

describe('isEnglish at its thresholds', () => {
  it('needs at least 20 words: 19 is not English, 20 and 21 are', () => {
    // All word characters ASCII, half the words function words: only the count decides.
    assert.equal(isEnglish(19, 95, 95, 10), false);
    assert.equal(isEnglish(20, 100, 100, 10), true);
    assert.equal(isEnglish(21, 105, 105, 11), true);
  });

  it('needs at least 90% ASCII word characters: 89% is not English, 90% and 91% are', () => {
    assert.equal(isEnglish(20, 100, 89, 10), false);
    assert.equal(isEnglish(20, 100, 90, 10), true);
    assert.equal(isEnglish(20, 100, 91, 10), true);
  });

  it('needs at least 8% function words: 7 of 100 is not English, 8 and 9 of 100 are', () => {
    assert.equal(isEnglish(100, 500, 500, 7), false);
    assert.equal(isEnglish(100, 500, 500, 8), true);
    assert.equal(isEnglish(100, 500, 500, 9), true);
  });

  it('a document of 19 words is not English, one of 20 or 21 is (through analyze)', () => {
    const words = (n: number) => Array.from({ length: n }, (_, i) => (i % 2 === 0 ? 'the' : 'cat')).join(' ') + '.';
    for (const [n, language] of [
      [19, 'other'],
      [20, 'en'],
      [21, 'en'],
    ] as const) {
      const r = analyze(words(n));
      assert.equal(r.words, n);
      assert.equal(r.language, language, `${n} words`);
      assert.equal('fleschReadingEase' in r, language === 'en', `${n} words: Flesch only for English`);
    }
  });
});
