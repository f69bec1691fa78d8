// Words cut by a chunk boundary: the first characters of each edge word and its
// length, joined when partials combine, counted once the word is complete.
import * as text from './text';
import type { WordFragment } from './types';

const { WORD_FRAGMENT, detach, isFunctionWord, syllables } = text;

export function wordFragment(s: string, from: number, to: number): WordFragment {
  return { n: to - from, t: detach(s.slice(from, Math.min(to, from + WORD_FRAGMENT))) };
}

export function joinWords(a: WordFragment, b: WordFragment): WordFragment {
  return { n: a.n + b.n, t: a.n >= WORD_FRAGMENT ? a.t : (a.t + b.t).slice(0, WORD_FRAGMENT) };
}

export function fragmentSyllables(w: WordFragment): number {
  return w.n > WORD_FRAGMENT ? Math.ceil(w.n / 3) : syllables(w.t, 0, w.n);
}

export interface WordTotals {
  words: number;
  syllables: number;
  functionWords: number;
}

export function completeWord(t: WordTotals, w: WordFragment): void {
  t.words++;
  t.syllables += fragmentSyllables(w);
  if (w.n <= 6 && isFunctionWord(w.t, 0, w.n)) t.functionWords++;
}
