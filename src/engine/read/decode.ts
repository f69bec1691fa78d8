// Byte-level text handling for the reader: sniffing (BOM, NUL bytes, BOM-less
// UTF-16), whole-buffer decoding and incremental decoding of a stream.
//
// The success paths lean on native code (simdutf's isUtf8, Buffer#toString,
// TextDecoder). Offsets of invalid data are only computed once a decoder has
// already said no, by the small JavaScript scanners at the bottom.
import { isAscii, isUtf8 } from 'node:buffer';
import { TextDecoder } from 'node:util';
import { skip } from './document-error';
import type { TextEncodingName } from '../types';

export interface Sniffed {
  readonly encoding: TextEncodingName;
  /** Length of the byte-order mark to drop before decoding (0 if none). */
  readonly bom: number;
}

const UTF8: Sniffed = { encoding: 'utf-8', bom: 0 };
const UTF8_BOM: Sniffed = { encoding: 'utf-8', bom: 3 };
const UTF16LE: Sniffed = { encoding: 'utf-16le', bom: 0 };
const UTF16LE_BOM: Sniffed = { encoding: 'utf-16le', bom: 2 };
const UTF16BE: Sniffed = { encoding: 'utf-16be', bom: 0 };
const UTF16BE_BOM: Sniffed = { encoding: 'utf-16be', bom: 2 };

/**
 * Decides the encoding from the first bytes of a document.
 *
 * A BOM decides outright. Without one, the first `sniffBytes` bytes are looked
 * at for NUL: none means text (UTF-8, validated later) even if a NUL appears
 * further on, where it is just a control character. With NULs, the bytes are
 * taken as BOM-less UTF-16 when at least 90% of the 16-bit units are a
 * printable Latin-1 character with a zero high byte (LE: NUL at odd offsets,
 * BE: at even offsets); otherwise the document is binary.
 *
 * @param bytes the start of the document (at least min(size, sniffBytes) bytes)
 * @param length how many bytes of `bytes` are valid
 */
export function sniff(bytes: Uint8Array, length: number, sniffBytes: number): Sniffed {
  if (length >= 2) {
    const b0 = bytes[0];
    const b1 = bytes[1];
    if (b0 === 0xef && b1 === 0xbb && length >= 3 && bytes[2] === 0xbf) return UTF8_BOM;
    if (b0 === 0xff && b1 === 0xfe) return UTF16LE_BOM;
    if (b0 === 0xfe && b1 === 0xff) return UTF16BE_BOM;
  }
  const window = Math.min(length, sniffBytes);
  const nul = bytes.subarray(0, window).indexOf(0);
  if (nul < 0) return UTF8;
  const units = window >>> 1;
  if (units > 0) {
    let le = 0;
    let be = 0;
    for (let i = 0; i < units * 2; i += 2) {
      // i + 1 < units * 2 <= window <= length: in bounds.
      const a = bytes[i]!;
      const b = bytes[i + 1]!;
      if (b === 0 && printable(a)) le++;
      else if (a === 0 && printable(b)) be++;
    }
    if (le >= units * 0.9) return UTF16LE;
    if (be >= units * 0.9) return UTF16BE;
  }
  throw skip('binary', `NUL byte at offset ${nul}`);
}

/** Tab, LF, FF, CR, printable ASCII and printable Latin-1. */
function printable(c: number): boolean {
  return (c >= 0x20 && c < 0x7f) || c >= 0xa0 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

const LABEL: Record<TextEncodingName, string> = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16LE',
  'utf-16be': 'UTF-16BE',
};

function invalid(encoding: TextEncodingName, offset: number) {
  return skip('invalid-encoding', `not valid ${LABEL[encoding]} near byte ${offset}`);
}

function isDecodeError(err: unknown): boolean {
  return err instanceof TypeError;
}

// Whole-buffer decoders, reused: a non-streaming decode() leaves no state behind.
let wholeLe: TextDecoder | undefined;
let wholeBe: TextDecoder | undefined;

/**
 * Decodes `buf[start, end)` (start is just past the BOM). Throws DocumentError
 * 'invalid-encoding' with the offset of the first bad byte. The result never
 * aliases `buf`.
 */
export function decodeWhole(buf: Buffer, start: number, end: number, encoding: TextEncodingName): string {
  if (encoding === 'utf-8') {
    if (isUtf8(buf.subarray(start, end))) return buf.toString('utf8', start, end);
    throw invalid(encoding, findInvalidUtf8(buf, start, end));
  }
  const le = encoding === 'utf-16le';
  const decoder = le
    ? (wholeLe ??= new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }))
    : (wholeBe ??= new TextDecoder('utf-16be', { fatal: true, ignoreBOM: true }));
  try {
    return decoder.decode(buf.subarray(start, end));
  } catch (err) {
    if (!isDecodeError(err)) throw err;
    // Do not trust a decoder that threw mid-way to be clean.
    if (le) wholeLe = undefined;
    else wholeBe = undefined;
    throw invalid(encoding, findInvalidUtf16(buf, start, end, le));
  }
}

function latin1(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1');
}

/**
 * Incremental, validating decoder for a stream of chunks. A character split
 * across chunks (a multi-byte UTF-8 sequence, one byte of a UTF-16 unit, half
 * of a surrogate pair) is held back until its remaining bytes arrive.
 */
