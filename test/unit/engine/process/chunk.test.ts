import * as assert from 'node:assert/strict';
import fc from 'fast-check';
import { Chunker, DEFAULT_CHUNKER, chunkText, type ChunkerOptions } from '../../../../src/engine/process/chunk';
import type { Chunk } from '../../../../src/operations/operation';

/** Every invariant a chunking of `doc` must satisfy. */
function checkChunks(doc: string, chunks: readonly Chunk[], opts: ChunkerOptions): void {
  assert.ok(chunks.length >= 1, 'at least one chunk');
  let own = 0;
  chunks.forEach((c, i) => {
    const isLast = i === chunks.length - 1;
    assert.equal(c.last, isLast, `chunk ${i}: last flag`);
    assert.equal(c.start + c.overlap, own, `chunk ${i}: owned range starts where the previous ended`);
    assert.ok(c.end > own || (doc.length === 0 && c.end === 0), `chunk ${i}: owns at least one character`);
    assert.equal(c.text, doc.slice(c.start, c.end), `chunk ${i}: text is the document's [start, end)`);
    assert.ok(c.text.length <= opts.maxChars, `chunk ${i}: ${c.text.length} > maxChars ${opts.maxChars}`);
    assert.ok(c.overlap <= opts.overlap, `chunk ${i}: overlap ${c.overlap} > ${opts.overlap}`);
    if (i === 0) assert.equal(c.overlap, 0);
    else {
      // The context repeats the end of the previous chunk.
      const prev = chunks[i - 1]!;
      assert.ok(c.start >= prev.start + prev.overlap, `chunk ${i}: context comes from the previous chunk's own text`);
      assert.equal(c.text.slice(0, c.overlap), doc.slice(own - c.overlap, own));
      // The context is as long as allowed unless that would split a unit.
      assert.ok(c.overlap >= opts.overlap - 1, `chunk ${i}: context shorter than needed`);
    }
    const newlines = doc.slice(0, own).split('\n').length;
    assert.equal(c.line, newlines, `chunk ${i}: line number`);
    for (const at of [c.start, c.end]) assert.ok(!splitsUnit(doc, at), `chunk ${i}: boundary ${at} splits a unit`);
    own = c.end;
  });
  assert.equal(own, doc.length, 'owned ranges cover the document');
}

function splitsUnit(s: string, i: number): boolean {
  if (i <= 0 || i >= s.length) return false;
  const a = s.charCodeAt(i - 1);
  const b = s.charCodeAt(i);
  return (a === 13 && b === 10) || (a >= 0xd800 && a <= 0xdbff && b >= 0xdc00 && b <= 0xdfff);
}

/** The end of the first chunk, chunked with no overlap. */
function firstCut(text: string, maxChars: number): number {
  const chunks = chunkText(text, { maxChars, overlap: 0 });
  checkChunks(text, chunks, { maxChars, overlap: 0 });
  const [first] = chunks;
  assert.ok(first, 'at least one chunk');
  return first.end;
}

const TOKENS = [
  'a', 'bc', 'word', ' ', '  ', '\t', '.', '. ', '!', '? ', '。', '！', '\n', '\n\n', '\r\n', '\r\n\r\n', '\r',
  '\n\r\n', '😀', '👍🏽', '日本', '\u0301', 'x'.repeat(37), ' '.repeat(20), '\uD800', '\uDC00',
];
const textArb = fc.array(fc.constantFrom(...TOKENS), { maxLength: 120 }).map((t) => t.join(''));
const optsArb = fc
  .integer({ min: 16, max: 120 })
  .chain((maxChars) => fc.record({ maxChars: fc.constant(maxChars), overlap: fc.integer({ min: 0, max: maxChars >> 2 }) }));

