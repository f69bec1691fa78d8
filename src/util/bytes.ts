// Byte comparisons in place, for JSON kept as bytes (the cache file's results,
// the report's copies): a Buffer view to compare with costs more than the
// comparison of the dozen bytes it is made for.

/** Whether src holds `want`'s bytes from `at` on (the caller keeps at + want.length within its range). */
export function bytesAt(src: Uint8Array, at: number, want: Uint8Array): boolean {
  for (let i = 0; i < want.length; i++) if (src[at + i] !== want[i]) return false;
  return true;
}

/** Whether src[start..end) holds `needle` anywhere (Buffer's native search, over a view of the range). */
export function bytesInclude(src: Uint8Array, start: number, end: number, needle: string | Buffer): boolean {
  return Buffer.from(src.buffer, src.byteOffset + start, end - start).includes(needle);
}