export class StreamDecoder {
  private readonly decoder: TextDecoder;
  /** Bytes handed to the decoder so far (the BOM excluded). */
  private consumed = 0;
  /** The last up to 3 bytes handed to the decoder: what it may still hold back. */
  private readonly tail = new Uint8Array(3);
  private tailLength = 0;

  constructor(
    readonly encoding: TextEncodingName,
    /** File offset of the first byte handed to push() (the BOM length). */
    private readonly origin: number,
  ) {
    this.decoder = new TextDecoder(encoding, { fatal: true, ignoreBOM: true });
  }

  push(chunk: Uint8Array): string {
    let text: string;
    // All ASCII with nothing held back: the text is the bytes (a copy, no decoding).
    if (this.encoding === 'utf-8' && this.pending() === 0 && isAscii(chunk)) {
      text = latin1(chunk);
      this.remember(chunk);
      this.consumed += chunk.length;
      return text;
    }
    try {
      text = this.decoder.decode(chunk, { stream: true });
    } catch (err) {
      if (!isDecodeError(err)) throw err;
      throw this.locate(chunk);
    }
    this.remember(chunk);
    this.consumed += chunk.length;
    return text;
  }

  /** Flushes; throws if the stream ended inside a character. */
  end(): string {
    try {
      return this.decoder.decode();
    } catch (err) {
      if (!isDecodeError(err)) throw err;
      throw this.locate(new Uint8Array(0));
    }
  }

  private remember(chunk: Uint8Array): void {
    const tail = this.tail;
    const n = chunk.length;
    if (n >= 3) {
      tail[0] = chunk[n - 3]!;
      tail[1] = chunk[n - 2]!;
      tail[2] = chunk[n - 1]!;
      this.tailLength = 3;
      return;
    }
    const keep = Math.min(this.tailLength, 3 - n);
    tail.copyWithin(0, this.tailLength - keep, this.tailLength);
    tail.set(chunk, keep);
    this.tailLength = keep + n;
  }

  /** How many of the bytes already consumed the decoder is still holding back. */
  private pending(): number {
    const tail = this.tail;
    const t = this.tailLength;
    if (this.encoding === 'utf-8') {
      for (let i = 1; i <= t; i++) {
        const b = tail[t - i]!;
        if ((b & 0xc0) === 0x80) continue; // continuation byte: look further back
        if (b < 0xc0) return 0;
        const need = b >= 0xf0 ? 4 : b >= 0xe0 ? 3 : 2;
        return need > i ? i : 0;
      }
      return 0;
    }
    const odd = this.consumed & 1;
    if (t < odd + 2) return odd;
    const k = t - odd - 2;
    // k + 1 < t <= 3: in bounds.
    const unit = this.encoding === 'utf-16le' ? tail[k]! | (tail[k + 1]! << 8) : (tail[k]! << 8) | tail[k + 1]!;
    return unit >= 0xd800 && unit <= 0xdbff ? odd + 2 : odd;
  }

  private locate(chunk: Uint8Array) {
    const carry = this.pending();
    const bytes = new Uint8Array(carry + chunk.length);
    bytes.set(this.tail.subarray(this.tailLength - carry, this.tailLength), 0);
    bytes.set(chunk, carry);
    const found =
      this.encoding === 'utf-8'
        ? findInvalidUtf8(bytes, 0, bytes.length)
        : findInvalidUtf16(bytes, 0, bytes.length, this.encoding === 'utf-16le');
    const at = found < 0 ? bytes.length : found;
    return invalid(this.encoding, this.origin + this.consumed - carry + at);
  }
}

/**
 * Offset of the first byte of the first ill-formed UTF-8 sequence in
 * `bytes[start, end)` (Unicode Table 3-7; a sequence cut off by `end` is
 * ill-formed), or -1.
 */
export function findInvalidUtf8(bytes: Uint8Array, start: number, end: number): number {
  let i = start;
  while (i < end) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b < 0xc2) return i;
    else if (b < 0xe0) need = 1;
    else if (b < 0xf0) {
      need = 2;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b < 0xf5) {
      need = 3;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + need >= end) return i;
    // i + need < end: the whole sequence is in bounds.
    const second = bytes[i + 1]!;
    if (second < lo || second > hi) return i;
    for (let k = 2; k <= need; k++) {
      if ((bytes[i + k]! & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/**
 * Offset of the first invalid UTF-16 unit in `bytes[start, end)` (a lone or
 * reversed surrogate, or a trailing odd byte), or -1.
 */
export function findInvalidUtf16(bytes: Uint8Array, start: number, end: number, le: boolean): number {
  // Called with i + 1 < end only.
  const unit = (i: number) => (le ? bytes[i]! | (bytes[i + 1]! << 8) : (bytes[i]! << 8) | bytes[i + 1]!);
  let i = start;
  while (i + 1 < end) {
    const u = unit(i);
    if (u >= 0xd800 && u <= 0xdbff) {
      if (i + 3 >= end) return i;
      const next = unit(i + 2);
      if (next < 0xdc00 || next > 0xdfff) return i;
      i += 4;
    } else if (u >= 0xdc00 && u <= 0xdfff) {
      return i;
    } else {
      i += 2;
    }
  }
  return i < end ? i : -1;
}
