// analyze's run summary. The expected totals are computed here, independently of
// the fold that summarize() is built from: by hand on small inputs, and by a
// naive sum per field in the properties. (Comparing summarize() with the fold
// itself could not fail: both are the same code.)
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { createAnalyze, type AnalyzeResult, type AnalyzeSummary } from '../../../../src/operations/analyze';

const op = createAnalyze({});
const fold = op.fold!;

/** An analyze result with the fields the summary reads; the rest are irrelevant filler. */
function result(r: {
  lines: number;
  words: number;
  characters: number;
  bytes: number;
  sentences: number;
  headingCount: number;
  markersByTag: Record<string, number>;
  flesch?: number;
}): AnalyzeResult {
  const markerCount = Object.values(r.markersByTag).reduce((a, b) => a + b, 0);
  return {
    lines: r.lines,
    blankLines: 0,
    words: r.words,
    characters: r.characters,
    bytes: r.bytes,
    sentences: r.sentences,
    readingMinutes: r.words / 230,
    language: r.flesch === undefined ? 'other' : 'en',
    ...(r.flesch === undefined ? {} : { fleschReadingEase: r.flesch }),
    entropy: 0,
    longestLine: { line: 0, length: 0 },
    headings: [],
    headingCount: r.headingCount,
    markers: [],
    markerCount,
    markersByTag: r.markersByTag,
  };
}

/** Folded in batches (as workers do), each accumulator structured-cloned (as postMessage does), merged left to right. */
function foldInBatches(batches: readonly (readonly AnalyzeResult[])[]): AnalyzeSummary {
  const accs = batches.map((rs) => structuredClone(rs.reduce((a, r) => fold.add(a, r), fold.start())));
  return fold.end(accs.reduce((a, b) => fold.merge!(a, b), fold.start()));
}

