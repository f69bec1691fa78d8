// The analyze operation: statistics, reading time, readability, language,
// entropy, Markdown headings and TODO-style markers of a text document.
//
// map() sees only the characters a chunk owns and knows nothing of where the
// chunk lies: line numbers in a partial are relative to its start, and what a
// chunk boundary may cut (a line, a word, a run of sentence punctuation, the
// fence state) is kept as bounded fragments or as a function of the unknown
// state before the chunk, resolved by combine(). Splitting a document anywhere
// (except inside a surrogate pair) therefore gives exactly the result of
// processing it whole.
import type { Chunk, DocumentPlace, Operation, OperationSettings } from './operation';
import type { DocumentFinding, RuleInfo } from './findings';
import { SETTINGS } from '../settings/table';
import {
  EMPTY_FRAGMENT,
  ITEM_CAP,
  LINE_SCAN_LIMIT,
  type Heading,
  type LineFragment,
  type LineStats,
  type Marker,
  addMarkers,
  appendLineStats,
  copyLineStats,
  emptyLineStats,
  examineFragment,
  examineLine,
  findTags,
  fragment,
  joinFragments,
} from './analyze/lines';
import * as text from './analyze/text';
import { asciiKernelReady, asciiPass, type AsciiPass } from './analyze/ascii-pass';

// Module-local copies: a CommonJS build (tsx, tests) turns each use of an
// imported binding into a getter call, which costs more than the hot loop.
const {
  ASCII_CLASS,
  CJK,
  CJK_STOP,
  PUNCT,
  WORD,
  WORD_FRAGMENT,
  WS,
  VOWEL,
  MAX_FUNCTION_WORD,
  astralClass,
  bmpClass,
  detach,
  isFunctionWord,
  syllables,
  syllablesFromGroups,
} = text;

export type { Heading, Marker } from './analyze/lines';
export { LINE_SCAN_LIMIT, ITEM_CAP, TEXT_CAP } from './analyze/lines';

export const DEFAULT_MARKERS: readonly string[] = SETTINGS.markers.default;
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
interface HistX {
  readonly cps: readonly number[];
  readonly counts: readonly number[];
}

const EMPTY_HISTX: HistX = { cps: [], counts: [] };

