import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { chunkText } from '../../../../src/engine/process/chunk';
import {
  createAnalyze,
  type AnalyzePartial,
  type AnalyzeResult,
  LINE_SCAN_LIMIT,
} from '../../../../src/operations/analyze';
import { createOperations, operationFactories } from '../../../../src/operations/registry';
import type { Chunk } from '../../../../src/operations/operation';
import { syllables } from '../../../../src/operations/analyze/text';

const op = createAnalyze();

function chunkOf(text: string): Chunk {
  return { text, start: 0, end: text.length, overlap: 0, line: 1, last: true };
}

function analyze(text: string): AnalyzeResult {
  return op.finish(op.map(chunkOf(text)));
}

/** Maps the pieces as chunks that own all their text and combines them left to right. */
function analyzePieces(pieces: readonly string[]): AnalyzeResult {
  let acc = op.empty();
  for (const p of pieces) acc = op.combine(acc, op.map(chunkOf(p)));
  return op.finish(acc);
}

describe('analyze: hand-made documents', () => {
  it('counts lines: a trailing newline does not start a line', () => {
    assert.equal(analyze('').lines, 0);
    assert.equal(analyze('a').lines, 1);
    assert.equal(analyze('a\nb\n').lines, 2);
    assert.equal(analyze('a\nb').lines, 2);
    assert.equal(analyze('\n').lines, 1);
    assert.equal(analyze('\n\n').lines, 2);
    assert.equal(analyze('a\r\nb\r\n').lines, 2);
  });

  it('counts blank lines (empty or white space only, "\\r" of "\\r\\n" included)', () => {
    const r = analyze('a\r\n\r\n  \t\nb\n\u3000\n');
    assert.equal(r.lines, 5);
    assert.equal(r.blankLines, 3);
    assert.equal(analyze('\n').blankLines, 1);
    assert.equal(analyze('').blankLines, 0);
    assert.equal(analyze('x\n   ').blankLines, 1);
  });

  it('counts words across scripts', () => {
    assert.equal(analyze('hello world').words, 2);
    assert.equal(analyze("don't stop-now, 3.14").words, 6); // don t stop now 3 14
    assert.equal(analyze('日本語のテキスト abc').words, 9); // 8 CJK/kana characters + abc
    assert.equal(analyze('データ').words, 3); // ー belongs to kana
    assert.equal(analyze('안녕하세요 세계').words, 2); // Hangul forms ordinary words
    assert.equal(analyze('مرحبا بالعالم').words, 2);
    assert.equal(analyze('สวัสดีครับ โลก').words, 2); // Thai with combining vowel marks
    assert.equal(analyze('cafe\u0301 au lait').words, 3); // a combining accent stays in its word
    assert.equal(analyze('hi 👍 there 😀👍🏽 ❤️').words, 2); // emoji, modifiers and variation selectors are no words
    assert.equal(analyze('snake_case').words, 2);
    assert.equal(analyze('𝐀𝐁 x').words, 2); // astral letters
    assert.equal(analyze('𠀀𠀁').words, 2); // CJK extension B ideographs, one word each
    assert.equal(analyze('').words, 0);
    assert.equal(analyze(' \n\t').words, 0);
  });

  it('counts characters as code points and bytes as UTF-8', () => {
    const r = analyze('a😀b\n');
    assert.equal(r.characters, 4);
    assert.equal(r.bytes, 7);
    assert.equal(analyze('é日').bytes, 5);
    assert.equal(analyze('é日').characters, 2);
  });

  it('counts sentences', () => {
    assert.equal(analyze('Hello world. How are you? Fine!').sentences, 3);
    assert.equal(analyze('Wait... what?!').sentences, 2);
    assert.equal(analyze('e.g. this works').sentences, 1); // only the "." followed by a space ends one
    assert.equal(analyze('... hi.').sentences, 1); // no word before the first run
    assert.equal(analyze('日本語。中文！好？').sentences, 3);
    assert.equal(analyze('Hi.\nThere.').sentences, 2);
    assert.equal(analyze('Wow…  ok').sentences, 1);
    assert.equal(analyze('no punctuation here').sentences, 1); // words but no end: 1
    assert.equal(analyze('...').sentences, 0);
    assert.equal(analyze('').sentences, 0);
  });

  it('computes reading time', () => {
    assert.equal(analyze('one two three').readingMinutes, 3 / 230);
  });

  it('finds markers as whole words with 1-based columns', () => {
    const text = [
      'x TODO y',
      '  // FIXME: later  ',
      'TODOS aTODO TODO1 TODO_ _TODO todo éTODO 日TODO',
      '(TODO) HACK-XXX BUG.',
      'TODO',
    ].join('\n');
    const r = analyze(text);
    assert.deepEqual(r.markers, [
      { tag: 'TODO', line: 1, column: 3, text: 'x TODO y' },
      { tag: 'FIXME', line: 2, column: 6, text: '// FIXME: later' },
      { tag: 'TODO', line: 4, column: 2, text: '(TODO) HACK-XXX BUG.' },
      { tag: 'HACK', line: 4, column: 8, text: '(TODO) HACK-XXX BUG.' },
      { tag: 'XXX', line: 4, column: 13, text: '(TODO) HACK-XXX BUG.' },
      { tag: 'BUG', line: 4, column: 17, text: '(TODO) HACK-XXX BUG.' },
      { tag: 'TODO', line: 5, column: 1, text: 'TODO' },
    ]);
    assert.equal(r.markerCount, 7);
    assert.deepEqual(r.markersByTag, { TODO: 3, FIXME: 1, HACK: 1, XXX: 1, BUG: 1 });
  });

  it('uses configured markers, case-sensitively', () => {
    const custom = createAnalyze({ markers: ['NOTE', 'NOTE', 'todo'] });
    assert.deepEqual(custom.settings, { markers: ['NOTE', 'todo'] });
    const r = custom.finish(custom.map(chunkOf('NOTE: a TODO todo\n')));
    assert.deepEqual(
      r.markers.map((m) => [m.tag, m.column]),
      [
        ['NOTE', 1],
        ['todo', 14],
      ],
    );
    assert.deepEqual(createAnalyze().settings, { markers: ['TODO', 'FIXME', 'HACK', 'XXX', 'BUG'] });
    assert.throws(() => createAnalyze({ markers: [''] }), TypeError);
    assert.throws(() => createAnalyze({ markers: ['a\nb'] }), TypeError);
    assert.throws(() => createAnalyze({ markers: 'TODO' as unknown as string[] }), TypeError);
  });

  it('finds ATX headings outside code fences', () => {
    const text = [
      '# One', // 1
      '## Two ##', // 2
      '####### seven', // 3: not a heading
      '#no', // 4: not a heading
      '   ### Three', // 5
      '    # four spaces', // 6: not a heading
      '```js', // 7
      '# inside', // 8
      '```', // 9
      '# After #', // 10
      '#', // 11
      '~~~', // 12
      '## tilde inside', // 13
      '~~~', // 14
      '###### Six#', // 15
      '#\tTab', // 16
    ].join('\n');
    const r = analyze(text);
    assert.deepEqual(r.headings, [
      { level: 1, text: 'One', line: 1 },
      { level: 2, text: 'Two', line: 2 },
      { level: 3, text: 'Three', line: 5 },
      { level: 1, text: 'After', line: 10 },
      { level: 1, text: '', line: 11 },
      { level: 6, text: 'Six#', line: 15 },
      { level: 1, text: 'Tab', line: 16 },
    ]);
    assert.equal(r.headingCount, 7);
    // an unclosed fence hides the rest
    assert.deepEqual(analyze('# a\n```\n# b\n').headings, [{ level: 1, text: 'a', line: 1 }]);
    // markers are found inside fences too
    assert.equal(analyze('```\nTODO\n```').markerCount, 1);
  });

  it('caps heading texts and marker texts at 200 characters', () => {
    const long = 'w'.repeat(300);
    const r = analyze(`# ${long}\nTODO ${long}`);
    assert.equal(r.headings[0]?.text.length, 200);
    assert.equal(r.markers[0]?.text, `TODO ${long}`.slice(0, 200));
  });

  it('looks for headings and markers only in a line\'s first LINE_SCAN_LIMIT characters', () => {
    const pad = 'a '.repeat((LINE_SCAN_LIMIT - 10) / 2); // 9990 characters
    const text = `${pad}TODO x FIXME y\nnext`; // TODO at 9990..9994, FIXME at 9997..10002
    const r = analyze(text);
    assert.deepEqual(
      r.markers.map((m) => [m.tag, m.column]),
      [['TODO', 9991]],
    );
    assert.equal(r.longestLine.length, text.indexOf('\n'));
    // the same when chunked or split anywhere
    assert.deepEqual(analyzePieces([text.slice(0, 9995), text.slice(9995)]), r);
    assert.deepEqual(chunkedResult(text, 64, 16), r);
  });

  it('reports the first longest line without its separator', () => {
    assert.deepEqual(analyze('ab\nabcd\r\nabcd\nx').longestLine, { line: 2, length: 4 });
    assert.deepEqual(analyze('').longestLine, { line: 0, length: 0 });
    assert.deepEqual(analyze('\n').longestLine, { line: 1, length: 0 });
    assert.deepEqual(analyze('a\r').longestLine, { line: 1, length: 2 }); // no "\n": the "\r" is the line's
  });

  it('computes entropy in bits per character', () => {
    assert.equal(analyze('aabb').entropy, 1);
    assert.equal(analyze('abcd').entropy, 2);
    assert.equal(analyze('aaaa').entropy, 0);
    assert.equal(analyze('').entropy, 0);
    assert.equal(analyze('😀😀日日').entropy, 1); // code points, not code units
    assert.equal(analyze('aab').entropy, 0.9183);
  });

  it('counts syllables with the usual heuristic', () => {
    const s = (w: string): number => syllables(w, 0, w.length);
    assert.equal(s('the'), 1);
    assert.equal(s('cat'), 1);
    assert.equal(s('table'), 2);
    assert.equal(s('make'), 1);
    assert.equal(s('free'), 1);
    assert.equal(s('sunny'), 2);
    assert.equal(s('beautiful'), 3);
    assert.equal(s('rhythm'), 1);
    assert.equal(s('2024'), 1);
    assert.equal(s('a'.repeat(40)), 14); // ceil(40 / 3)
  });

  it('detects English and computes Flesch reading ease', () => {
    const text = 'The cat sat on the mat. The dog ran to the park. It was a sunny day and the birds sang in the trees.';
    const r = analyze(text);
    assert.equal(r.words, 24);
    assert.equal(r.sentences, 3);
    assert.equal(r.language, 'en');
    // syllables: 6 + 6 + 13 (sunny = 2) = 25; 206.835 - 1.015 * 24/3 - 84.6 * 25/24 = 110.59
    assert.equal(r.fleschReadingEase, 110.6);

    const short = analyze('The cat sat on the mat.');
    assert.equal(short.language, 'other'); // fewer than 20 words
    assert.ok(!('fleschReadingEase' in short), 'no Flesch property for non-English text');

    const latin = analyze('lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua ut enim');
    assert.equal(latin.words, 21);
    assert.equal(latin.language, 'other'); // no function words ("do" alone is 1 of 21 < 8%)

    const mixed = analyze(`${text} 日本語のテキストです日本語のテキストです`);
    assert.equal(mixed.language, 'other'); // fewer than 90% ASCII word characters
  });

  it('detects English at the function-word threshold, whole and split anywhere', () => {
    // 25 words; words that merely start like function words do not count
    const tricky = 'these theory often tone andy isle thee ofa tot inn onion isis youth thatch format wasp once arena asking withal heat tons';
    const other = `the of ${tricky} cat.`; // 2 of 25 = 8%: English
    const notYet = `the ${tricky} cat dog.`; // 1 of 25: not
    assert.equal(analyze(other).words, 25);
    assert.equal(analyze(other).language, 'en');
    assert.equal(analyze(notYet).words, 25);
    assert.equal(analyze(notYet).language, 'other');
    for (const text of [other, notYet]) {
      const whole = analyze(text);
      for (let i = 0; i <= text.length; i++) {
        assert.deepEqual(analyzePieces([text.slice(0, i), text.slice(i)]), whole, `split at ${i}`);
      }
    }
  });

  it('gives the empty document a well-defined result', () => {
    assert.deepEqual(analyze(''), {
      lines: 0,
      blankLines: 0,
      words: 0,
      characters: 0,
      bytes: 0,
      sentences: 0,
      readingMinutes: 0,
      language: 'other',
      entropy: 0,
      longestLine: { line: 0, length: 0 },
      headings: [],
      headingCount: 0,
      markers: [],
      markerCount: 0,
      markersByTag: {},
    });
    assert.deepEqual(op.finish(op.empty()), analyze(''));
  });

  it('caps headings and markers at 1000 each, exactly under chunking', () => {
    const blocks: string[] = [];
    for (let i = 0; i < 700; i++) blocks.push(`# h${i}\nTODO ${i}\n\`\`\`\n# in${i}\n\`\`\`\n`, `## k${i} BUG\n`);
    const text = blocks.join('');
    const r = analyze(text);
    assert.equal(r.headingCount, 1400);
    assert.equal(r.headings.length, 1000);
    assert.equal(r.markerCount, 1400);
    assert.equal(r.markers.length, 1000);
    assert.equal(r.headings[999]?.text, 'k499 BUG');
    assert.ok(r.headings.every((h) => !h.text.startsWith('in')));
    assert.deepEqual(chunkedResult(text, 200, 50), r);
    assert.deepEqual(chunkedResult(text, 16, 0), r);
  });

  it('mapInto equals combine after map, also once heading and marker lists are full (property)', () => {
    const fold = (pieces: readonly string[]) => {
      let fused = op.empty();
      let plain = op.empty();
      for (const piece of pieces) {
        fused = op.mapInto!(fused, chunkOf(piece));
        plain = op.combine(plain, op.map(chunkOf(piece)));
      }
      assert.deepEqual(fused, plain);
      return op.finish(fused);
    };
    const heading = ['# h\n', '## two TODO\n', '# h\n', '### three\n'];
    const ITEMS = [...heading, ...heading, 'TODO x\n', 'text BUG\n', '```\n', '~~~\n', '   ```js\n', 'plain words\n', '\n', '# ', 'x', '\r\n', 'TOD', 'O\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ITEMS), { minLength: 3000, maxLength: 6000 }), fc.array(fc.nat(), { minLength: 1, maxLength: 300 }), (items, raw) => {
        const text = items.join('');
        const cuts = [0, ...splitPoints(text, raw), text.length];
        fold(cuts.slice(1).map((c, i) => text.slice(cuts[i], c)));
      }),
      { numRuns: 40 },
    );
    // Chunks of a few whole lines meet every count of items, 999 included, and every boundary parity.
    const lines = Array.from({ length: 4800 }, (_, i) => ['# h' + i, 'TODO ' + i, '## a' + i, '```', '## k' + i, 'BUG ' + i, '~~~', '# z' + i][i % 8] + '\n');
    for (const k of [2, 3, 5]) {
      const pieces: string[] = [];
      for (let i = 0; i < lines.length; i += k) pieces.push(lines.slice(i, i + k).join(''));
      const r = fold(pieces);
      assert.deepEqual([r.headings.length, r.markers.length, r.markerCount], [1000, 1000, 1200]);
    }
  });

  it('keeps a chunk\'s non-ASCII code points as a histogram sorted by code point, counted exactly (property)', () => {
    // Letters, CJK, punctuation and astral characters (emoji, a CJK extension), with ASCII between them.
    const alphabet = ['é', 'ß', 'Ж', 'ж', 'ع', '日', '本', '。', '，', '€', '😀', '𠀀', '\u00a0', 'a', ' ', '.', '\n'];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 400 }), (chars) => {
        const text = chars.join('');
        const expected = new Map<number, number>();
        for (const ch of text) {
          const cp = ch.codePointAt(0)!;
          if (cp >= 128) expected.set(cp, (expected.get(cp) ?? 0) + 1);
        }
        const cps = [...expected.keys()].sort((x, y) => x - y);
        const p = op.map(chunkOf(text)) as unknown as { histX: { cps: number[]; counts: number[] } };
        assert.deepEqual(p.histX.cps, cps);
        assert.deepEqual(p.histX.counts, cps.map((cp) => expected.get(cp)));
      }),
      { numRuns: 300 },
    );
    // The scratch counts are left zeroed: the next chunk counts from nothing.
    const once = op.map(chunkOf('日日本 😀'));
    assert.deepEqual(op.map(chunkOf('日日本 😀')), once);
  });

  it('keeps partials small and plain', () => {
    const line = 'word '.repeat(200_000); // one 1,000,000-character line, no newline
    const p = op.map(chunkOf(line));
    assert.ok(JSON.stringify(p).length < 20_000, `partial of ${JSON.stringify(p).length} characters`);
    const many = 'TODO x\n'.repeat(50_000);
    assert.ok(JSON.stringify(op.map(chunkOf(many))).length < 200_000);
    // structured clone keeps it equal: plain objects, arrays, numbers, strings
    const mixed = op.map(chunkOf('# T\n日本 😀 TODO.\n```\n# x\nab'));
    assert.deepEqual(structuredClone(mixed), mixed);
  });

  it('ignores the overlap context and the chunk position', () => {
    const text = 'ctx TODO.\n# no\nreal text TODO here.\n';
    const shifted: Chunk = { text, start: 5000, end: 5000 + text.length, overlap: 15, line: 42, last: false };
    assert.deepEqual(op.map(shifted), op.map(chunkOf(text.slice(15))));
  });

  it('summarizes results', () => {
    const en = 'The cat sat on the mat. The dog ran to the park. It was a sunny day and the birds sang in the trees.';
    const doc = '# T\nTODO fix\nFIXME too BUG';
    const results = [analyze(en), analyze(doc), analyze('')];
    assert.deepEqual(op.summarize(results), {
      documents: 3,
      lines: 1 + 3,
      words: 24 + 6,
      characters: en.length + doc.length,
      bytes: en.length + doc.length,
      sentences: 3 + 1,
      readingMinutes: 30 / 230,
      markers: 3,
      markersByTag: { TODO: 1, FIXME: 1, BUG: 1 },
      headings: 1,
      englishDocuments: 1,
      averageFlesch: 110.6,
      longestDocument: { words: 24 },
    });
    const none = op.summarize([]);
    assert.equal(none.documents, 0);
    assert.ok(!('averageFlesch' in none) && !('longestDocument' in none));
  });
});

