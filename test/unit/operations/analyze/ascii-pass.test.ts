// The WebAssembly character pass must give exactly the JavaScript loop's
// partial on ASCII text, refuse everything else, and be built from its source.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import * as path from 'node:path';
import fc from 'fast-check';
import { asciiKernel, asciiPass } from '../../../../src/operations/analyze/ascii-pass';
import { createAnalyze, type AnalyzePartial } from '../../../../src/operations/analyze';

const op = createAnalyze();
const map = (text: string, kernel: boolean): AnalyzePartial => {
  asciiKernel.enabled = kernel;
  try {
    return op.map({ text, start: 0, end: text.length, overlap: 0, line: 1, last: false });
  } finally {
    asciiKernel.enabled = true;
  }
};

// Words that exercise syllables (silent e, -le, vowel groups, > 32 letters) and function words.
const ASCII_TOKENS = [
  'the', 'The', 'THE', 'of', 'and', 'a', 'I', 'you', 'there', 'which', 'about', 'table', 'make', 'free', 'be', 'e', 'le',
  'rhythm', 'queueing', 'x'.repeat(32), 'abcdefghijklmnopqrstuvwxyzabcdee', 'x'.repeat(33), 'y'.repeat(40), 'snake_case', 'a1b2', '42', 'TODO', 'FIXME:',
  ' ', '  ', '\t', '\n', '\r\n', '\n\n', '\f', '\v', '\r',
  '.', '. ', '!', '?', '...', '?! ', ',', ';', "'", '"', '-', '#', '## ', '```\n', '(', ')', '\u0000', '\u007f', '~',
  // Every ASCII code, so that the kernel's classes are checked against ASCII_CLASS and VOWEL.
  ...Array.from({ length: 128 }, (_, c) => String.fromCharCode(c)),
];

describe('analyze: the WebAssembly character pass', () => {
  it('gives the JavaScript loop\'s partial for any ASCII text (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...ASCII_TOKENS), { minLength: 40, maxLength: 300 }), fc.boolean(), (tokens, lead) => {
        // At least KERNEL_MIN (64) characters, so that the kernel takes it.
        const text = ((lead ? 'word' : ' ') + tokens.join('')).padEnd(64, tokens[0]);
        assert.ok(asciiPass(text), 'the kernel takes it');
        const kernel = map(text, true);
        assert.deepEqual(kernel, map(text, false));
      }),
      { numRuns: 1000 },
    );
  });

  it('gives the loop\'s partial wherever the text falls across its 64-byte blocks', () => {
    // Vowel groups, words, punctuation runs and sentence ends straddling every block offset.
    const body = ' freedom and queueing, table? Make it.  Really!! ok ' + 'y'.repeat(33) + ' e. ';
    for (let shift = 0; shift < 130; shift++) {
      for (const lead of ['', 'word', '. ', '?\n']) {
        const text = lead + 'x'.repeat(shift) + body + body;
        assert.deepEqual(map(text, true), map(text, false), `lead ${JSON.stringify(lead)}, shift ${shift}`);
      }
    }
  });

  it('gives the loop\'s partial for mostly ASCII text with other characters here and there (property)', () => {
    // Long enough (4096+) to be cut around the other characters; they sit at the edges too.
    const OTHER = ['é', '’', '“', '😀', '日本', '\u00a0', 'ü ', ' … '];
    fc.assert(
      fc.property(
        fc.array(fc.oneof({ weight: 150, arbitrary: fc.constantFrom(...ASCII_TOKENS) }, { weight: 1, arbitrary: fc.constantFrom(...OTHER) }), { minLength: 1500, maxLength: 3000 }),
        fc.constantFrom('', 'é', 'word'),
        (tokens, edge) => {
          const text = edge + tokens.join('') + edge;
          assert.deepEqual(map(text, true), map(text, false));
        },
      ),
      // No shrinking: cutting down a text of thousands of tokens takes minutes.
      { numRuns: 60, endOnFailure: true },
    );
    // A long ASCII run between two others: cut out for the kernel.
    const text = 'é😀' + 'plain words. '.repeat(400) + '日本 ' + 'more words! '.repeat(400) + '😀';
    assert.deepEqual(map(text, true), map(text, false));
  });

  it('takes text that is all ASCII and nothing else', () => {
    assert.ok(asciiPass('plain ASCII text, long enough to be worth it, and then some.'));
    for (const other of ['café au lait', 'a \u00a0 b', 'emoji 😀', 'lone \ud800 surrogate', '日本語']) {
      assert.equal(asciiPass(other.repeat(8)), undefined, other);
    }
    asciiKernel.enabled = false;
    assert.equal(asciiPass('plain'), undefined);
    asciiKernel.enabled = true;
  });

  it('counts every byte of a text larger than its first memory, and starts from zero next time', () => {
    const text = 'abc. def! '.repeat(20_000);
    const first = asciiPass(text)!;
    assert.equal(first.hist[97], 20_000);
    assert.equal(first.hist[32], 40_000);
    assert.equal(first.words, 40_000 - 1, 'the first word touches the start');
    assert.deepEqual(asciiPass(text)!.hist, first.hist);
  });

  it('is compiled from its source: the committed module matches a fresh build', function () {
    this.timeout(60_000);
    // A child process: the compiler runs three times faster outside the test's TypeScript loader.
    const r = spawnSync(process.execPath, [path.resolve(__dirname, '../../../../scripts/build-kernel.mjs'), '--check'], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
  });
});
