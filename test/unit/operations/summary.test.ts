import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createAnalyze } from '../../../src/operations/analyze';

describe('analyze: summary fold', () => {
  it('folding results one at a time gives what summarize gives over all of them (property)', () => {
    const op = createAnalyze({});
    const doc = (text: string) => op.finish(op.map({ text, start: 0, end: text.length, overlap: 0, line: 1, last: true }));
    fc.assert(
      fc.property(fc.array(fc.constantFrom('The cat sat on the mat. It is a fine day for the test.\n', '# Title\n\nTODO: x\n', '日本語のテキスト\n', 'FIXME and BUG\n', ''), { maxLength: 12 }), (parts) => {
        const results = parts.map(doc);
        let acc = op.fold!.start();
        for (const r of results) acc = op.fold!.add(acc, r);
        assert.deepEqual(op.fold!.end(acc), op.summarize(results));
      }),
      { numRuns: 200 },
    );
  });
});
