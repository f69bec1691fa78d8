// Priming the analyze operation's hot functions on a fresh thread.
//
// V8 optimises a function on the feedback it has seen, and leaves optimised code
// ("deoptimises") the first time a branch without feedback runs: a non-Latin
// letter, an emoji, a CJK full stop, a word cut by a chunk edge. On a cold run
// each worker met those one document at a time, and spent much of its first
// second in unoptimised code between deoptimisations. A few milliseconds on a
// sample that takes every branch, before the first document, avoids most of it.
import { createAnalyze } from './index';
import type { Chunk, Operation } from '../operation';

const SAMPLE = [
  '# Title\r\n',
  '\r\n',
  'The quick brown fox jumps over the lazy dog. Is it? Yes! Wait... (really) - done:\n',
  '  ## Indented heading ##\n',
  '```sh\nls -la | grep "x" > out.txt\n```\n',
  '~~~\nTODO: FIXME inside a fence\n~~~\n',
  '- TODO: write more; see https://example.com/a_b?c=1#d, x_y, FIXME(me), HACK, XXX, BUG.\n',
  'Café naïve résumé Ærø straße — “quoted” ‘text’ … 1,234.5 e.g. i.e.\n',
  'Привет мир. Γειά σου κόσμε! שלום עולם. مرحبا بالعالم؟ नमस्ते दुनिया।\n',
  '日本語の文章です。中文句子！한국어 문장입니다？ カタカナ ひらがな 漢字\n',
  'Emoji 😀👍🏽 and 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 math, a lone \ud800 surrogate, tabs\tand\u00a0nbsp\u2003em space.\n',
  '\n',
  '    indented code with trailing spaces   \n',
  // Words longer than a fragment (32), of lengths that do not divide by 3 (syllables estimated as n / 3).
  'A word longer than a fragment: pneumonoultramicroscopicsilicovolcanoconiosiss, then\n',
  'words, ending on another: honorificabilitudinitatibusandsomemorelettersxx',
].join('');

/**
 * Runs the operation over the sample, whole and cut at every few characters,
 * `rounds` times. Pass the instance the thread will use: feedback is also about
 * its own objects (its marker list, say), not only about the code.
 */
export function warmUpAnalyze(op: Operation = createAnalyze({}), rounds = 10): void {
  const chunk = (text: string, overlap = 0): Chunk => ({ text, start: 0, end: text.length, overlap, line: 1, last: true });
  for (let r = 0; r < rounds; r++) {
    op.finish(op.combine(op.empty(), op.map(chunk(SAMPLE))));
    op.finish(op.map(chunk(''))); // an empty file
    // Pieces cut inside words, lines, runs of punctuation and surrogate pairs.
    const step = 7 + (r % 13);
    let partial = op.empty();
    for (let at = 0; at < SAMPLE.length; at += step) partial = op.combine(partial, op.map(chunk(SAMPLE.slice(at, at + step))));
    op.finish(partial);
  }
}
