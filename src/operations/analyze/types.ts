// The analyze operation's data: its settings, the partial of a run of chunks, a
// document's result and the summary over documents. Partials and results are
// plain data (structured-cloned between threads, cached as JSON).
import type { Heading, LineFragment, LineStats, Marker } from './lines';

export type { Heading, Marker } from './lines';

/** Reading speed, words per minute. */
export const WORDS_PER_MINUTE = 230;

export interface AnalyzeSettings {
  /** Marker tags, matched case-sensitively as whole words. */
  readonly markers?: readonly string[];
}

export interface AnalyzeResult {
  readonly lines: number;
  readonly blankLines: number;
  readonly words: number;
  /** Unicode code points. */
  readonly characters: number;
  /** UTF-8 bytes. */
  readonly bytes: number;
  readonly sentences: number;
  readonly readingMinutes: number;
  readonly language: 'en' | 'other';
  /** Present for English prose documents only (see isProsePath): code passes the English check, and its score means nothing. */
  readonly fleschReadingEase?: number;
  /** Shannon entropy, bits per character. */
  readonly entropy: number;
  /** The first longest line (1-based; 0 for an empty document), its length in UTF-16 units. */
  readonly longestLine: { readonly line: number; readonly length: number };
  /** The first ITEM_CAP headings outside code fences. */
  readonly headings: readonly Heading[];
  readonly headingCount: number;
  /** The first ITEM_CAP markers. */
  readonly markers: readonly Marker[];
  readonly markerCount: number;
  /** Tags that occur, with their counts. */
  readonly markersByTag: Readonly<Record<string, number>>;
}

export interface AnalyzeSummary {
  readonly documents: number;
  readonly lines: number;
  readonly words: number;
  readonly characters: number;
  readonly bytes: number;
  readonly sentences: number;
  readonly readingMinutes: number;
  readonly markers: number;
  readonly markersByTag: Readonly<Record<string, number>>;
  readonly headings: number;
  readonly englishDocuments: number;
  /** Mean Flesch reading ease over English documents, 1 decimal; absent when there are none. */
  readonly averageFlesch?: number;
  /** The largest document's word count; absent when there are no documents. */
  readonly longestDocument?: { readonly words: number };
}

/** The first WORD_FRAGMENT characters of a word cut by a chunk boundary, and its full length. */
export interface WordFragment {
  readonly n: number;
  readonly t: string;
}

/**
 * A chunk's (or a run of chunks') contribution. Plain data: it is structured
 * cloned between threads. Sizes are bounded: two line fragments of at most
 * LINE_SCAN_LIMIT characters, two word fragments, at most ITEM_CAP markers and
 * 2 * ITEM_CAP heading candidates, and a histogram of distinct code points.
 */
export interface AnalyzePartial {
  /** UTF-16 units owned; 0 only for the empty partial. */
  readonly len: number;
  readonly chars: number;
  readonly bytes: number;
  /** "\n" count; the complete lines are those between the first and the last. */
  readonly nl: number;
  /** Before the first "\n" (everything when nl is 0). */
  readonly head: LineFragment;
  /** After the last "\n" (empty when nl is 0). */
  readonly tail: LineFragment;
  readonly lineStats: LineStats;
  /** Complete words: those with a separator on both sides inside the partial, and CJK characters. */
  readonly words: number;
  readonly syllables: number;
  readonly functionWords: number;
  /** Word-class code points, and how many of them are ASCII letters and digits. */
  readonly wordChars: number;
  readonly asciiWordChars: number;
  /** The partial is one run of word characters, held in wordFirst. */
  readonly wordAll: boolean;
  /** The word run touching the partial's start / end, if any (not in `words`). */
  readonly wordFirst: WordFragment | null;
  readonly wordLast: WordFragment | null;
  /**
   * Sentence ends as a function of the state before the partial, state =
   * 2 * (a word character was seen) + (inside a run of . ! ? …):
   * from state s the partial ends in state sentOut[s] having counted sentCount[s].
   */
  readonly sentOut: readonly number[];
  readonly sentCount: readonly number[];
  /** Code point frequencies: ASCII by index; the rest as code points in ascending order with their counts. */
  readonly hist: readonly number[];
  readonly histX: HistX;
}

/**
 * Non-ASCII frequencies as two parallel arrays sorted by code point. An object
 * keyed by code point fell into dictionary mode and cost more than the scan.
 */
export interface HistX {
  readonly cps: readonly number[];
  readonly counts: readonly number[];
}

/** What a chunk's line pass finds: the line fields of its partial. */
export type LinePass = Pick<AnalyzePartial, 'nl' | 'head' | 'tail' | 'lineStats'>;