function mergeHistX(a: HistX, b: HistX): HistX {
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

function normaliseMarkers(settings: AnalyzeSettings | OperationSettings): string[] {
  const raw = (settings as { markers?: unknown }).markers;
  if (raw === undefined) return [...DEFAULT_MARKERS];
  if (!Array.isArray(raw)) throw new TypeError('analyze: settings.markers must be an array of strings');
  const out: string[] = [];
  for (const tag of raw) {
    if (typeof tag !== 'string' || tag.length === 0 || /[\r\n]/.test(tag)) {
      throw new TypeError(`analyze: invalid marker ${JSON.stringify(tag)} (non-empty single-line strings only)`);
    }
    if (!out.includes(tag)) out.push(tag);
  }
  return out;
}

const IDENTITY_OUT: readonly number[] = [0, 1, 2, 3];
const ZERO4: readonly number[] = [0, 0, 0, 0];

/**
 * The empty partial, one per tag count and frozen: every document starts from it,
 * and combine() returns the other side unchanged, so it is never copied or mutated.
 */
const emptyPartials = new Map<number, AnalyzePartial>();

function emptyPartial(tags: number): AnalyzePartial {
  let p = emptyPartials.get(tags);
  if (p === undefined) {
    p = deepFreeze({
      len: 0,
      chars: 0,
      bytes: 0,
      nl: 0,
      head: EMPTY_FRAGMENT,
      tail: EMPTY_FRAGMENT,
      lineStats: emptyLineStats(tags),
      words: 0,
      syllables: 0,
      functionWords: 0,
      wordChars: 0,
      asciiWordChars: 0,
      wordAll: false,
      wordFirst: null,
      wordLast: null,
      sentOut: IDENTITY_OUT.slice(),
      sentCount: ZERO4.slice(),
      hist: new Array<number>(128).fill(0),
      histX: EMPTY_HISTX,
    });
    emptyPartials.set(tags, p);
  }
  return p;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

function wordFragment(s: string, from: number, to: number): WordFragment {
  return { n: to - from, t: detach(s.slice(from, Math.min(to, from + WORD_FRAGMENT))) };
}

function joinWords(a: WordFragment, b: WordFragment): WordFragment {
  return { n: a.n + b.n, t: a.n >= WORD_FRAGMENT ? a.t : (a.t + b.t).slice(0, WORD_FRAGMENT) };
}

/** One step of the sentence automaton for a character that is not a word character. */
function sentenceStep(out: number[], count: number[], cls: number): void {
  for (let k = 0; k < 4; k++) {
    const st = out[k];
    if (cls === PUNCT) out[k] = st | 1;
    else {
      if ((cls === WS && st === 3) || cls === CJK_STOP) count[k]++;
      out[k] = st & 2;
    }
  }
}

/** Scratch histograms, always left zeroed after use: allocating and copying typed arrays per chunk cost more than the scan. */
const ASCII_COUNTS = new Uint32Array(128);

function takeAsciiCounts(): number[] {
  const out = new Array<number>(128);
  for (let k = 0; k < 128; k++) {
    out[k] = ASCII_COUNTS[k]!;
    ASCII_COUNTS[k] = 0;
  }
  return out;
}

const BMP_COUNTS = new Uint32Array(0x10000);
const BMP_TOUCHED = new Uint16Array(0x10000);

/** Room for headings (per parity within the chunk) and markers in a chunk's lists. */
interface Room {
  readonly h: [number, number];
  readonly m: number;
}

/**
 * Mostly ASCII text with a few other characters (quotes, accents, a name) is cut
 * around them: its long ASCII runs go to the kernel, the rest through the loop,
 * and the partials are combined (exact, see the header). Below MIXED_MIN, or
 * without an ASCII run of ASCII_RUN_MIN, the text is mapped in one piece.
 */
const MIXED_MIN = 4096;
const ASCII_RUN_MIN = 1024;
const NON_ASCII = /[^\x00-\x7f]+/g;

function mapText(s: string, tags: readonly string[], room?: Room): AnalyzePartial {
  const n = s.length;
  // All ASCII: the kernel takes it whole (its copy in tells, at no extra pass).
  const k = kernelPass(s);
  if (k === undefined && n >= MIXED_MIN && asciiKernelReady()) {
    const cuts = asciiRuns(s);
    if (cuts) {
      let p = emptyPartial(tags.length);
      for (let i = 1; i < cuts.length; i++) {
        const piece = s.slice(cuts[i - 1], cuts[i]);
        p = combinePartials(p, mapPiece(piece, tags, undefined, kernelPass(piece)), tags);
      }
      return p;
    }
  }
  return mapPiece(s, tags, room, k);
}

/**
 * Where to cut s so that each ASCII run of at least ASCII_RUN_MIN characters is a
 * piece of its own (cuts fall between an ASCII and a non-ASCII character, never
 * inside a surrogate pair); undefined when s is all ASCII or has no such run.
 */
function asciiRuns(s: string): number[] | undefined {
  const n = s.length;
  const cuts = [0];
  let pos = 0;
  let runs = 0;
  NON_ASCII.lastIndex = 0;
  for (let m = NON_ASCII.exec(s); m !== null; m = NON_ASCII.exec(s)) {
    if (m.index - pos >= ASCII_RUN_MIN) {
      if (pos > cuts[cuts.length - 1]!) cuts.push(pos);
      cuts.push(m.index);
      runs++;
    }
    pos = m.index + m[0].length;
  }
  if (pos === 0) return undefined;
  if (n - pos >= ASCII_RUN_MIN) {
    if (pos > cuts[cuts.length - 1]!) cuts.push(pos);
    runs++;
  }
  if (runs === 0) return undefined;
  if (cuts[cuts.length - 1] !== n) cuts.push(n);
  return cuts;
}

/** @param k the kernel's pass over s, when s is all ASCII (else the loop below does it) */
function mapPiece(s: string, tags: readonly string[], room: Room | undefined, k: AsciiPass | undefined): AnalyzePartial {
  const n = s.length;
  if (n === 0) return emptyPartial(tags.length);

  // Lines: complete ones are examined now, the edge fragments later.
  const acc = emptyLineStats(tags.length);
  if (room) {
    acc.hCap = room.h;
    acc.mCap = room.m;
  }
  // All ASCII: the kernel's pass lists the line ends too.
  const ends = k?.lineEnds;
  let nl = 0;
  let head: LineFragment;
  let tail: LineFragment = EMPTY_FRAGMENT;
  const first = ends ? (ends.length > 0 ? ends[0]! : -1) : s.indexOf('\n');
  if (first < 0) {
    head = fragment(s, 0, n);
  } else {
    const last = ends ? ends[ends.length - 1]! : s.lastIndexOf('\n');
    head = fragment(s, 0, first);
    tail = fragment(s, last + 1, n);
    const hits = first < last && tags.length > 0 ? findTags(s, first + 1, last, tags) : [];
    let cursor = 0;
    let rel = 1;
    let ls = first + 1;
    while (ls <= last) {
      const le = ends ? ends[rel]! : s.indexOf('\n', ls);
      const ce = le > ls && s.charCodeAt(le - 1) === 13 ? le - 1 : le;
      examineLine(acc, s, ls, ce, rel);
      if (cursor < hits.length) {
        const se = ce - ls > LINE_SCAN_LIMIT ? ls + LINE_SCAN_LIMIT : ce;
        cursor = addMarkers(acc, s, ls, se, le, rel, tags, hits, cursor);
      }
      ls = le + 1;
      rel++;
    }
    nl = rel;
  }

  // Characters: the kernel's pass, or else the loop below.
  if (k !== undefined) return kernelPartial(s, k, nl, head, tail, acc);

  // Characters: histogram, words, sentences, in one pass.
  const hist = ASCII_COUNTS;
  const histX = new Map<number, number>(); // astral code points only (rare)
  let touched = 0;
  let pairs = 0;
  let words = 0;
  let syl = 0;
  let fn = 0;
  let wordChars = 0;
  let asciiWordChars = 0;
  let wordFirst: WordFragment | null = null;
  let wordLast: WordFragment | null = null;
  let wordAll = false;
  // The current word run: where it started (-1: none), its ASCII vowel groups,
  // the vowel-ness of its last character, and whether it is all ASCII.
  let wordStart = -1;
  let groups = 0;
  let prevVowel = 0;
  let ascii = true;
  // Sentence automaton: per start state until the first word character, then one state.
  const preOut = IDENTITY_OUT.slice();
  const preCount = ZERO4.slice();
  let converged = false;
  let inRun = 0;
  let sentences = 0;

  let i = 0;
  while (i < n) {
    let c = s.charCodeAt(i);
    let cls: number;
    let width = 1;
    if (c < 128) {
      cls = ASCII_CLASS[c];
      if (cls === WORD) {
        // A run of ASCII word characters, in a tight loop: this is most of any text.
        if (wordStart < 0) {
          wordStart = i;
          groups = 0;
          prevVowel = 0;
          ascii = true;
        }
        const from = i;
        let g = groups;
        let pv = prevVowel;
        do {
          hist[c]++;
          const v = VOWEL[c];
          g += v & (pv ^ 1);
          pv = v;
          if (++i === n) break;
          c = s.charCodeAt(i);
        } while (c < 128 && ASCII_CLASS[c] === WORD);
        groups = g;
        prevVowel = pv;
        wordChars += i - from;
        asciiWordChars += i - from;
        converged = true;
        inRun = 0;
        continue;
      }
      hist[c]++;
    } else {
      let cp = c;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
          pairs++;
          width = 2;
        }
      }
      cls = cp > 0xffff ? astralClass(cp) : bmpClass(c);
      // A Map update per character was most of the cost on non-Latin text: count
      // BMP code points in a shared scratch array and remember which were touched.
      if (cp <= 0xffff) {
        if (BMP_COUNTS[cp]++ === 0) BMP_TOUCHED[touched++] = cp;
      } else histX.set(cp, (histX.get(cp) ?? 0) + 1);
      if (cls === WORD) {
        if (wordStart < 0) {
          wordStart = i;
          groups = 0;
        }
        prevVowel = 0;
        ascii = false;
        wordChars++;
        converged = true;
        inRun = 0;
        i += width;
        continue;
      }
    }
    if (wordStart >= 0) {
      if (wordStart === 0) wordFirst = wordFragment(s, 0, i);
      else {
        words++;
        syl += syllablesFromGroups(groups, s, wordStart, i);
        // Function words are short ASCII words; packing them only here keeps the run loop tight.
        if (ascii && i - wordStart <= MAX_FUNCTION_WORD && isFunctionWord(s, wordStart, i)) fn++;
      }
      wordStart = -1;
    }
    if (cls === CJK) {
      words++;
      syl++;
      wordChars++;
      converged = true;
      inRun = 0;
    } else if (converged) {
      if (cls === PUNCT) inRun = 1;
      else {
        if ((cls === WS && inRun === 1) || cls === CJK_STOP) sentences++;
        inRun = 0;
      }
    } else sentenceStep(preOut, preCount, cls);
    i += width;
  }
  if (wordStart === 0) {
    wordAll = true;
    wordFirst = wordFragment(s, 0, n);
  } else if (wordStart > 0) wordLast = wordFragment(s, wordStart, n);

  let histOut = EMPTY_HISTX;
  if (touched > 0 || histX.size > 0) {
    const cps: number[] = [];
    for (let t = 0; t < touched; t++) cps.push(BMP_TOUCHED[t]!);
    for (const k of histX.keys()) cps.push(k);
    cps.sort((x, y) => x - y);
    const counts = cps.map((cp) => (cp <= 0xffff ? BMP_COUNTS[cp]! : histX.get(cp)!));
    for (let t = 0; t < touched; t++) BMP_COUNTS[BMP_TOUCHED[t]!] = 0;
    histOut = { cps, counts };
  }

  return {
    len: n,
    chars: n - pairs,
    bytes: Buffer.byteLength(s, 'utf8'),
    nl,
    head,
    tail,
    lineStats: acc,
    words,
    syllables: syl,
    functionWords: fn,
    wordChars,
    asciiWordChars,
    wordAll,
    wordFirst,
    wordLast,
    sentOut: converged ? [2 | inRun, 2 | inRun, 2 | inRun, 2 | inRun] : preOut,
    sentCount: converged ? preCount.map((x) => x + sentences) : preCount,
    hist: takeAsciiCounts(),
    histX: histOut,
  };
}

