// finish(): a document's result from the combination of all its partials (the
// edge lines and words closed, sentences, entropy, language, readability), and
// which files are prose (the ones a readability score is kept for).
import { appendLineStats, emptyLineStats, examineFragment } from './lines';
import { WORDS_PER_MINUTE, type AnalyzePartial, type AnalyzeResult } from './types';
import { completeWord, type WordTotals } from './words';

/** c * log2(c) for the counts of small documents (0 for 0). */
const XLOGX_TABLE = 4096;
const XLOGX: Float64Array = (() => {
  const t = new Float64Array(XLOGX_TABLE);
  for (let c = 2; c < XLOGX_TABLE; c++) t[c] = c * Math.log2(c);
  return t;
})();

export function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
}

/** Whether a document with these counts reads as English. */
export function isEnglish(words: number, wordChars: number, asciiWordChars: number, functionWords: number): boolean {
  return words >= 20 && asciiWordChars * 10 >= wordChars * 9 && functionWords * 100 >= words * 8;
}

export function finishPartial(p: AnalyzePartial, tags: readonly string[]): AnalyzeResult {
  // Lines: close the head, then the complete lines, then the unterminated last line.
  const acc = emptyLineStats(tags.length);
  let lines = 0;
  if (p.nl === 0) {
    if (p.head.n > 0) {
      examineFragment(acc, p.head, false, 0, tags);
      lines = 1;
    }
  } else {
    examineFragment(acc, p.head, true, 0, tags);
    appendLineStats(acc, p.lineStats, 0, acc.fences);
    lines = p.nl;
    if (p.tail.n > 0) {
      examineFragment(acc, p.tail, false, p.nl, tags);
      lines++;
    }
  }

  // Words.
  const t: WordTotals = { words: p.words, syllables: p.syllables, functionWords: p.functionWords };
  if (p.wordFirst) completeWord(t, p.wordFirst);
  if (p.wordLast) completeWord(t, p.wordLast);
  const words = t.words;

  // Sentences: from the start state, plus a run of . ! ? … at the very end.
  const [end = 0] = p.sentOut;
  const [counted = 0] = p.sentCount;
  let sentences = counted + (end === 3 ? 1 : 0);
  if (sentences === 0 && words > 0) sentences = 1;

  // Entropy over code point frequencies, in a fixed order:
  // H = log2(N) - (1/N) * sum(c * log2(c)), with c * log2(c) from a table for small counts.
  let entropy = 0;
  if (p.chars > 0) {
    let sum = 0;
    for (const count of p.hist) sum += count < XLOGX_TABLE ? XLOGX[count]! : count * Math.log2(count);
    for (const count of p.histX.counts) sum += count < XLOGX_TABLE ? XLOGX[count]! : count * Math.log2(count);
    entropy = Math.log2(p.chars) - sum / p.chars;
  }

  const english = isEnglish(words, p.wordChars, p.asciiWordChars, t.functionWords);
  const markersByTag: Record<string, number> = {};
  for (let k = 0; k < tags.length; k++) if (acc.tagCounts[k]! > 0) markersByTag[tags[k]!] = acc.tagCounts[k]!;
  const result: AnalyzeResult = {
    lines,
    blankLines: acc.blank,
    words,
    characters: p.chars,
    bytes: p.bytes,
    sentences,
    readingMinutes: words / WORDS_PER_MINUTE,
    language: english ? 'en' : 'other',
    entropy: round(entropy, 4),
    longestLine: acc.longLine < 0 ? { line: 0, length: 0 } : { line: acc.longLine + 1, length: acc.longLen },
    headings: acc.h[0].map((h) => ({ level: h.level, text: h.text, line: h.line + 1 })),
    headingCount: acc.hc[0],
    markers: acc.markers.map((m) => ({ tag: m.tag, line: m.line + 1, column: m.column, text: m.text })),
    markerCount: acc.markerCount,
    markersByTag,
  };
  if (english) {
    const flesch = 206.835 - 1.015 * (words / sentences) - 84.6 * (t.syllables / words);
    // Added in place: spreading a fresh result into a copy cost more than the scan of a small file.
    (result as { fleschReadingEase?: number }).fleschReadingEase = round(flesch, 1);
  }
  return result;
}

/** Extensions of files that are prose (or mostly prose): the ones a readability score is given for. */
const PROSE_EXTENSIONS = new Set(['.md', '.markdown', '.mdx', '.txt', '.text', '.rst', '.adoc', '.asciidoc', '.org', '.textile', '.wiki', '.mediawiki', '.tex', '.html', '.htm', '.rtf']);

/**
 * Whether a file is prose by its name: a prose extension, or no extension at all
 * (README, LICENSE, CHANGELOG; a dot file is configuration). Readability is a figure for prose; source code,
 * data and configuration get none.
 */
export function isProsePath(path: string): boolean {
  const name = path.slice(Math.max(path.lastIndexOf('/'), path.lastIndexOf('\\')) + 1);
  const dot = name.lastIndexOf('.');
  if (dot === -1) return true;
  if (dot === 0) return false; // .gitignore, .editorconfig: configuration

  return PROSE_EXTENSIONS.has(name.slice(dot).toLowerCase());
}