describe('analyze: registry', () => {
  it('builds operations by id and rejects unknown ids', () => {
    assert.deepEqual(Object.keys(operationFactories), ['analyze', 'links', 'lint']);
    const [a] = createOperations([{ id: 'analyze', settings: { markers: ['NOTE'] } }]);
    assert.ok(a);
    assert.equal(a.id, 'analyze');
    assert.equal(a.version, 2);
    assert.deepEqual(a.settings, { markers: ['NOTE'] });
    assert.equal(a.accepts('/x/readme.md'), true);
    assert.throws(() => createOperations([{ id: 'nope' }]), /Unknown operation "nope"/);
    assert.throws(() => createOperations([{ id: 'toString' }]), /Unknown operation/);
  });
});

// ---------------------------------------------------------------------------
// The property: any split gives the result of the whole.

function chunkedResult(text: string, maxChars: number, overlap: number): AnalyzeResult {
  let acc = op.empty();
  for (const c of chunkText(text, { maxChars, overlap })) acc = op.combine(acc, op.map(c));
  return op.finish(acc);
}

const TOKENS = [
  'hello', 'world', 'The', 'the', 'of', 'and', 'is', 'a', 'it', 'table', 'make', 'sunny', 'x', '42', 'snake_case',
  ' ', ' ', ' ', '  ', '\t', '\n', '\n', '\r\n', '\n\n', '\r\n\r\n', '\r', '\u3000',
  '# ', '## ', '###### ', '####### ', '   # ', '#', '```\n', '```js\n', '~~~\n', '    ```\n',
  'TODO', 'FIXME', 'BUG', 'XXX', 'xTODO', 'TODO_', 'TODO:', '(HACK)', '_BUG',
  '.', '. ', '!', '?', '…', '...', '?! ', '。', '！', '？', ',', "'", '-',
  '日本', 'かな', 'カタカナー', '한국어', 'مرحبا', 'สวัสดี', 'e\u0301', '\u0301',
  '😀', '👍🏽', '❤️', '𝐀𝐁', '𠀀',
  'supercalifragilisticexpialidocious', 'y'.repeat(70), 'word '.repeat(30), '-'.repeat(60),
];
const ENGLISH = [
  'the', 'The', 'of', 'and', 'to', 'in', 'is', 'you', 'that', 'it', 'table', 'beautiful', 'free', 'make', 'rhythm',
  'cat', 'sunny', 'reading', 'understanding', 'document', 'incomprehensibilities', 'café', 'naïve', 'résumé',
];
const englishDocArb = fc
  .array(
    fc.oneof(
      { weight: 12, arbitrary: fc.constantFrom(...ENGLISH).map((w) => w + ' ') },
      { weight: 3, arbitrary: fc.constantFrom(...ENGLISH) },
      { weight: 2, arbitrary: fc.constantFrom('. ', '! ', '?\n', '\n', '\r\n', '\n\n', '# ', 'TODO ', ', ', '...') },
    ),
    { minLength: 10, maxLength: 120 },
  )
  .map((t) => t.join(''));
