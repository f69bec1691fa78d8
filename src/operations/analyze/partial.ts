// map(): the partial of one chunk, from the characters it owns and nothing of
// where the chunk lies (line numbers are relative to its start). A chunk is
// mapped in named steps: mapText cuts mostly-ASCII text around its other
// characters, mapPiece maps one piece as its line pass and its character pass
// (characters.ts, or the WebAssembly kernel for all-ASCII text).
import type { Chunk } from '../operation';
import { asciiKernelReady, asciiPass, type AsciiPass } from './ascii-pass';
import { EMPTY_HISTX, IDENTITY_OUT, ZERO4, characterPass, kernelPartial } from './characters';
import { combinePartials } from './combine';
import {
  EMPTY_FRAGMENT,
  ITEM_CAP,
  LINE_SCAN_LIMIT,
  type LineStats,
  addMarkers,
  emptyLineStats,
  examineFragment,
  examineLine,
  findTags,
  fragment,
  joinFragments,
} from './lines';
import type { AnalyzePartial, LinePass } from './types';

/**
 * The empty partial, one per tag count and frozen: every document starts from it,
 * and combine() returns the other side unchanged, so it is never copied or mutated.
 */
const emptyPartials = new Map<number, AnalyzePartial>();

export function emptyPartial(tags: number): AnalyzePartial {
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

/** Room for headings (per parity within the chunk) and markers in a chunk's lists. */
export interface Room {
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

export function mapText(s: string, tags: readonly string[], room?: Room): AnalyzePartial {
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

/** @param k the kernel's pass over s, when s is all ASCII (else the character pass does it) */
function mapPiece(s: string, tags: readonly string[], room: Room | undefined, k: AsciiPass | undefined): AnalyzePartial {
  if (s.length === 0) return emptyPartial(tags.length);
  const lines = linePass(s, tags, room, k?.lineEnds);
  return k !== undefined ? kernelPartial(s, k, lines) : characterPass(s, lines);
}

/**
 * The line pass: complete lines are examined now, the edge fragments (before the
 * first "\n", after the last) are kept for combine() and finish().
 * @param ends the line ends, when the kernel's pass listed them (all-ASCII s)
 */
function linePass(s: string, tags: readonly string[], room: Room | undefined, ends: ArrayLike<number> | undefined): LinePass {
  const n = s.length;
  const acc = emptyLineStats(tags.length);
  if (room) {
    acc.hCap = room.h;
    acc.mCap = room.m;
  }
  const first = ends ? (ends.length > 0 ? ends[0]! : -1) : s.indexOf('\n');
  if (first < 0) return { nl: 0, head: fragment(s, 0, n), tail: EMPTY_FRAGMENT, lineStats: acc };
  const last = ends ? ends[ends.length - 1]! : s.lastIndexOf('\n');
  const head = fragment(s, 0, first);
  const tail = fragment(s, last + 1, n);
  return { nl: completeLines(acc, s, first, last, ends, tags), head, tail, lineStats: acc };
}

/** Examines the lines between the first "\n" and the last into acc; returns the "\n" count. */
function completeLines(acc: LineStats, s: string, first: number, last: number, ends: ArrayLike<number> | undefined, tags: readonly string[]): number {
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
  return rel;
}

/** Below this length the kernel's fixed cost (a copy, two calls, the counts read back) outweighs the loop. */
const KERNEL_MIN = 64;

/** The kernel's pass over s when s is all ASCII and long enough to be worth it. */
function kernelPass(s: string): AsciiPass | undefined {
  return s.length >= KERNEL_MIN ? asciiPass(s) : undefined;
}

/**
 * The room a chunk s has for items once it follows `before`: none in a list the
 * combination already holds ITEM_CAP of, since combine() appends b's items only
 * while there is room. A heading of parity q within s lands in before's list
 * q ^ flip, flip being the parity of the fence lines up to s's first line (the
 * one the boundary completes). Undefined when every list has room.
 */
export function roomAfter(before: AnalyzePartial, s: string): Room | undefined {
  if (before.nl === 0) return undefined;
  const first = s.indexOf('\n');
  if (first < 0) return undefined;
  const ls = before.lineStats;
  const m = ls.markers.length >= ITEM_CAP ? 0 : ITEM_CAP;
  let h: [number, number] = [ITEM_CAP, ITEM_CAP];
  if (ls.h[0].length >= ITEM_CAP || ls.h[1].length >= ITEM_CAP) {
    const probe = emptyLineStats(0);
    examineFragment(probe, joinFragments(before.tail, fragment(s, 0, first)), true, 0, []);
    // An odd number of fence lines before the next partial flips its parities.
    const [even, odd] = (ls.fences + probe.fences) & 1 ? [ls.h[1], ls.h[0]] : ls.h;
    h = [even.length >= ITEM_CAP ? 0 : ITEM_CAP, odd.length >= ITEM_CAP ? 0 : ITEM_CAP];
  }
  return m === ITEM_CAP && h[0] === ITEM_CAP && h[1] === ITEM_CAP ? undefined : { h, m };
}

/** The characters a chunk owns (its overlap is context only). */
export function ownText(chunk: Chunk): string {
  return chunk.overlap > 0 ? chunk.text.slice(chunk.overlap) : chunk.text;
}
