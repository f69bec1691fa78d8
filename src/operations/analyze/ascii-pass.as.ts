// AssemblyScript, compiled to WebAssembly by scripts/build-kernel.mjs into
// ascii-pass.wasm.ts (committed; a unit test checks it matches this source).
//
// The character pass of the analyze operation (characters.ts, characterPass) over text
// that is all ASCII, one byte a character: the byte histogram, words, vowel
// groups (syllables), function words, the sentence automaton, and the offsets
// of the line ends. On this kind of text it is exactly the JavaScript loop,
// which stays the reference and does everything else (other text, what the
// lines hold, the word fragments at the edges). Here the bytes are classified
// 16 at a time (SIMD) and the work is per word, not per byte: on prose the
// pass costs about a fifth of the loop's time, with no JIT warm-up per thread.
//
// Memory (bytes): the caller fills the tables once and the text per call.
const HIST: usize = 0; //    u32[128]  counts, added to (the caller reads and zeroes them)
const CLASS: usize = 512; // u8[128]   character classes (text.ts ASCII_CLASS)
const VOWEL: usize = 640; // u8[128]   1 for aeiouy either case
const FUNC: usize = 1024; // i32[256]  packed function words, open addressing (text.ts)
const OUT: usize = 2048; //  i32[32]   results of scan()
const FUNC64: usize = 3072; // u64[128]  the function words as lower-case bytes, open addressing (init)
const HIST4: usize = 4096; // u32[4][128] scratch of histogram()
const TEXT: usize = 8192; // the text

const WS: u8 = 1;
const WORD: u8 = 2;
const PUNCT: u8 = 4;

export function textOffset(): usize {
  return TEXT;
}

export function outOffset(): usize {
  return OUT;
}

/** Where lineEnds() writes for a text of n bytes: past the text and its last block. */
export function linesOffset(n: i32): usize {
  return (TEXT + <usize>n + 64 + 7) & ~7;
}

/** Grows the memory so that n bytes of text and their line ends fit; false when it cannot. */
export function reserve(n: i32): bool {
  // The last block is read whole (its bytes past n are masked off); then up to n line ends.
  const need = (linesOffset(n) + (<usize>n << 2) + 65535) >> 16;
  const have = <usize>memory.size();
  if (need <= have) return true;
  return memory.grow(<i32>(need - have)) >= 0;
}

@inline function slot64(key: u64): usize {
  return <usize>((key * 0x9e3779b97f4a7c15) >> 57);
}

/**
 * Builds FUNC64 from FUNC (after the caller filled the tables): each word as up
 * to 8 lower-case bytes in a u64, so that a word of the text is looked up with
 * one load instead of a loop over its letters.
 */
export function init(): void {
  memory.fill(FUNC64, 0, 1024);
  for (let k: usize = 0; k < 256; k++) {
    let code = load<i32>(FUNC + (k << 2));
    if (code <= 0) continue;
    // The letters come out last first (5 bits each, 1..26 for a..z); shifting each
    // in from above leaves the first letter in the lowest byte, as a load of the text does.
    let word: u64 = 0;
    while (code > 0) {
      word = (word << 8) | <u64>(0x60 + (code & 31));
      code >>= 5;
    }
    let slot = slot64(word);
    while (load<u64>(FUNC64 + (slot << 3)) != 0) slot = (slot + 1) & 127;
    store<u64>(FUNC64 + (slot << 3), word);
  }
}

/** A function word: the n (<= 6) word bytes at p are one in FUNC64, ignoring case. */
@inline function isFunctionBytes(p: usize, n: i32): bool {
  const mask: u64 = ((<u64>1) << (<u64>n << 3)) - 1;
  // Lower case by setting bit 5: a digit stays a digit, so a word with one matches nothing.
  const word = (load<u64>(p) | 0x2020202020202020) & mask;
  let slot = slot64(word);
  while (true) {
    const v = load<u64>(FUNC64 + (slot << 3));
    if (v == word) return true;
    if (v == 0) return false;
    slot = (slot + 1) & 127;
  }
  return false;
}

// text.ts syllablesFromGroups.
@inline function syllables(groups: i32, from: usize, to: usize): i32 {
  const n = <i32>(to - from);
  if (n > 32) return (n + 2) / 3;
  if (n >= 2 && (load<u8>(to - 1) | 32) == 0x65) {
    const p = load<u8>(to - 2);
    if ((p | 32) != 0x6c && load<u8>(VOWEL + <usize>p) != 1) groups--;
  }
  return groups < 1 ? 1 : groups;
}

