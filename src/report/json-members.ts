// Scanning compact JSON bytes without parsing them, for the JSON report, which
// copies results as bytes (json-stream.ts): the structural bytes, white space,
// where a string or any value ends, and leaving an operation's members out of a
// cache entry (Operation.reportOmits). JSON.parse and JSON.stringify per document
// would cost what copying the bytes saves. Compact JSON's structural characters
// are ASCII and never part of a multi-byte UTF-8 sequence.
import { bytesAt, bytesInclude } from '../util/bytes';

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

/** A key as JSON.stringify writes it (quotes included), in UTF-8. */
const quotedKeys = new Map<string, Buffer>();
function quoted(key: string): Buffer {
  let q = quotedKeys.get(key);
  if (q === undefined) quotedKeys.set(key, (q = Buffer.from(JSON.stringify(key), 'utf8')));
  return q;
}

/**
 * Whether the member's key is `key`: its bytes against the key as JSON.stringify
 * writes it (what every result's text is), and parsed only when it holds an escape,
 * which another writer could have written differently.
 */
function keyIs(src: Uint8Array, m: Member, key: string): boolean {
  const q = quoted(key);
  let escaped = false;
  for (let i = m.keyStart + 1; i < m.keyEnd - 1; i++) {
    if (src[i] === BACKSLASH) {
      escaped = true;
      break;
    }
  }
  if (escaped) return keyText(src, m) === key;
  return m.keyEnd - m.keyStart === q.length && bytesAt(src, m.keyStart, q);
}

const BRACE_OPEN = Buffer.from('{');
const BRACE_CLOSE = Buffer.from('}');
const COMMA_BYTES = Buffer.from(',');
const COLON_BYTES = Buffer.from(':');

/** The one of `keys` that is the member's key, if any. */
function keyAmong(src: Uint8Array, m: Member, keys: Iterable<string>): string | undefined {
  for (const key of keys) if (keyIs(src, m, key)) return key;
  return undefined;
}

/** Whether src[start..end) holds `key` quoted, unescaped, anywhere: a key is never there without it. */
function mentions(src: Uint8Array, start: number, end: number, key: string): boolean {
  return bytesInclude(src, start, end, quoted(key));
}

/**
 * An entry's results (`{"operation":{…},…}`, compact JSON) with the members
 * `omit` names for each operation left out, as compact JSON; undefined when
 * there is nothing to leave out (the caller copies the bytes as they are). An
 * entry that does not name an operation of `omit` (nearly every entry of a run of
 * several operations: an operation's entry holds its results only) is told by a
 * native search for the operation's name quoted as JSON.stringify writes it (as
 * every result's text is written), not by scanning its members. Over tldr's
 * 38,000 analyze entries in a run of analyze and links: 165 ms -> 30 ms.
 */
export function withoutMembers(src: Uint8Array, start: number, end: number, omit: ReadonlyMap<string, ReadonlySet<string>>): Buffer | undefined {
  const first = skipSpace(src, start, end);
  if (src[first] !== OPEN_BRACE) return undefined;
  let named = false;
  for (const id of omit.keys()) if ((named = mentions(src, first, end, id))) break;
  if (!named) return undefined;
  const operations = membersOf(src, first, end);
  let changed = false;
  const pieces: Uint8Array[] = [BRACE_OPEN];
  const piece = (from: number, to: number) => pieces.push(src.subarray(from, to));
  operations.forEach((op, k) => {
    if (k > 0) pieces.push(COMMA_BYTES);
    piece(op.keyStart, op.keyEnd);
    pieces.push(COLON_BYTES);
    const id = keyAmong(src, op, omit.keys());
    const leave = id === undefined ? undefined : omit.get(id);
    if (!leave || src[op.valueStart] !== OPEN_BRACE) return piece(op.valueStart, op.valueEnd);
    pieces.push(BRACE_OPEN);
    let j = 0;
    for (const m of membersOf(src, op.valueStart, op.valueEnd)) {
      if (keyAmong(src, m, leave) !== undefined) continue;
      if (j++ > 0) pieces.push(COMMA_BYTES);
      piece(m.keyStart, m.valueEnd);
    }
    pieces.push(BRACE_CLOSE);
    changed = true;
  });
  pieces.push(BRACE_CLOSE);
  return changed ? Buffer.concat(pieces) : undefined;
}
