// Generated and minified files: a line longer than maxLineLength, or a run of
// maxRunLength characters without white space, says "machine-made" (bundles,
// minified scripts, base64 blobs). Detected while the text streams by, so a
// 5 MB one-line file is given up on after its first few kilobytes.
import { SETTINGS } from '../../settings/table';

export interface GeneratedOptions {
  /** A line longer than this (UTF-16 units) marks the file generated; 0 turns the check off. */
  maxLineLength: number;
  /** A run longer than this without white space marks the file generated; 0 turns the check off. */
  maxRunLength: number;
}

export const DEFAULT_GENERATED: GeneratedOptions = {
  maxLineLength: SETTINGS['generated.maxLineLength'].default,
  maxRunLength: SETTINGS['generated.maxRunLength'].default,
};

/** The defaults, overridden by whatever the caller set (undefined leaves a default). */
export function generatedOptions(given: Partial<GeneratedOptions> | undefined): GeneratedOptions {
  return {
    maxLineLength: given?.maxLineLength ?? DEFAULT_GENERATED.maxLineLength,
    maxRunLength: given?.maxRunLength ?? DEFAULT_GENERATED.maxRunLength,
  };
}

/** Which limit a text crossed first, and on which line (1-based, from where the detector started). */
export interface GeneratedVerdict {
  readonly kind: 'line' | 'run';
  readonly line: number;
  readonly limit: number;
}

/** The user-facing reason; `linesBefore` lines preceded the text the detector saw. */
export function describeGenerated(v: GeneratedVerdict, linesBefore = 0): string {
  const line = v.line + linesBefore;
  const limit = v.limit.toLocaleString('en-US');
  return v.kind === 'line'
    ? `line ${line} is longer than ${limit} characters (generated or minified)`
    : `line ${line} has more than ${limit} characters without a space (generated or minified)`;
}

export class GeneratedDetector {
  private line = 0;
  private lineNo = 1;
  private run = 0;

  constructor(private readonly options: GeneratedOptions) {}

  /** "\n" characters seen so far. */
  get newlines(): number {
    return this.lineNo - 1;
  }

  /** Returns why the text is generated, or undefined while it looks written by hand. */
  feed(piece: string): string | undefined {
    const verdict = this.check(piece);
    return verdict && describeGenerated(verdict);
  }

  /** feed(), with the verdict as data. */
  check(piece: string): GeneratedVerdict | undefined {
    const { maxLineLength, maxRunLength } = this.options;
    let start = 0;
    for (;;) {
      const nl = piece.indexOf('\n', start);
      const end = nl < 0 ? piece.length : nl;
      const segment = end - start;
      // The verdict names whichever limit the text crosses first, so it does not
      // depend on where the pieces were cut: runs are looked at only up to the
      // character that makes the line too long.
      const lineCross = maxLineLength > 0 && this.line + segment > maxLineLength ? start + (maxLineLength - this.line) : -1;
      const scanEnd = lineCross >= 0 ? lineCross + 1 : end;
      // Only a long segment can hold a long run: normal lines cost one indexOf.
      if (maxRunLength > 0 && this.run + (scanEnd - start) > maxRunLength) {
        if (this.scanRuns(piece, start, scanEnd)) return { kind: 'run', line: this.lineNo, limit: maxRunLength };
      } else if (nl < 0 && scanEnd > start) {
        // Only a line the piece leaves open carries its run into the next piece (a newline resets it).
        const ws = lastBreak(piece, start, scanEnd);
        this.run = ws < 0 ? this.run + (scanEnd - start) : scanEnd - 1 - ws;
      }
      if (lineCross >= 0) return { kind: 'line', line: this.lineNo, limit: maxLineLength };
      this.line += segment;
      if (nl < 0) return undefined;
      this.line = 0;
      this.run = 0;
      this.lineNo++;
      start = nl + 1;
    }
  }

  /** True when s[from, to) completes a run longer than maxRunLength. */
  private scanRuns(s: string, from: number, to: number): boolean {
    const max = this.options.maxRunLength;
    let run = this.run;
    for (let i = from; i < to; i++) {
      const c = s.charCodeAt(i);
      if (isBreak(c)) run = 0;
      else if (++run > max) return true;
    }
    this.run = run;
    return false;
  }
}

function lastBreak(s: string, from: number, to: number): number {
  for (let i = to - 1; i >= from; i--) if (isBreak(s.charCodeAt(i))) return i;
  return -1;
}

/**
 * White space, and the scripts written without spaces between words (CJK, Thai,
 * Lao, Myanmar, Khmer), where every character may end a word: a long Chinese or
 * Thai paragraph is prose, not a minified file.
 */
function isBreak(c: number): boolean {
  if (c < 0x80) return c === 32 || c === 9 || c === 13 || c === 12 || c === 11;
  return (
    c === 0xa0 ||
    (c >= 0x0e00 && c <= 0x0eff) ||
    (c >= 0x1000 && c <= 0x109f) ||
    (c >= 0x1780 && c <= 0x17ff) ||
    (c >= 0x2e80 && c <= 0x9fff) ||
    (c >= 0xf900 && c <= 0xfaff) ||
    (c >= 0xff00 && c <= 0xffef)
  );
}