// 64 bytes at a time: which are word characters, vowels, white space and
// sentence punctuation, as bit masks (bit i: byte i of the block). The classes
// are text.ts's ASCII_CLASS and VOWEL (the unit tests compare every code).
let mW: u64 = 0;
let mV: u64 = 0;
let mS: u64 = 0;
let mP: u64 = 0;

@inline function classify(p: usize): void {
  mW = 0;
  mV = 0;
  mS = 0;
  mP = 0;
  for (let q: u64 = 0; q < 64; q += 16) {
    const v = v128.load(p + <usize>q);
    const lower = v128.or(v, i8x16.splat(0x20));
    const letter = v128.and(i8x16.ge_u(lower, i8x16.splat(0x61)), i8x16.le_u(lower, i8x16.splat(0x7a)));
    const digit = v128.and(i8x16.ge_u(v, i8x16.splat(0x30)), i8x16.le_u(v, i8x16.splat(0x39)));
    const vowel = v128.or(
      v128.or(v128.or(i8x16.eq(lower, i8x16.splat(0x61)), i8x16.eq(lower, i8x16.splat(0x65))), v128.or(i8x16.eq(lower, i8x16.splat(0x69)), i8x16.eq(lower, i8x16.splat(0x6f)))),
      v128.or(i8x16.eq(lower, i8x16.splat(0x75)), i8x16.eq(lower, i8x16.splat(0x79))),
    );
    const ws = v128.or(i8x16.eq(v, i8x16.splat(0x20)), v128.and(i8x16.ge_u(v, i8x16.splat(9)), i8x16.le_u(v, i8x16.splat(13))));
    const punct = v128.or(v128.or(i8x16.eq(v, i8x16.splat(0x2e)), i8x16.eq(v, i8x16.splat(0x21))), i8x16.eq(v, i8x16.splat(0x3f)));
    mW |= (<u64>i8x16.bitmask(v128.or(letter, digit))) << q;
    mV |= (<u64>i8x16.bitmask(vowel)) << q;
    mS |= (<u64>i8x16.bitmask(ws)) << q;
    mP |= (<u64>i8x16.bitmask(punct)) << q;
  }
}

/**
 * Words, syllables, function words, word characters and sentences of the n
 * ASCII bytes at TEXT, written to OUT (see the stores at the end). The word
 * touching the start and the one touching the end are not counted: their
 * offsets are returned, for the caller to keep as fragments.
 *
 * Up to the first word character the sentence automaton runs per start state,
 * byte by byte (a short prefix). From there the bytes are classified 64 at a
 * time, and the work is per word, not per byte: a word's vowel groups are the
 * vowels whose predecessor is not one, counted between its start and its end;
 * a sentence ends at white space right after . ! or ?.
 */
