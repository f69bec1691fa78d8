// Character classes, English syllables and function words for the analyze
// operation. Classification is by table: ASCII is precomputed, the rest of the
// BMP is filled lazily (one regex test per distinct code unit per thread),
// astral code points go through a Map cache.

/** Separates words; not white space, not sentence punctuation. */
export const OTHER = 0;
/** White space (JavaScript's \s). */
export const WS = 1;
/** Letters, digits and combining marks of any script except CJK ideographs and kana. */
export const WORD = 2;
/** A CJK ideograph or kana: a word by itself. */
export const CJK = 3;
/** . ! ? … : a run of them can end a sentence. */
export const PUNCT = 4;
/** 。！？ : each ends a sentence. */
export const CJK_STOP = 5;

const WS_RE = /^\s$/u;
const WORD_RE = /^[\p{L}\p{N}\p{M}]$/u;
const MARK_RE = /^\p{M}$/u;
const VARIATION_RE = /^\p{Variation_Selector}$/u;
const CJK_RE = /^[\p{scx=Han}\p{scx=Hiragana}\p{scx=Katakana}]$/u;

/** The class of one code point (slow: regex tests; use the cached lookups). */
export function classifyCodePoint(cp: number): number {
  if (cp === 0x2e || cp === 0x21 || cp === 0x3f || cp === 0x2026) return PUNCT;
  if (cp === 0x3002 || cp === 0xff01 || cp === 0xff1f) return CJK_STOP;
  if (cp >= 0xd800 && cp <= 0xdfff) return OTHER; // a lone surrogate
  const ch = String.fromCodePoint(cp);
  if (WS_RE.test(ch)) return WS;
  if (!WORD_RE.test(ch) || VARIATION_RE.test(ch)) return OTHER;
  return CJK_RE.test(ch) && !MARK_RE.test(ch) ? CJK : WORD;
}

/** Classes of ASCII code units. */
export const ASCII_CLASS: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 128; c++) t[c] = classifyCodePoint(c);
  return t;
})();

/** class + 1 for BMP code units, 0 while unknown. */
const bmpCache = new Uint8Array(0x10000);

/** The class of a BMP code unit (a surrogate counts as OTHER: pair them first). */
export function bmpClass(c: number): number {
  const v = bmpCache[c]!; // c < 0x10000
  if (v !== 0) return v - 1;
  const k = classifyCodePoint(c);
  bmpCache[c] = k + 1;
  return k;
}

const astralCache = new Map<number, number>();

/** The class of a code point >= 0x10000. */
export function astralClass(cp: number): number {
  let k = astralCache.get(cp);
  if (k === undefined) {
    k = classifyCodePoint(cp);
    astralCache.set(cp, k);
  }
  return k;
}

/**
 * The class of the code point at index i of s, looking only at [lo, hi): a
 * surrogate whose partner lies outside counts as a lone surrogate.
 */
export function classAt(s: string, i: number, lo: number, hi: number): number {
  const c = s.charCodeAt(i);
  if (c < 128) return ASCII_CLASS[c]!;
  if (c >= 0xd800 && c <= 0xdbff) {
    if (i + 1 < hi) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) return astralClass(((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000);
    }
    return OTHER;
  }
  if (c >= 0xdc00 && c <= 0xdfff) {
    if (i - 1 >= lo) {
      const b = s.charCodeAt(i - 1);
      if (b >= 0xd800 && b <= 0xdbff) return astralClass(((b - 0xd800) << 10) + (c - 0xdc00) + 0x10000);
    }
    return OTHER;
  }
  return bmpClass(c);
}

/** True when s[from, to) is empty or all white space. */
export function isBlankRange(s: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if ((c < 128 ? ASCII_CLASS[c] : bmpClass(c)) !== WS) return false;
  }
  return true;
}

/** Words longer than this are never needed whole: their syllables are estimated from their length. */
export const WORD_FRAGMENT = 32;

/** Syllables of the word s[from, to) by the usual English heuristic. */
export function syllables(s: string, from: number, to: number): number {
  if (to - from > WORD_FRAGMENT) return Math.ceil((to - from) / 3);
  let groups = 0;
  let prev = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    const v = c < 128 ? VOWEL[c]! : 0;
    if (v > prev) groups++;
    prev = v;
  }
  return syllablesFromGroups(groups, s, from, to);
}

