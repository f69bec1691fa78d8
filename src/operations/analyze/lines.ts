// Line-level bookkeeping of the analyze operation: lengths, blank lines,
// Markdown headings, code fences and markers. A partial knows its complete
// lines (those between its first and its last "\n") and keeps the two line
// fragments at its edges, bounded to LINE_SCAN_LIMIT characters; a fragment
// is examined once combine() or finish() has closed its line.
import * as text from './text';

// Module-local copies (see characters.ts).
const { CJK, WORD, classAt, detach, isBlankRange, ASCII_CLASS, WS } = text;

/** Headings and markers are looked for in the first this many characters of a line. */
export const LINE_SCAN_LIMIT = 10_000;
/** How many headings and markers a document keeps (its first ones); counts stay exact. */
export const ITEM_CAP = 1_000;
/** Heading and marker texts are cut to this length. */
export const TEXT_CAP = 200;

export interface Heading {
  readonly level: number;
  readonly text: string;
  readonly line: number;
}

export interface Marker {
  readonly tag: string;
  readonly line: number;
  readonly column: number;
  readonly text: string;
}

/** A piece of one line: its length, whether it ends in "\r", whether it is all white space, its first characters. */
export interface LineFragment {
  readonly n: number;
  readonly cr: boolean;
  readonly blank: boolean;
  /** The first min(n, LINE_SCAN_LIMIT) characters. */
  readonly pre: string;
}

export const EMPTY_FRAGMENT: LineFragment = { n: 0, cr: false, blank: true, pre: '' };

/**
 * What a partial knows of its complete lines. Line numbers are 0-based and
 * relative to the partial's first line; headings are filed by the parity of
 * the fence lines before them within the partial (h[0]: even, h[1]: odd),
 * since whether the partial starts inside a fence is not known yet.
 */
export interface LineStats {
  blank: number;
  /** The first longest complete line: its relative number (-1: none) and length. */
  longLine: number;
  longLen: number;
  fences: number;
  h: [Heading[], Heading[]];
  hc: [number, number];
  markers: Marker[];
  markerCount: number;
  /** Per configured tag, in settings order. */
  tagCounts: number[];
  /**
   * How many headings (per parity) and markers these lists may hold: ITEM_CAP,
   * or 0 while mapping a chunk whose items could no longer make the document's
   * first ITEM_CAP (analyze's mapInto); counts stay exact either way.
   */
  hCap: [number, number];
  mCap: number;
}

export function emptyLineStats(tags: number): LineStats {
  return {
    blank: 0,
    longLine: -1,
    longLen: -1,
    fences: 0,
    h: [[], []],
    hc: [0, 0],
    markers: [],
    markerCount: 0,
    tagCounts: new Array<number>(tags).fill(0),
    hCap: [ITEM_CAP, ITEM_CAP],
    mCap: ITEM_CAP,
  };
}

/** A copy whose arrays can be appended to without touching the original. */
export function copyLineStats(s: LineStats): LineStats {
  return {
    blank: s.blank,
    longLine: s.longLine,
    longLen: s.longLen,
    fences: s.fences,
    h: [s.h[0].slice(), s.h[1].slice()],
    hc: [s.hc[0], s.hc[1]],
    markers: s.markers.slice(),
    markerCount: s.markerCount,
    tagCounts: s.tagCounts.slice(),
    hCap: [s.hCap[0], s.hCap[1]],
    mCap: s.mCap,
  };
}

export function fragment(s: string, from: number, to: number): LineFragment {
  if (from >= to) return EMPTY_FRAGMENT;
  return {
    n: to - from,
    cr: s.charCodeAt(to - 1) === 13,
    blank: isBlankRange(s, from, to),
    pre: detach(s.slice(from, Math.min(to, from + LINE_SCAN_LIMIT))),
  };
}

export function joinFragments(a: LineFragment, b: LineFragment): LineFragment {
  if (a.n === 0) return b;
  if (b.n === 0) return a;
  return {
    n: a.n + b.n,
    cr: b.cr,
    blank: a.blank && b.blank,
    pre: a.n >= LINE_SCAN_LIMIT ? a.pre : (a.pre + b.pre).slice(0, LINE_SCAN_LIMIT),
  };
}

/**
 * Positions of the tags' occurrences in s[from, to), sorted by position then
 * tag order, each encoded as position * tags.length + tag index.
 */
export function findTags(s: string, from: number, to: number, tags: readonly string[]): number[] {
  const hits: number[] = [];
  let lists = 0;
  const t = tags.length;
  for (const [k, tag] of tags.entries()) {
    const before = hits.length;
    for (let p = s.indexOf(tag, from); p >= 0 && p + tag.length <= to; p = s.indexOf(tag, p + 1)) hits.push(p * t + k);
    if (hits.length > before) lists++;
  }
  // Each tag's hits are in order already: only hits of two or more tags need sorting
  // (a sort with a comparator cost more than the scans on a page full of one tag).
  if (lists > 1) hits.sort((x, y) => x - y);
  return hits;
}

function isWordish(s: string, i: number, lo: number, hi: number): boolean {
  if (s.charCodeAt(i) === 95) return true;
  const k = classAt(s, i, lo, hi);
  return k === WORD || k === CJK;
}

/**
 * Records the markers among hits[cursor..] that start before lineEnd, for the
 * line whose scanned content is s[ls, se); returns the new cursor.
 */