export function scan(n: i32): void {
  const end = TEXT + <usize>n;
  let words = 0;
  let syl = 0;
  let fn = 0;
  let wordChars = 0;
  let sentences = 0;
  let o0 = 0;
  let o1 = 1;
  let o2 = 2;
  let o3 = 3;
  let c0 = 0;
  let c1 = 0;
  let c2 = 0;
  let c3 = 0;
  let p = TEXT;
  while (p < end) {
    const cls = load<u8>(CLASS + <usize>load<u8>(p));
    if (cls == WORD) break;
    if (cls == PUNCT) {
      o0 |= 1;
      o1 |= 1;
      o2 |= 1;
      o3 |= 1;
    } else {
      if (cls == WS) {
        if (o0 == 3) c0++;
        if (o1 == 3) c1++;
        if (o2 == 3) c2++;
        if (o3 == 3) c3++;
      }
      o0 &= 2;
      o1 &= 2;
      o2 &= 2;
      o3 &= 2;
    }
    p++;
  }
  const first = <i32>(p - TEXT); // the first word character, or n
  const converged = first < n;
  let firstEnd: i32 = -1;
  let lastStart: i32 = -1;
  let inRun = 0;
  if (converged) {
    let groupsBefore = 0; // vowel groups before the current block
    let start: i32 = -1;
    let startGroups = 0;
    let prevW: u64 = 0;
    let prevV: u64 = 0;
    let prevP: u64 = 0;
    // Blocks from the one holding the first word character (nothing before it counts).
    for (let base = first & ~63; base < n; base += 64) {
      classify(TEXT + <usize>base);
      const valid: u64 = n - base >= 64 ? <u64>-1 : ((<u64>1) << <u64>(n - base)) - 1;
      const w = mW & valid;
      const starts = w & ~((w << 1) | prevW);
      const ends = ~w & ((w << 1) | prevW) & valid;
      const groupStarts = mV & valid & ~((mV << 1) | prevV);
      // Sentence ends: white space right after . ! ? (from the first word character on).
      let sent = mS & valid & ((mP << 1) | prevP);
      if (base <= first) sent &= ~(((<u64>2) << <u64>(first - base)) - 1);
      sentences += <i32>popcnt(sent);
      wordChars += <i32>popcnt(w);
      let events = starts | ends;
      while (events != 0) {
        const i = <i32>ctz(events);
        const bit = (<u64>1) << <u64>i;
        const before = groupsBefore + <i32>popcnt(groupStarts & (bit - 1));
        if (starts & bit) {
          start = base + i;
          startGroups = before;
        } else {
          const e = base + i;
          const len = e - start;
          if (start == 0) firstEnd = e;
          else {
            words++;
            syl += syllables(before - startGroups, TEXT + <usize>start, TEXT + <usize>e);
            if (len <= 6 && isFunctionBytes(TEXT + <usize>start, len)) fn++;
          }
        }
        events &= events - 1;
      }
      groupsBefore += <i32>popcnt(groupStarts);
      prevW = w >> 63;
      prevV = (mV & valid) >> 63;
      prevP = (mP & valid) >> 63;
    }
    const last = load<u8>(CLASS + <usize>load<u8>(end - 1));
    if (last == WORD) lastStart = start;
    inRun = last == PUNCT ? 1 : 0;
  }
  store<i32>(OUT, words);
  store<i32>(OUT + 4, syl);
  store<i32>(OUT + 8, fn);
  store<i32>(OUT + 12, wordChars);
  store<i32>(OUT + 16, sentences);
  store<i32>(OUT + 20, converged ? 1 : 0);
  store<i32>(OUT + 24, inRun);
  store<i32>(OUT + 28, o0);
  store<i32>(OUT + 32, o1);
  store<i32>(OUT + 36, o2);
  store<i32>(OUT + 40, o3);
  store<i32>(OUT + 44, c0);
  store<i32>(OUT + 48, c1);
  store<i32>(OUT + 52, c2);
  store<i32>(OUT + 56, c3);
  // The first word's end when a word starts at offset 0 and ends inside (else -1),
  // and the start of the word that runs to the end (else -1; 0: the text is one word).
  store<i32>(OUT + 60, firstEnd);
  store<i32>(OUT + 64, lastStart);
}

/** Writes the offsets of the n bytes' "\n" to linesOffset(n), in order; returns how many. */
export function lineEnds(n: i32): i32 {
  const out = linesOffset(n);
  let count = 0;
  for (let base = 0; base < n; base += 16) {
    let m = i8x16.bitmask(i8x16.eq(v128.load(TEXT + <usize>base), i8x16.splat(10)));
    if (n - base < 16) m &= (1 << (n - base)) - 1;
    while (m != 0) {
      store<i32>(out + (<usize>count << 2), base + ctz(m));
      count++;
      m &= m - 1;
    }
  }
  return count;
}

/**
 * Adds the byte counts of the n bytes at TEXT to HIST. Four tables, one per
 * byte of a 32-bit word, keep the increments independent of each other: one
 * table made each wait for the last when a letter repeats.
 */
export function histogram(n: i32): void {
  const end = TEXT + <usize>n;
  const end4 = TEXT + (<usize>n & ~3);
  let p = TEXT;
  while (p < end4) {
    const w = load<u32>(p);
    const a = HIST4 + ((<usize>w & 0x7f) << 2);
    const b = HIST4 + 512 + (((<usize>w >> 8) & 0x7f) << 2);
    const c = HIST4 + 1024 + (((<usize>w >> 16) & 0x7f) << 2);
    const d = HIST4 + 1536 + (((<usize>w >> 24) & 0x7f) << 2);
    store<u32>(a, load<u32>(a) + 1);
    store<u32>(b, load<u32>(b) + 1);
    store<u32>(c, load<u32>(c) + 1);
    store<u32>(d, load<u32>(d) + 1);
    p += 4;
  }
  while (p < end) {
    const a = HIST4 + (<usize>(load<u8>(p) & 0x7f) << 2);
    store<u32>(a, load<u32>(a) + 1);
    p++;
  }
  for (let k: usize = 0; k < 512; k += 4) {
    store<u32>(HIST + k, load<u32>(HIST + k) + load<u32>(HIST4 + k) + load<u32>(HIST4 + 512 + k) + load<u32>(HIST4 + 1024 + k) + load<u32>(HIST4 + 1536 + k));
    store<u32>(HIST4 + k, 0);
    store<u32>(HIST4 + 512 + k, 0);
    store<u32>(HIST4 + 1024 + k, 0);
    store<u32>(HIST4 + 1536 + k, 0);
  }
}