/** Below this length the kernel's fixed cost (a copy, two calls, the counts read back) outweighs the loop. */
const KERNEL_MIN = 64;

/** The kernel's pass over s when s is all ASCII and long enough to be worth it. */
function kernelPass(s: string): AsciiPass | undefined {
  return s.length >= KERNEL_MIN ? asciiPass(s) : undefined;
}

/** mapText's partial from the kernel's pass over an all-ASCII s (same shape as the loop's). */
function kernelPartial(s: string, k: AsciiPass, nl: number, head: LineFragment, tail: LineFragment, acc: LineStats): AnalyzePartial {
  const n = s.length;
  const sentences = k.sentences;
  const inRun = k.inRun;
  return {
    len: n,
    chars: n,
    bytes: n,
    nl,
    head,
    tail,
    lineStats: acc,
    words: k.words,
    syllables: k.syllables,
    functionWords: k.functionWords,
    wordChars: k.wordChars,
    asciiWordChars: k.wordChars,
    wordAll: k.lastStart === 0,
    wordFirst: k.lastStart === 0 ? wordFragment(s, 0, n) : k.firstEnd >= 0 ? wordFragment(s, 0, k.firstEnd) : null,
    wordLast: k.lastStart > 0 ? wordFragment(s, k.lastStart, n) : null,
    sentOut: k.converged ? [2 | inRun, 2 | inRun, 2 | inRun, 2 | inRun] : k.preOut,
    sentCount: k.converged ? k.preCount.map((x) => x + sentences) : k.preCount,
    hist: k.hist,
    histX: EMPTY_HISTX,
  };
}