describe('analyze: run summary', () => {
  const a = result({ lines: 10, words: 100, characters: 600, bytes: 610, sentences: 5, headingCount: 2, markersByTag: { TODO: 2, FIXME: 1 }, flesch: 60 });
  const b = result({ lines: 3, words: 7, characters: 40, bytes: 52, sentences: 1, headingCount: 0, markersByTag: {} });
  const c = result({ lines: 1, words: 250, characters: 1500, bytes: 1500, sentences: 12, headingCount: 1, markersByTag: { TODO: 1, BUG: 4 }, flesch: 75.25 });
  // By hand: 10 + 3 + 1 lines, 100 + 7 + 250 words, ...; Flesch (60 + 75.25) / 2 = 67.625 -> 67.6; the longest has 250 words.
  const expected: AnalyzeSummary = {
    documents: 3,
    lines: 14,
    words: 357,
    characters: 2140,
    bytes: 2162,
    sentences: 18,
    readingMinutes: 357 / 230,
    markers: 8,
    markersByTag: { TODO: 3, FIXME: 1, BUG: 4 },
    headings: 3,
    englishDocuments: 2,
    averageFlesch: 67.6,
    longestDocument: { words: 250 },
  };

  it('totals three documents as computed by hand', () => {
    assert.deepEqual(op.summarize([a, b, c]), expected);
  });

  it('gives the same hand-computed totals folded in batches and merged, in any order', () => {
    assert.deepEqual(foldInBatches([[a], [b, c]]), expected);
    assert.deepEqual(foldInBatches([[c, b], [], [a]]), expected);
  });

  it('folded from their briefs (as a warm run folds saved results), the same hand-computed totals', () => {
    const brief = fold.brief!;
    assert.equal(brief.of(a), '[10,100,600,610,5,3,2,60,{"TODO":2,"FIXME":1}]');
    assert.equal(brief.of(b), '[3,7,40,52,1,0,0,false]', 'no markers by tag, not English');
    assert.deepEqual(fold.end([a, b, c].reduce((acc, r) => brief.add(acc, brief.of(r)), fold.start())), expected);
    assert.deepEqual(fold.end(brief.add(fold.add(brief.add(fold.start(), brief.of(c)), b), brief.of(a))), expected, 'briefs and results mixed, in any order');
  });

  it('a result whose language and score disagree (the analysis makes none) counts as English only when both say so, from its brief as from itself', () => {
    const base = result({ lines: 1, words: 3, characters: 9, bytes: 9, sentences: 1, headingCount: 0, markersByTag: {} });
    const odd: AnalyzeResult[] = [
      { ...base, language: 'other', fleschReadingEase: 50 },
      { ...base, language: 'en' },
    ];
    for (const r of odd) {
      const fromResult = fold.end(fold.add(fold.start(), r));
      assert.equal(fromResult.englishDocuments, 0, JSON.stringify(r));
      assert.deepEqual(fold.end(fold.brief!.add(fold.start(), fold.brief!.of(r))), fromResult);
    }
  });

  it('a Flesch score JSON cannot hold folds from its brief as from the cached result it was saved as', () => {
    // JSON writes a non-finite number as null: the saved result says fleschReadingEase null, which
    // add() counts as an English document adding 0. The brief must fold the same way.
    for (const flesch of [Number.NaN, Number.POSITIVE_INFINITY]) {
      const r = result({ lines: 1, words: 3, characters: 9, bytes: 9, sentences: 0, headingCount: 0, markersByTag: {}, flesch });
      const saved = JSON.parse(JSON.stringify(r)) as AnalyzeResult;
      const fromSaved = fold.end(fold.add(fold.add(fold.start(), a), saved));
      assert.deepEqual(fold.end(fold.brief!.add(fold.add(fold.start(), a), fold.brief!.of(r))), fromSaved);
      assert.equal(fromSaved.englishDocuments, 2);
    }
  });

  it('no documents: zeros, without an average Flesch or a longest document', () => {
    const empty = { documents: 0, lines: 0, words: 0, characters: 0, bytes: 0, sentences: 0, readingMinutes: 0, markers: 0, markersByTag: {}, headings: 0, englishDocuments: 0 };
    assert.deepEqual(op.summarize([]), empty);
    assert.deepEqual(foldInBatches([[], []]), empty);
  });

  it('one document with no words still has a longest document of 0 words; no English, no average Flesch', () => {
    const s = op.summarize([result({ lines: 1, words: 0, characters: 0, bytes: 0, sentences: 0, headingCount: 0, markersByTag: {} })]);
    assert.deepEqual(s.longestDocument, { words: 0 });
    assert.equal(s.averageFlesch, undefined);
    assert.ok(!('averageFlesch' in s));
  });

  it('on real documents: the totals of analyze results added up by hand', () => {
    const analyze = (text: string) => op.finish(op.map({ text, start: 0, end: text.length, overlap: 0, line: 1, last: true }));
    const s = op.summarize([analyze('# Title\n\nTODO: x\n'), analyze('FIXME and BUG\n'), analyze('日本語\n')]);
    // lines 3 + 1 + 1; words (Title, TODO, x) + (FIXME, and, BUG) + 3 ideographs; characters 17 + 14 + 4; bytes 17 + 14 + 10.
    assert.deepEqual(
      [s.documents, s.lines, s.words, s.characters, s.bytes, s.markers, s.markersByTag, s.headings, s.englishDocuments, s.longestDocument],
      [3, 5, 9, 35, 41, 3, { TODO: 1, FIXME: 1, BUG: 1 }, 1, 0, { words: 3 }],
    );
  });

  const arbitraryResult = fc
    .record({
      lines: fc.nat(1000),
      words: fc.nat(10_000),
      characters: fc.nat(100_000),
      bytes: fc.nat(400_000),
      sentences: fc.nat(500),
      headingCount: fc.nat(50),
      markersByTag: fc.dictionary(fc.constantFrom('TODO', 'FIXME', 'HACK', 'XXX', 'BUG'), fc.integer({ min: 1, max: 9 })),
      // Quarters add up exactly in binary floating point whatever the order: the sums
      // compared do not then differ by a rounding of the last bit (which the mean's
      // rounding to one decimal can turn into 0.1 when folds are grouped differently).
      flesch: fc.option(fc.integer({ min: -200, max: 480 }).map((n) => n / 4), { nil: undefined }),
    })
    .map(result);

  /** The summary by a naive sum per field: nothing shared with the fold. */
  function naive(results: readonly AnalyzeResult[]): AnalyzeSummary {
    const sum = (f: (r: AnalyzeResult) => number) => results.map(f).reduce((x, y) => x + y, 0);
    const byTag: Record<string, number> = {};
    for (const tag of ['TODO', 'FIXME', 'HACK', 'XXX', 'BUG']) {
      const n = sum((r) => r.markersByTag[tag] ?? 0);
      if (n > 0) byTag[tag] = n;
    }
    const english = results.filter((r) => r.fleschReadingEase !== undefined);
    const words = sum((r) => r.words);
    return {
      documents: results.length,
      lines: sum((r) => r.lines),
      words,
      characters: sum((r) => r.characters),
      bytes: sum((r) => r.bytes),
      sentences: sum((r) => r.sentences),
      readingMinutes: words / 230,
      markers: sum((r) => r.markerCount),
      markersByTag: byTag,
      headings: sum((r) => r.headingCount),
      englishDocuments: english.length,
      ...(english.length > 0 ? { averageFlesch: Math.round((english.reduce((x, r) => x + r.fleschReadingEase!, 0) / english.length) * 10) / 10 || 0 } : {}),
      ...(results.length > 0 ? { longestDocument: { words: Math.max(...results.map((r) => r.words)) } } : {}),
    };
  }

  /** Tag order is not part of the summary. */
  const sortedTags = (s: AnalyzeSummary) => ({ ...s, markersByTag: Object.fromEntries(Object.entries(s.markersByTag).sort()) });

  it('summarize equals a naive sum per field (property)', () => {
    fc.assert(
      fc.property(fc.array(arbitraryResult, { maxLength: 12 }), (results) => {
        assert.deepEqual(sortedTags(op.summarize(results)), sortedTags(naive(results)));
      }),
      { numRuns: 200 },
    );
  });

  it('results folded from their briefs or from themselves, in any mix, equal the naive sum (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(arbitraryResult, fc.boolean()), { maxLength: 12 }), (items) => {
        const acc = items.reduce((acc, [r, byBrief]) => (byBrief ? fold.brief!.add(acc, fold.brief!.of(r)) : fold.add(acc, r)), fold.start());
        assert.deepEqual(sortedTags(fold.end(acc)), sortedTags(naive(items.map(([r]) => r))));
      }),
      { numRuns: 200 },
    );
  });

  it('batches folded, cloned across threads and merged in any grouping equal the naive sum (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(arbitraryResult, { maxLength: 6 }), { maxLength: 6 }), (batches) => {
        assert.deepEqual(sortedTags(foldInBatches(batches)), sortedTags(naive(batches.flat())));
      }),
      { numRuns: 200 },
    );
  });
});
