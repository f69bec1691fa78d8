// combine(): two partials, a's text before b's, into the partial of both. What
// the boundary cut (a line, a word, a run of sentence punctuation, the fence
// state) is completed here, so any cut gives the result of the whole.
import {
  appendLineStats,
  copyLineStats,
  examineFragment,
  joinFragments,
  type LineFragment,
  type LineStats,
} from './lines';
import type { AnalyzePartial, HistX } from './types';
import { completeWord, joinWords, type WordTotals } from './words';

export function mergeHistX(a: HistX, b: HistX): HistX {
  if (b.cps.length === 0) return a;
  if (a.cps.length === 0) return b;
  const cps: number[] = [];
  const counts: number[] = [];
  let i = 0;
  let j = 0;
  while (i < a.cps.length || j < b.cps.length) {
    const x = i < a.cps.length ? a.cps[i]! : Infinity;
    const y = j < b.cps.length ? b.cps[j]! : Infinity;
    if (x === y) {
      cps.push(x);
      counts.push(a.counts[i++]! + b.counts[j++]!);
    } else if (x < y) {
      cps.push(x);
      counts.push(a.counts[i++]!);
    } else {
      cps.push(y);
      counts.push(b.counts[j++]!);
    }
  }
  return { cps, counts };
}

export function combinePartials(a: AnalyzePartial, b: AnalyzePartial, tags: readonly string[]): AnalyzePartial {
  if (a.len === 0) return b;
  if (b.len === 0) return a;

  // Lines.
  let head = a.head;
  let tail: LineFragment;
  let lineStats: LineStats;
  if (a.nl === 0) {
    head = joinFragments(a.head, b.head);
    tail = b.tail;
    lineStats = b.lineStats;
  } else if (b.nl === 0) {
    tail = joinFragments(a.tail, b.head);
    lineStats = a.lineStats;
  } else {
    tail = b.tail;
    lineStats = copyLineStats(a.lineStats);
    // The line cut by the boundary is now complete; b's lines follow it.
    examineFragment(lineStats, joinFragments(a.tail, b.head), true, a.nl, tags);
    appendLineStats(lineStats, b.lineStats, a.nl, lineStats.fences);
  }

  // Words.
  const t: WordTotals = {
    words: a.words + b.words,
    syllables: a.syllables + b.syllables,
    functionWords: a.functionWords + b.functionWords,
  };
  let wordAll = false;
  let wordFirst = a.wordFirst;
  let wordLast = b.wordLast;
  if (a.wordAll) {
    if (b.wordAll) {
      wordAll = true;
      wordFirst = joinWords(a.wordFirst!, b.wordFirst!);
    } else {
      wordFirst = b.wordFirst ? joinWords(a.wordFirst!, b.wordFirst) : a.wordFirst;
    }
  } else if (b.wordAll) {
    wordLast = a.wordLast ? joinWords(a.wordLast, b.wordFirst!) : b.wordFirst;
  } else {
    const mid = a.wordLast && b.wordFirst ? joinWords(a.wordLast, b.wordFirst) : (a.wordLast ?? b.wordFirst);
    if (mid) completeWord(t, mid);
  }

  // Sentences: compose the two automata.
  const sentOut = [0, 0, 0, 0];
  const sentCount = [0, 0, 0, 0];
  // Both automata map each of the 4 start states to one of the 4 states.
  for (let k = 0; k < 4; k++) {
    const m = a.sentOut[k]!;
    sentOut[k] = b.sentOut[m]!;
    sentCount[k] = a.sentCount[k]! + b.sentCount[m]!;
  }

  // Histogram.
  const hist = a.hist.map((x, i) => x + (b.hist[i] ?? 0));
  const histX = mergeHistX(a.histX, b.histX);

  return {
    len: a.len + b.len,
    chars: a.chars + b.chars,
    bytes: a.bytes + b.bytes,
    nl: a.nl + b.nl,
    head,
    tail,
    lineStats,
    words: t.words,
    syllables: t.syllables,
    functionWords: t.functionWords,
    wordChars: a.wordChars + b.wordChars,
    asciiWordChars: a.asciiWordChars + b.asciiWordChars,
    wordAll,
    wordFirst,
    wordLast,
    sentOut,
    sentCount,
    hist,
    histX,
  };
}
