// The character pass: one scan of a chunk's text for its code point histogram,
// its words (with their syllables and function words) and its sentence ends, by
// the loop below, or the same figures from the WebAssembly kernel's pass over
// all-ASCII text. The loop stays one function: it is most of analyze's time, and
// its state lives in locals (a helper per word or per character cost more than
// the scan).
import type { AsciiPass } from './ascii-pass';
import * as text from './text';
import type { AnalyzePartial, HistX, LinePass, WordFragment } from './types';
import { wordFragment } from './words';

// Module-local copies: a CommonJS build (tsx, tests) turns each use of an
// imported binding into a getter call, which costs more than the hot loop.
const {
  ASCII_CLASS,
  CJK,
  CJK_STOP,
  PUNCT,
  WORD,
  WS,
  VOWEL,
  MAX_FUNCTION_WORD,
  astralClass,
  bmpClass,
  isFunctionWord,
  syllablesFromGroups,
} = text;

/** The sentence automaton of nothing: every start state maps to itself, no sentence counted. */
export const IDENTITY_OUT: readonly number[] = [0, 1, 2, 3];
export const ZERO4: readonly number[] = [0, 0, 0, 0];
export const EMPTY_HISTX: HistX = { cps: [], counts: [] };

/** One step of the sentence automaton for a character that is not a word character. */
function sentenceStep(out: number[], count: number[], cls: number): void {
  for (let k = 0; k < 4; k++) {
    // out and count hold the 4 start states.
    const st = out[k]!;
    if (cls === PUNCT) out[k] = st | 1;
    else {
      if ((cls === WS && st === 3) || cls === CJK_STOP) count[k]!++;
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

/**
 * The partial of a non-empty s whose lines the line pass has examined: a pass
 * over its characters for the histogram, the words and the sentence automaton.
 */
export function characterPass(s: string, lines: LinePass): AnalyzePartial {
  const n = s.length;
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
      // c < 128: in bounds of the ASCII tables and histogram.
      cls = ASCII_CLASS[c]!;
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
          hist[c]!++;
          const v = VOWEL[c]!;
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
      hist[c]!++;
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
        if (BMP_COUNTS[cp]!++ === 0) BMP_TOUCHED[touched++] = cp;
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

  return {
    len: n,
    chars: n - pairs,
    bytes: Buffer.byteLength(s, 'utf8'),
    nl: lines.nl,
    head: lines.head,
    tail: lines.tail,
    lineStats: lines.lineStats,
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
    histX: takeNonAsciiCounts(touched, histX),
  };
}

/**
 * The non-ASCII histogram, sorted by code point: the `touched` BMP code points of
 * the scratch counts (zeroed again on the way) and the astral ones of histX.
 */
function takeNonAsciiCounts(touched: number, histX: ReadonlyMap<number, number>): HistX {
  if (touched === 0 && histX.size === 0) return EMPTY_HISTX;
  // The BMP code points sorted where they are, by the typed array's own numeric
  // sort (no call per comparison: a comparator was a twelfth of analyze over
  // tldr's translations); the astral ones, all greater, after them.
  const bmp = BMP_TOUCHED.subarray(0, touched).sort();
  const n = touched + histX.size;
  const cps = new Array<number>(n);
  const counts = new Array<number>(n);
  for (let t = 0; t < touched; t++) {
    const cp = bmp[t]!;
    cps[t] = cp;
    counts[t] = BMP_COUNTS[cp]!;
    BMP_COUNTS[cp] = 0;
  }
  if (histX.size > 0) {
    const astral = [...histX.keys()].sort((x, y) => x - y);
    for (let k = 0; k < astral.length; k++) {
      cps[touched + k] = astral[k]!;
      counts[touched + k] = histX.get(astral[k]!)!;
    }
  }
  return { cps, counts };
}

/** The same partial from the kernel's pass over an all-ASCII s (same shape as the loop's). */
export function kernelPartial(s: string, k: AsciiPass, lines: LinePass): AnalyzePartial {
  const n = s.length;
  const sentences = k.sentences;
  const inRun = k.inRun;
  return {
    len: n,
    chars: n,
    bytes: n,
    nl: lines.nl,
    head: lines.head,
    tail: lines.tail,
    lineStats: lines.lineStats,
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
