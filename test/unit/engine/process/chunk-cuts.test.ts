// Where the chunker cuts, exactly (engine/process/chunk.ts): which characters are
// white space and sentence ends, the window's edges, blank lines written "\n\r\n",
// and the context a cut leaves. Windows of maxChars 32 without overlap: a chunk
// that owns from 0 is cut in [16, 32], and a hard cut is at 32.
import * as assert from 'node:assert/strict';
import { Chunker, chunkText, validateChunkerOptions } from '../../../../src/engine/process/chunk';

const NO_OVERLAP = { maxChars: 32, overlap: 0 };
/** Where the first chunk of `text` ends. */
const firstCut = (text: string, opts = NO_OVERLAP) => chunkText(text, opts)[0]!.end;
const a = (n: number) => 'a'.repeat(n);

describe('the chunker: where it cuts', () => {
  it('knows white space as JavaScript\'s \\s does, for every character of the Basic Multilingual Plane', () => {
    const wrong: string[] = [];
    for (let c = 0; c <= 0xffff; c++) {
      if (c === 10 || (c >= 0xd800 && c <= 0xdfff)) continue;
      const ch = String.fromCharCode(c);
      // The only break candidate is the character at 20: a cut after it, else a hard cut.
      const expected = /\s/.test(ch) ? 21 : 32;
      if (firstCut(a(20) + ch + a(30)) !== expected) wrong.push(c.toString(16));
    }
    assert.deepEqual(wrong, []);
  });

  it('prefers a sentence end (. ! ? and the ideographic and full-width ones) before the white space, else the last space', () => {
    for (const end of ['.', '!', '?', '\u3002', '\uff01', '\uff1f']) {
      assert.equal(firstCut(a(18) + end + ' ' + a(10) + ' ' + a(20)), 20, `after "${end} "`);
    }
    for (const other of [',', ';', '-', '\u3001', '\uff0c']) {
      assert.equal(firstCut(a(18) + other + ' ' + a(10) + ' ' + a(20)), 31, `not after "${other} "`);
    }
  });

  it('cuts at the window edges: a space or a line end just before the half, a blank line ending there', () => {
    assert.equal(firstCut(a(15) + ' ' + a(40)), 16);
    assert.equal(firstCut(a(15) + '\n' + a(40)), 16);
    assert.equal(firstCut(a(14) + '\n\n' + a(9) + '\n' + a(30)), 16, 'a blank line ending at the half beats a later line end');
    assert.equal(firstCut(a(13) + '\n\n' + a(10) + '\n' + a(30)), 26, 'one ending before the half does not count');
    assert.equal(firstCut(a(20) + '\n' + a(40)), 21);
    assert.equal(firstCut(a(15) + '\n' + a(9) + ' ' + a(30)), 16, 'a line end at the half beats a later space');
    assert.equal(firstCut(a(32) + '\n' + a(20)), 32, 'a line end just past the window is not looked at');
  });

  it('counts "\\n\\r\\n" as a blank line, also right after a "\\n\\n" and at the window start', () => {
    assert.equal(firstCut(a(13) + '\n\r\n' + a(9) + '\n' + a(30)), 16);
    assert.equal(firstCut(a(18) + '\n\n\r\n' + a(4) + '\n' + a(30)), 22);
    assert.equal(firstCut(a(18) + '\n\r\n' + a(4) + '\n' + a(30)), 21);
  });

  it('never cuts between "\\r" and "\\n" when a space comes earlier', () => {
    assert.equal(firstCut(a(20) + ' ' + a(10) + '\r\n' + a(20)), 21);
    assert.equal(firstCut(a(20) + ' ' + a(10) + ' \n' + a(20)), 32, 'a space before a line end past the window is a space');
  });

  it('moves a hard cut back one unit only to keep a surrogate pair whole', () => {
    for (const pair of ['\ud800\udc00', '\udbff\udfff', '\ud83d\ude00']) assert.equal(firstCut(a(31) + pair + a(20)), 31);
    assert.equal(firstCut(a(31) + 'a\udc00' + a(20)), 32, 'a lone low surrogate after an ordinary character');
    assert.equal(firstCut(a(31) + '\ud800a' + a(20)), 32, 'a lone high surrogate before an ordinary character');
    assert.equal(firstCut(a(31) + '\udc00\ud800' + a(20)), 32, 'low then high is not a pair');
    assert.equal(firstCut(a(31) + '\udc00\udc00' + a(20)), 32, 'two low surrogates are not a pair');
    assert.equal(firstCut(a(31) + '\ue000\udc00' + a(20)), 32, 'a private-use character is not a high surrogate');
    assert.equal(firstCut(a(31) + '\ud800\ue000' + a(20)), 32, 'nor a low one');
  });

  it('starts the next chunk\'s context `overlap` characters back, one later only to keep "\\r\\n" whole', () => {
    const opts = { maxChars: 32, overlap: 8 };
    // maxOwned 24: the first cut is in [12, 24]; after a space at 20 it is 21, the context starts at 13.
    const plain = chunkText(a(20) + ' ' + a(40), opts);
    assert.deepEqual([plain[1]!.start, plain[1]!.overlap], [13, 8]);
    const cr = chunkText(a(12) + '\r' + a(7) + ' ' + a(40), opts);
    assert.deepEqual([cr[1]!.start, cr[1]!.overlap], [13, 8], 'a lone "\\r" before the context is not a unit');
    // A space at 15: the cut is 16, the context would start at 8, inside "\r\n" (7, 8), before the window (from 9).
    const crlf = chunkText(a(7) + '\r\n' + a(6) + ' ' + a(40), opts);
    assert.deepEqual([crlf[0]!.end, crlf[1]!.start, crlf[1]!.overlap], [16, 9, 7]);
  });

  it('says what is wrong with its options, and what it was used for after its end', () => {
    assert.throws(() => validateChunkerOptions({ maxChars: 15, overlap: 0 }), { name: 'RangeError', message: 'chunker maxChars must be an integer >= 16, got 15' });
    assert.throws(() => validateChunkerOptions({ maxChars: 40, overlap: 11 }), { name: 'RangeError', message: 'chunker overlap must be an integer in [0, maxChars/4 = 10], got 11' });
    const chunker = new Chunker(NO_OVERLAP);
    chunker.end();
    assert.throws(() => chunker.push('x'), { message: 'Chunker.push after end()' });
    assert.throws(() => chunker.end(), { message: 'Chunker.end called twice' });
  });
});