function fragmentSyllables(w: WordFragment): number {
  return w.n > WORD_FRAGMENT ? Math.ceil(w.n / 3) : syllables(w.t, 0, w.n);
}

interface WordTotals {
  words: number;
  syllables: number;
  functionWords: number;
}

function completeWord(t: WordTotals, w: WordFragment): void {
  t.words++;
  t.syllables += fragmentSyllables(w);
  if (w.n <= 6 && isFunctionWord(w.t, 0, w.n)) t.functionWords++;
}

function combinePartials(a: AnalyzePartial, b: AnalyzePartial, tags: readonly string[]): AnalyzePartial {
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
  for (let k = 0; k < 4; k++) {
    const m = a.sentOut[k];
    sentOut[k] = b.sentOut[m];
    sentCount[k] = a.sentCount[k] + b.sentCount[m];
  }

  // Histogram.
  const hist = a.hist.map((x, i) => x + b.hist[i]);
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

/**
 * The room a chunk s has for items once it follows `before`: none in a list the
 * combination already holds ITEM_CAP of, since combine() appends b's items only
 * while there is room. A heading of parity q within s lands in before's list
 * q ^ flip, flip being the parity of the fence lines up to s's first line (the
 * one the boundary completes). Undefined when every list has room.
 */
function roomAfter(before: AnalyzePartial, s: string): Room | undefined {
  if (before.nl === 0) return undefined;
  const first = s.indexOf('\n');
  if (first < 0) return undefined;
  const ls = before.lineStats;
  const m = ls.markers.length >= ITEM_CAP ? 0 : ITEM_CAP;
  let h: [number, number] = [ITEM_CAP, ITEM_CAP];
  if (ls.h[0].length >= ITEM_CAP || ls.h[1].length >= ITEM_CAP) {
    const probe = emptyLineStats(0);
    examineFragment(probe, joinFragments(before.tail, fragment(s, 0, first)), true, 0, []);
    const flip = (ls.fences + probe.fences) & 1;
    h = [ls.h[flip].length >= ITEM_CAP ? 0 : ITEM_CAP, ls.h[1 ^ flip].length >= ITEM_CAP ? 0 : ITEM_CAP];
  }
  return m === ITEM_CAP && h[0] === ITEM_CAP && h[1] === ITEM_CAP ? undefined : { h, m };
}

/** The characters a chunk owns (its overlap is context only). */
function ownText(chunk: Chunk): string {
  return chunk.overlap > 0 ? chunk.text.slice(chunk.overlap) : chunk.text;
}

/** c * log2(c) for the counts of small documents (0 for 0). */
const XLOGX_TABLE = 4096;
const XLOGX: Float64Array = (() => {
  const t = new Float64Array(XLOGX_TABLE);
  for (let c = 2; c < XLOGX_TABLE; c++) t[c] = c * Math.log2(c);
  return t;
})();

function round(x: number, digits: number): number {
  const f = 10 ** digits;
  const r = Math.round(x * f) / f;
  return r === 0 ? 0 : r;
}

/** Whether a document with these counts reads as English. */
export function isEnglish(words: number, wordChars: number, asciiWordChars: number, functionWords: number): boolean {
  return words >= 20 && asciiWordChars * 10 >= wordChars * 9 && functionWords * 100 >= words * 8;
}

function finishPartial(p: AnalyzePartial, tags: readonly string[]): AnalyzeResult {
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
  const end = p.sentOut[0];
  let sentences = p.sentCount[0] + (end === 3 ? 1 : 0);
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

interface SummaryAcc {
  documents: number;
  lines: number;
  words: number;
  characters: number;
  bytes: number;
  sentences: number;
  markers: number;
  headings: number;
  englishDocuments: number;
  fleschSum: number;
  mostWords: number;
  byTag: Map<string, number>;
}

const summaryFold = {
  start: (): SummaryAcc => ({ documents: 0, lines: 0, words: 0, characters: 0, bytes: 0, sentences: 0, markers: 0, headings: 0, englishDocuments: 0, fleschSum: 0, mostWords: -1, byTag: new Map() }),
  add(a: SummaryAcc, r: AnalyzeResult): SummaryAcc {
    a.documents++;
    a.lines += r.lines;
    a.words += r.words;
    a.characters += r.characters;
    a.bytes += r.bytes;
    a.sentences += r.sentences;
    a.markers += r.markerCount;
    a.headings += r.headingCount;
    for (const tag in r.markersByTag) a.byTag.set(tag, (a.byTag.get(tag) ?? 0) + r.markersByTag[tag]!);
    if (r.language === 'en' && r.fleschReadingEase !== undefined) {
      a.englishDocuments++;
      a.fleschSum += r.fleschReadingEase;
    }
    if (r.words > a.mostWords) a.mostWords = r.words;
    return a;
  },
  merge(a: SummaryAcc, b: SummaryAcc): SummaryAcc {
    a.documents += b.documents;
    a.lines += b.lines;
    a.words += b.words;
    a.characters += b.characters;
    a.bytes += b.bytes;
    a.sentences += b.sentences;
    a.markers += b.markers;
    a.headings += b.headings;
    for (const [tag, n] of b.byTag) a.byTag.set(tag, (a.byTag.get(tag) ?? 0) + n);
    a.englishDocuments += b.englishDocuments;
    a.fleschSum += b.fleschSum;
    if (b.mostWords > a.mostWords) a.mostWords = b.mostWords;
    return a;
  },
  end(a: SummaryAcc): AnalyzeSummary {
    const summary: AnalyzeSummary = {
      documents: a.documents,
      lines: a.lines,
      words: a.words,
      characters: a.characters,
      bytes: a.bytes,
      sentences: a.sentences,
      readingMinutes: a.words / WORDS_PER_MINUTE,
      markers: a.markers,
      markersByTag: Object.fromEntries(a.byTag),
      headings: a.headings,
      englishDocuments: a.englishDocuments,
    };
    return {
      ...summary,
      ...(a.englishDocuments > 0 ? { averageFlesch: round(a.fleschSum / a.englishDocuments, 1) } : {}),
      ...(a.documents > 0 ? { longestDocument: { words: a.mostWords } } : {}),
    };
  },
};

function summarizeResults(results: Iterable<AnalyzeResult>): AnalyzeSummary {
  let acc = summaryFold.start();
  for (const r of results) acc = summaryFold.add(acc, r);
  return summaryFold.end(acc);
}

/** Analyze's one rule: a marker tag (TODO, FIXME, ...) in the text. */
export const ANALYZE_RULES: readonly RuleInfo[] = [
  {
    id: 'marker',
    name: 'Marker',
    description: 'A marker tag (TODO, FIXME, HACK, XXX, BUG by default) in the text.',
    defaultSeverity: 'info',
    helpUri: 'https://github.com/batch-operations/batch-operations/blob/main/README.md#the-analyze-operation',
  },
];

/** Markers as findings: rule 'marker', the tag's range, the line's text as the message. */
export function markerFindings(result: AnalyzeResult): DocumentFinding[] {
  return result.markers.map((m) => ({
    rule: 'marker',
    severity: 'info',
    message: m.text.trim() || m.tag,
    range: { start: { line: m.line, column: m.column }, end: { line: m.line, column: m.column + m.tag.length } },
  }));
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

export function createAnalyze(
  settings: AnalyzeSettings | OperationSettings = {},
): Operation<AnalyzePartial, AnalyzeResult, AnalyzeSummary> {
  const tags = normaliseMarkers(settings);
  return {
    id: 'analyze',
    version: 2, // 2: no readability score for files that are not prose
    settings: { markers: tags.slice() },
    // Partials are position-free and exact under any cut (see the header).
    splittable: true,
    accepts(path: string): boolean {
      // The reader already turns binaries and invalid encodings away.
      return typeof path === 'string';
    },
    map(chunk: Chunk): AnalyzePartial {
      return mapText(ownText(chunk), tags);
    },
    mapInto(before: AnalyzePartial, chunk: Chunk): AnalyzePartial {
      const s = ownText(chunk);
      return combinePartials(before, mapText(s, tags, roomAfter(before, s)), tags);
    },
    empty(): AnalyzePartial {
      return emptyPartial(tags.length);
    },
    combine(a: AnalyzePartial, b: AnalyzePartial): AnalyzePartial {
      return combinePartials(a, b, tags);
    },
    finish(partial: AnalyzePartial): AnalyzeResult {
      return finishPartial(partial, tags);
    },
    finishDocument(partial: AnalyzePartial, doc: DocumentPlace): AnalyzeResult {
      const result = finishPartial(partial, tags);
      if (result.fleschReadingEase === undefined || isProsePath(doc.path)) return result;
      const { fleschReadingEase: _dropped, ...rest } = result;
      return rest;
    },
    fold: summaryFold,
    summarize(results: Iterable<AnalyzeResult>): AnalyzeSummary {
      return summarizeResults(results);
    },
    rules: ANALYZE_RULES,
    findings: markerFindings,
    // Findings are the markers: an empty list (the top-level key; a string's quotes are escaped) means none.
    noFindingsText: '"markers":[]',
  };
}