export function addMarkers(
  acc: LineStats,
  s: string,
  ls: number,
  se: number,
  lineEnd: number,
  rel: number,
  tags: readonly string[],
  hits: readonly number[],
  cursor: number,
): number {
  const t = tags.length;
  let text: string | undefined;
  while (cursor < hits.length) {
    // In bounds by the loop condition; k = h % t is a tag's index (see findTags).
    const h = hits[cursor]!;
    const k = h % t;
    const tag = tags[k]!;
    const pos = (h - k) / t;
    if (pos >= lineEnd) break;
    cursor++;
    const end = pos + tag.length;
    if (end > se) continue;
    if (pos > ls && isWordish(s, pos - 1, ls, se)) continue;
    if (end < se && isWordish(s, end, ls, se)) continue;
    acc.markerCount++;
    acc.tagCounts[k]!++; // one count per tag
    if (acc.markers.length < acc.mCap) {
      text ??= detach(s.slice(ls, se).trim().slice(0, TEXT_CAP));
      acc.markers.push({ tag, line: rel, column: pos - ls + 1, text });
    }
  }
  return cursor;
}

/** Heading or fence, from a line's scanned content s[ls, se) that is not blank. */
function structure(acc: LineStats, s: string, ls: number, se: number, rel: number): void {
  let j = ls;
  while (j < se && j - ls < 3 && s.charCodeAt(j) === 32) j++;
  if (j >= se) return;
  const c = s.charCodeAt(j);
  if (c === 35) {
    let k = j;
    while (k < se && k - j < 7 && s.charCodeAt(k) === 35) k++;
    const level = k - j;
    if (level > 6) return;
    if (k < se) {
      const d = s.charCodeAt(k);
      if (d !== 32 && d !== 9) return;
    }
    const parity = acc.fences & 1 ? 1 : 0;
    acc.hc[parity]++;
    if (acc.h[parity].length < acc.hCap[parity]) acc.h[parity].push({ level, text: headingText(s.slice(k, se)), line: rel });
  } else if (c === 96 || c === 126) {
    if (j + 2 < se && s.charCodeAt(j + 1) === c && s.charCodeAt(j + 2) === c) acc.fences++;
  }
}

/** The text of an ATX heading: trimmed, without a closing sequence of #s. */
function headingText(raw: string): string {
  let t = raw.trim();
  let e = t.length;
  while (e > 0 && t.charCodeAt(e - 1) === 35) e--;
  if (e === 0) t = '';
  else if (e < t.length && (t.charCodeAt(e - 1) === 32 || t.charCodeAt(e - 1) === 9)) t = t.slice(0, e).trim();
  return detach(t.slice(0, TEXT_CAP));
}

/**
 * A complete line: s[ls, ce) is its content (without the separator).
 * Markers are left to the caller.
 */
export function examineLine(acc: LineStats, s: string, ls: number, ce: number, rel: number): void {
  const len = ce - ls;
  if (len > acc.longLen) {
    acc.longLen = len;
    acc.longLine = rel;
  }
  const c = ls < ce ? s.charCodeAt(ls) : 32;
  // Most lines start with a character that is neither white space nor structure.
  if (c < 128 && ASCII_CLASS[c] !== WS) {
    if (c === 35 || c === 96 || c === 126) structure(acc, s, ls, len > LINE_SCAN_LIMIT ? ls + LINE_SCAN_LIMIT : ce, rel);
    return;
  }
  if (isBlankRange(s, ls, ce)) {
    acc.blank++;
    return;
  }
  if (c === 32) structure(acc, s, ls, len > LINE_SCAN_LIMIT ? ls + LINE_SCAN_LIMIT : ce, rel);
}

/** A line known by its fragment: closed (a "\n" follows) or the document's last line. */
export function examineFragment(
  acc: LineStats,
  f: LineFragment,
  closed: boolean,
  rel: number,
  tags: readonly string[],
): void {
  const len = closed && f.cr ? f.n - 1 : f.n;
  if (len > acc.longLen) {
    acc.longLen = len;
    acc.longLine = rel;
  }
  if (f.blank) {
    acc.blank++;
    return;
  }
  const se = Math.min(len, LINE_SCAN_LIMIT);
  const c = f.pre.charCodeAt(0);
  if (c === 32 || c === 35 || c === 96 || c === 126) structure(acc, f.pre, 0, se, rel);
  if (tags.length > 0) {
    const hits = findTags(f.pre, 0, se, tags);
    if (hits.length > 0) addMarkers(acc, f.pre, 0, se, se, rel, tags, hits, 0);
  }
}

/** Appends b's complete lines, which start `shift` lines and `fences` fence lines after acc's start. */
export function appendLineStats(acc: LineStats, b: LineStats, shift: number, fences: number): void {
  if (b.longLen > acc.longLen) {
    acc.longLen = b.longLen;
    acc.longLine = b.longLine + shift;
  }
  acc.blank += b.blank;
  acc.fences += b.fences;
  // An odd number of fence lines before b's start flips the parity of b's headings.
  const flip = (fences & 1) === 1;
  appendHeadings(acc, flip ? 1 : 0, b.h[0], b.hc[0], shift);
  appendHeadings(acc, flip ? 0 : 1, b.h[1], b.hc[1], shift);
  acc.markerCount += b.markerCount;
  for (const [k, n] of b.tagCounts.entries()) acc.tagCounts[k] = (acc.tagCounts[k] ?? 0) + n;
  for (const m of b.markers) {
    if (acc.markers.length >= ITEM_CAP) break;
    acc.markers.push(shift === 0 ? m : { tag: m.tag, line: m.line + shift, column: m.column, text: m.text });
  }
}

function appendHeadings(acc: LineStats, parity: 0 | 1, headings: readonly Heading[], count: number, shift: number): void {
  const into = acc.h[parity];
  acc.hc[parity] += count;
  for (const e of headings) {
    if (into.length >= ITEM_CAP) break;
    into.push(shift === 0 ? e : { level: e.level, text: e.text, line: e.line + shift });
  }
}
