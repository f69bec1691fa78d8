// Leaving members out of a cache entry's compact JSON without parsing it: the JSON
// report copies results as bytes (json-stream.ts), and an operation may keep facts
// in its results that the report leaves out (Operation.reportOmits). JSON.parse and
// JSON.stringify per document would cost what copying the bytes saves; these few
// scanners only find where each member starts and ends.

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const COLON = 0x3a;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isSpace(c: number | undefined): boolean {
  return c === 0x20 || c === 0x0a || c === 0x09 || c === 0x0d;
}

function skipSpace(src: Uint8Array, i: number, end: number): number {
  while (i < end && isSpace(src[i])) i++;
  return i;
}

/** Just past the string that starts at src[i] (a quote). */
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
  // A number or a literal.
  let j = i + 1;
  while (j < end) {
    const d = src[j]!;
    if (d === COMMA || d === CLOSE_BRACE || d === CLOSE_BRACKET || isSpace(d)) break;
    j++;
  }
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
