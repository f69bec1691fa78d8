import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createAnalyze } from '../../../src/operations/analyze';

const PARTS = ['The cat sat on the mat. It is a fine day for the test.\n', '# Title\n\nTODO: x\n', '日本語のテキスト\n', 'FIXME and BUG\n', 'HACK HACK XXX\n', ''];

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

  it('folds of batches, cloned across threads and merged in any grouping, give what summarize gives (property)', () => {
    const op = createAnalyze({});
    const fold = op.fold!;
    const doc = (text: string) => op.finish(op.map({ text, start: 0, end: text.length, overlap: 0, line: 1, last: true }));
    fc.assert(
      fc.property(fc.array(fc.array(fc.constantFrom(...PARTS), { maxLength: 6 }), { maxLength: 6 }), (batches) => {
        const results = batches.map((b) => b.map(doc));
        // Each batch folded on its own (as a worker does), its accumulator structured-cloned (as postMessage does).
        const accs = results.map((rs) => structuredClone(rs.reduce((a, r) => fold.add(a, r), fold.start())));
        const merged = accs.reduce((a, b) => fold.merge!(a, b), fold.start());
        assert.deepEqual(fold.end(merged), op.summarize(results.flat()));
      }),
      { numRuns: 200 },
    );
  });
});
