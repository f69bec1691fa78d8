import assert from 'node:assert/strict';
import { createAnalyze } from '../../../../src/operations/analyze';
import { warmUpAnalyze } from '../../../../src/operations/analyze/warmup';

describe('analyze warm-up', () => {
  it('leaves no trace: a document analysed after the warm-up gets the result it got before', () => {
    const op = createAnalyze({});
    const text = '# Notes\n\nTODO: café 日本語。 Emoji 😀 and words, words. Done!\n';
    const whole = (t: string) => op.finish(op.combine(op.empty(), op.map({ text: t, start: 0, end: t.length, overlap: 0, line: 1, last: true })));
    const before = whole(text);
    warmUpAnalyze(op, 3);
    assert.deepEqual(whole(text), before);
    assert.equal(before.markerCount, 1);
    assert.equal(before.headingCount, 1);
  });
});
