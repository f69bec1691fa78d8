// Byte comparisons in place, for JSON kept as bytes (the cache file's results,
// the report's copies): a Buffer view to compare with costs more than the
// comparison of the dozen bytes it is made for.

/** Whether src holds `want`'s bytes from `at` on (the caller keeps at + want.length within its range). */
export function bytesAt(src: Uint8Array, at: number, want: Uint8Array): boolean {
  for (let i = 0; i < want.length; i++) if (src[at + i] !== want[i]) return false;
  return true;
}