describe('chunker', () => {
  it('validates its options', () => {
    assert.throws(() => new Chunker({ maxChars: 15, overlap: 0 }), RangeError);
    assert.throws(() => new Chunker({ maxChars: 64, overlap: 17 }), RangeError);
    assert.throws(() => new Chunker({ maxChars: 64, overlap: -1 }), RangeError);
    assert.throws(() => new Chunker({ maxChars: 64.5, overlap: 0 }), RangeError);
    assert.throws(() => chunkText('x', { maxChars: NaN, overlap: 0 }), RangeError);
    assert.doesNotThrow(() => new Chunker({ maxChars: 16, overlap: 4 }));
    assert.deepEqual(DEFAULT_CHUNKER, { maxChars: 1 << 20, overlap: 256 });
  });

  it('gives an empty document exactly one empty last chunk', () => {
    assert.deepEqual(chunkText('', { maxChars: 16, overlap: 4 }), [
      { text: '', start: 0, end: 0, overlap: 0, line: 1, last: true },
    ]);
    const c = new Chunker({ maxChars: 16, overlap: 0 });
    assert.deepEqual(c.push(''), []);
    assert.equal(c.end().length, 1);
  });

  it('keeps a short document in one chunk', () => {
    assert.deepEqual(chunkText('hello\nworld', { maxChars: 16, overlap: 4 }), [
      { text: 'hello\nworld', start: 0, end: 11, overlap: 0, line: 1, last: true },
    ]);
  });

  it('prefers the last blank line in the window', () => {
    // window for maxChars 40: [20, 40]; a blank line ending at 24 beats the line end, sentence and space after it
    const text = 'x'.repeat(22) + '\n\n' + 'ab\ncd. ef gh' + 'y'.repeat(40);
    assert.equal(firstCut(text, 40), 24);
    const crlf = 'x'.repeat(22) + '\r\n\r\n' + 'ab\ncd. ef gh' + 'y'.repeat(40);
    assert.equal(firstCut(crlf, 40), 26);
    // a blank line before the window does not count: the last line end does
    const early = 'x'.repeat(5) + '\n\n' + 'y'.repeat(20) + '\nzz. zz' + 'y'.repeat(40);
    assert.equal(firstCut(early, 40), 28);
    // a blank line that starts before the window start (20) but ends inside it counts
    assert.equal(firstCut('x'.repeat(18) + '\n\r\nab\n' + 'y'.repeat(60), 40), 21);
    assert.equal(firstCut('x'.repeat(19) + '\n\nab\n' + 'y'.repeat(60), 40), 21);
    assert.equal(firstCut('x'.repeat(18) + '\n' + 'y'.repeat(60), 40), 40); // a line end before the window does not
  });

  it('else prefers the last line end', () => {
    const text = 'x'.repeat(22) + '\nab\ncd. ef gh ' + 'y'.repeat(40);
    assert.equal(firstCut(text, 40), 26);
  });

  it('else prefers the last sentence end, cutting after its white space', () => {
    const text = 'x'.repeat(22) + ' ab. cd ef gh ' + 'y'.repeat(40);
    assert.equal(firstCut(text, 40), 27);
    const cjk = 'x'.repeat(22) + ' ab。 cd ef gh ' + 'y'.repeat(40);
    assert.equal(firstCut(cjk, 40), 27);
    // punctuation not followed by white space is no sentence end
    const noSpace = 'x'.repeat(22) + ' a.b cd ef' + 'y'.repeat(40);
    assert.equal(firstCut(noSpace, 40), 30);
  });

  it('else cuts after the last white space', () => {
    const text = 'x'.repeat(22) + ' ab cd\tef' + 'y'.repeat(40);
    assert.equal(firstCut(text, 40), 29);
  });

  it('else cuts hard at the window end', () => {
    assert.equal(firstCut('x'.repeat(100), 40), 40);
    // white space before the window does not help
    assert.equal(firstCut('x x' + 'y'.repeat(100), 40), 40);
  });

  it('never splits a surrogate pair or "\\r\\n"', () => {
    // hard cut at 16 would fall inside a pair
    const emoji = 'a' + '😀'.repeat(40);
    assert.equal(firstCut(emoji, 16), 15);
    checkChunks(emoji, chunkText(emoji, { maxChars: 16, overlap: 4 }), { maxChars: 16, overlap: 4 });
    // hard cut at 16 would fall between "\r" and "\n" (and "\r" is white space)
    const crlf = 'x'.repeat(15) + '\r\n' + 'y'.repeat(30);
    assert.equal(firstCut(crlf, 16), 15);
    // the context would start between "\r" and "\n": it starts after them
    const ctx = 'x'.repeat(10) + '\r\nab\n' + 'y'.repeat(30);
    const chunks = chunkText(ctx, { maxChars: 20, overlap: 4 });
    checkChunks(ctx, chunks, { maxChars: 20, overlap: 4 });
    const [first, second] = chunks;
    assert.ok(first && second);
    assert.equal(first.end, 15);
    assert.equal(second.overlap, 3);
    assert.equal(second.text.slice(0, 3), 'ab\n');
  });

  it('numbers lines by the first owned character', () => {
    const text = Array.from({ length: 50 }, (_, i) => `line ${i + 1}`).join('\n');
    const chunks = chunkText(text, { maxChars: 32, overlap: 8 });
    checkChunks(text, chunks, { maxChars: 32, overlap: 8 });
    for (const c of chunks) {
      const firstOwned = c.text.slice(c.overlap).split('\n')[0];
      // cuts fall after line ends here, so each chunk starts a line
      assert.equal(firstOwned, `line ${c.line}`);
    }
  });

  it('satisfies every invariant on random texts (property)', () => {
    fc.assert(
      fc.property(textArb, optsArb, (text, opts) => {
        checkChunks(text, chunkText(text, opts), opts);
      }),
      { numRuns: 500 },
    );
  });

  it('streams: random piece sizes give the same chunks as the whole text (property)', () => {
    fc.assert(
      fc.property(textArb, optsArb, fc.array(fc.integer({ min: 1, max: 50 }), { minLength: 1, maxLength: 40 }), (text, opts, sizes) => {
        const chunker = new Chunker(opts);
        const out: Chunk[] = [];
        let at = 0;
        for (let i = 0; at < text.length; i++) {
          const size = sizes[i % sizes.length]!; // sizes is never empty
          for (const c of chunker.push(text.slice(at, at + size))) {
            assert.ok(c.end <= at + size, 'a chunk is out as soon as it is known, not later than needed');
            out.push(c);
          }
          at += size;
        }
        out.push(...chunker.end());
        assert.deepEqual(out, chunkText(text, opts));
      }),
      { numRuns: 500 },
    );
  });

  it('emits chunks while streaming and buffers little', () => {
    const opts = { maxChars: 64, overlap: 16 };
    const chunker = new Chunker(opts);
    let emitted = 0;
    const piece = 'lorem ipsum dolor sit amet, ';
    for (let i = 0; i < 2000; i++) emitted += chunker.push(piece).length;
    assert.ok(emitted > 2000 * piece.length / 64, `emitted ${emitted} chunks while streaming`);
    const buffered = (chunker as unknown as { buf: string }).buf.length;
    assert.ok(buffered <= opts.maxChars + piece.length, `buffered ${buffered}`);
  });

  it('rejects use after end()', () => {
    const c = new Chunker({ maxChars: 16, overlap: 0 });
    c.end();
    assert.throws(() => c.push('x'));
    assert.throws(() => c.end());
  });
});