/**
 * Syllables of the word s[from, to) that has `groups` groups of ASCII vowels
 * (aeiouy, either case): less a silent trailing 'e' (make, the) but not of
 * '-le' (table), nor an 'e' that shares its group with another vowel (free);
 * at least 1. Words longer than WORD_FRAGMENT: a third of their length.
 */
export function syllablesFromGroups(groups: number, s: string, from: number, to: number): number {
  const n = to - from;
  if (n > WORD_FRAGMENT) return Math.ceil(n / 3);
  if (n >= 2 && (s.charCodeAt(to - 1) | 32) === 0x65) {
    const p = s.charCodeAt(to - 2);
    if ((p | 32) !== 0x6c && !(p < 128 && VOWEL[p] === 1)) groups--;
  }
  return groups < 1 ? 1 : groups;
}

/** 1 for the ASCII vowels aeiouy in either case. */
export const VOWEL: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (const ch of 'aeiouyAEIOUY') t[ch.charCodeAt(0)] = 1;
  return t;
})();

/** 1..26 for ASCII letters in either case, 0 otherwise. */
export const LETTER: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let i = 0; i < 26; i++) {
    t[0x41 + i] = i + 1;
    t[0x61 + i] = i + 1;
  }
  return t;
})();

/** Common English function words, all of at most 6 letters. */
export const FUNCTION_WORDS: readonly string[] = [
  'the', 'of', 'and', 'to', 'a', 'in', 'is', 'it', 'you', 'that',
  'for', 'was', 'on', 'are', 'as', 'with', 'he', 'they', 'at', 'be',
  'this', 'have', 'from', 'or', 'one', 'had', 'by', 'but', 'not', 'what',
  'all', 'were', 'we', 'when', 'your', 'can', 'there', 'an', 'which', 'their',
  'if', 'do', 'will', 'each', 'about', 'how', 'up', 'out', 'them', 'she',
  'so', 'has', 'his', 'her', 'its', 'my', 'no', 'would', 'into', 'than',
];

/** Function words are at most this long. */
export const MAX_FUNCTION_WORD = 6;

/**
 * A word of at most MAX_FUNCTION_WORD ASCII letters as a number, 5 bits a
 * letter, ignoring case (code = code * 32 + LETTER[c]); -1 for anything else.
 */
function pack(s: string, from: number, to: number): number {
  if (to - from > MAX_FUNCTION_WORD) return -1;
  let code = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    const l = c < 128 ? LETTER[c]! : 0;
    if (l === 0) return -1;
    code = code * 32 + l;
  }
  return code;
}

// The packed function words in an open-addressing table (faster than a Set
// in the hot loop): 256 slots for about 60 codes, 0 marks a free slot.
const FUNCTION_SLOTS = 256;
/** The table itself; the WebAssembly kernel gets a copy (ascii-pass.ts). */
export const FUNCTION_TABLE: Int32Array = (() => {
  const t = new Int32Array(FUNCTION_SLOTS);
  for (const w of FUNCTION_WORDS) {
    const code = pack(w, 0, w.length);
    let k = Math.imul(code, 0x9e3779b1) >>> 24;
    while (t[k] !== 0 && t[k] !== code) k = (k + 1) & (FUNCTION_SLOTS - 1);
    t[k] = code;
  }
  return t;
})();

/** True for the packed code of a function word. */
export function isFunctionCode(code: number): boolean {
  let k = Math.imul(code, 0x9e3779b1) >>> 24;
  for (;;) {
    const v = FUNCTION_TABLE[k];
    if (v === code) return code > 0;
    if (v === 0) return false;
    k = (k + 1) & (FUNCTION_SLOTS - 1);
  }
}

/** True when s[from, to) is one of FUNCTION_WORDS, ignoring ASCII case. */
export function isFunctionWord(s: string, from: number, to: number): boolean {
  const code = pack(s, from, to);
  return code > 0 && isFunctionCode(code);
}

/**
 * A copy of s that does not keep a larger string alive: V8 represents slices
 * as views of their parent, and a partial that holds a 20-character slice of a
 * 1 MiB chunk would hold the whole chunk.
 */
export function detach(s: string): string {
  return s.length < 13 ? s : (' ' + s).slice(1);
}
