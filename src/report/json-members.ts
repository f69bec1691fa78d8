// Scanning compact JSON bytes without parsing them, for the JSON report, which
// copies results as bytes (json-stream.ts): the structural bytes, white space,
// where a string or any value ends, and leaving an operation's members out of a
// cache entry (Operation.reportOmits). JSON.parse and JSON.stringify per document
// would cost what copying the bytes saves. Compact JSON's structural characters
// are ASCII and never part of a multi-byte UTF-8 sequence.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const SPACE = 0x20;
const NEWLINE = 0x0a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

export function isSpace(c: number | undefined): boolean {
  return c === SPACE || c === NEWLINE || c === 0x09 || c === 0x0d;
}

/** What ends a number or a literal. */
function isDelimiter(c: number): boolean {
  return c === COMMA || c === CLOSE_BRACE || c === CLOSE_BRACKET || c === COLON || isSpace(c);
}

export function skipSpace(src: Uint8Array, i: number, end: number): number {
  while (i < end && isSpace(src[i])) i++;
  return i;
}

/** Just past the string that starts at src[i] (a quote); `end` when it is not closed. */
function skipString(src: Uint8Array, i: number, end: number): number {
  let j = i + 1;
  while (j < end) {
    const d = src[j]!;
    if (d === QUOTE) return j + 1;
    j += d === BACKSLASH ? 2 : 1;
  }
  return end;
}

/** Just past the JSON value that starts at src[i]. */
export function skipValue(src: Uint8Array, i: number, end: number): number {
  const c = src[i];
  if (c === QUOTE) return skipString(src, i, end);
  if (c === OPEN_BRACE || c === OPEN_BRACKET) {
    let depth = 0;
    let j = i;
    while (j < end) {
      const d = src[j]!;
      if (d === QUOTE) {
        j = skipString(src, j, end);
        continue;
      }
      if (d === OPEN_BRACE || d === OPEN_BRACKET) depth++;
      else if (d === CLOSE_BRACE || d === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) return j + 1;
      }
      j++;
    }
    return end;
  }
  return skipLiteral(src, i, end);
}

/** Just past the number or literal (true, false, null) that starts at src[i]: up to the next delimiter. */
function skipLiteral(src: Uint8Array, i: number, end: number): number {
  let j = i + 1;
  while (j < end && !isDelimiter(src[j]!)) j++;
  return j;
}

interface Member {
  /** The key as written (its quotes included). */
  readonly keyStart: number;
  readonly keyEnd: number;
  readonly valueStart: number;
  readonly valueEnd: number;
}

/** The members of the object src[start..end) (start at its '{'). */
function membersOf(src: Uint8Array, start: number, end: number): Member[] {
  const members: Member[] = [];
  let i = skipSpace(src, start + 1, end);
  while (i < end && src[i] === QUOTE) {
    const keyEnd = skipString(src, i, end);
    let v = skipSpace(src, keyEnd, end);
    if (src[v] === COLON) v = skipSpace(src, v + 1, end);
    const valueEnd = skipValue(src, v, end);
    members.push({ keyStart: i, keyEnd, valueStart: v, valueEnd });
    i = skipSpace(src, valueEnd, end);
    if (src[i] === COMMA) i = skipSpace(src, i + 1, end);
  }
  return members;
}

const keyText = (src: Uint8Array, m: Member): string => JSON.parse(Buffer.from(src.buffer, src.byteOffset + m.keyStart, m.keyEnd - m.keyStart).toString('utf8')) as string;

/**
 * An entry's results (`{"operation":{…},…}`, compact JSON) with the members
 * `omit` names for each operation left out, as compact JSON; undefined when
 * there is nothing to leave out (the caller copies the bytes as they are).
 */
export function withoutMembers(src: Uint8Array, start: number, end: number, omit: ReadonlyMap<string, ReadonlySet<string>>): Buffer | undefined {
  const first = skipSpace(src, start, end);
  if (src[first] !== OPEN_BRACE) return undefined;
  const operations = membersOf(src, first, end);
  let changed = false;
  const pieces: Uint8Array[] = [];
  const piece = (from: number, to: number) => pieces.push(src.subarray(from, to));
  const text = (s: string) => pieces.push(Buffer.from(s, 'utf8'));
  text('{');
  operations.forEach((op, k) => {
    if (k > 0) text(',');
    piece(op.keyStart, op.keyEnd);
    text(':');
    const leave = omit.get(keyText(src, op));
    if (!leave || src[op.valueStart] !== OPEN_BRACE) return piece(op.valueStart, op.valueEnd);
    const kept = membersOf(src, op.valueStart, op.valueEnd).filter((m) => !leave.has(keyText(src, m)));
    text('{');
    kept.forEach((m, j) => {
      if (j > 0) text(',');
      piece(m.keyStart, m.keyEnd);
      text(':');
      piece(m.valueStart, m.valueEnd);
    });
    text('}');
    changed = true;
  });
  text('}');
  return changed ? Buffer.concat(pieces) : undefined;
}