const docArb = fc.oneof(fc.array(fc.constantFrom(...TOKENS), { maxLength: 150 }).map((t) => t.join('')), englishDocArb);

/** Split points in (0, n) that are not inside a surrogate pair, sorted and distinct. */
function splitPoints(text: string, raw: readonly number[]): number[] {
  const out = new Set<number>();
  for (const r of raw) {
    let i = r % (text.length + 1);
    const a = text.charCodeAt(i - 1);
    const b = text.charCodeAt(i);
    if (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff) i++;
    if (i > 0 && i < text.length) out.add(i);
  }
  return [...out].sort((x, y) => x - y);
}

/** Combines parts in a tree shaped by `shape`. */
function treeCombine(parts: readonly AnalyzePartial[], shape: readonly number[], depth = 0): AnalyzePartial {
  const [first, ...rest] = parts;
  if (first === undefined) return op.empty();
  if (rest.length === 0) return first;
  const k = 1 + ((shape[depth % Math.max(shape.length, 1)] ?? 0) % (parts.length - 1));
  return op.combine(treeCombine(parts.slice(0, k), shape, depth + 1), treeCombine(parts.slice(k), shape, depth + 2));
}

describe('analyze: any chunking gives the whole document\'s result (properties)', () => {
  let english = 0;
  after(() => {
    // the properties must have exercised language detection and Flesch
    assert.ok(english >= 20, `only ${english} English documents generated`);
  });

  it('chunks from the chunker, mapped and combined, equal the whole', () => {
    fc.assert(
      fc.property(
        docArb,
        fc.integer({ min: 16, max: 300 }).chain((m) => fc.tuple(fc.constant(m), fc.integer({ min: 0, max: m >> 2 }))),
        (text, [maxChars, overlap]) => {
          assert.deepEqual(chunkedResult(text, maxChars, overlap), analyze(text));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('arbitrary split points, combined left to right and in a random tree, equal the whole', () => {
    fc.assert(
      fc.property(
        docArb,
        fc.array(fc.nat(), { maxLength: 30 }),
        fc.array(fc.nat(), { minLength: 1, maxLength: 20 }),
        (text, raw, shape) => {
          const cuts = [0, ...splitPoints(text, raw), text.length];
          const pieces: string[] = [];
          for (let i = 1; i < cuts.length; i++) pieces.push(text.slice(cuts[i - 1], cuts[i]));
          const partials = pieces.map((p) => op.map(chunkOf(p)));
          const frozen = structuredClone(partials);
          const whole = analyze(text);
          if (whole.language === 'en') english++;
          assert.deepEqual(analyzePieces(pieces), whole);
          // associativity: any bracketing, with clones as a worker would receive them
          assert.deepEqual(op.finish(treeCombine(structuredClone(partials), shape)), whole);
          // with empty partials sprinkled in: empty() is the identity
          const withEmpty = partials.flatMap((p, i) => (shape[i % shape.length]! % 3 === 0 ? [op.empty(), p] : [p]));
          assert.deepEqual(op.finish(treeCombine(withEmpty, shape)), whole);
          // combine did not mutate its inputs
          assert.deepEqual(partials, frozen);
        },
      ),
      { numRuns: 400 },
    );
  });

  it('splits between "\\r" and "\\n", mid-word and mid-punctuation equal the whole', () => {
    const text = 'Hello wor-ld... really?\r\n\r\n# Head TODO\r\n```\r\n# no\r\n```\r\nsupercalifragilisticexpialidociousness!! 日本語 end';
    const whole = analyze(text);
    for (let i = 0; i <= text.length; i++) {
      for (let j = i; j <= text.length; j += 7) {
        assert.deepEqual(analyzePieces([text.slice(0, i), text.slice(i, j), text.slice(j)]), whole, `split at ${i}, ${j}`);
      }
    }
  });
});

describe('operation rules by id', () => {
  it('gives each built-in operation its rules, with names and help links, and nothing for an unknown id', async () => {
    const { operationRules } = await import('../../../../src/operations/registry');
    assert.deepEqual(operationRules('analyze').map((r) => r.id), ['marker']);
    const links = operationRules('links');
    assert.ok(links.some((r) => r.id === 'missing-fragment' && r.helpUri?.includes('#links-rule-missing-fragment')), JSON.stringify(links));
    assert.ok(operationRules('lint').some((r) => r.id === 'MD013' && /line-length/.test(r.name)));
    assert.deepEqual(operationRules('no-such-operation'), []);
  });
});
