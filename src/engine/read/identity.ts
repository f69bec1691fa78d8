// Identity checks (size and mtime) for many paths at once, on an executor thread.
//
// A warm run over unchanged files is a stat per file and nothing else. Done on
// the engine's thread those stats were its floor (38k stats, about 200 ms, one
// core); sent to the workers as one string of paths and answered with one
// Float64Array, they run on every core while the engine's thread walks on, and a
// message costs a copy of the string and a transfer, not an object per file.
import type { FileSystem } from './fs';
import { UNSTATED } from '../types';

/** Joins paths for one message (NUL cannot occur in a path). */
export function joinPaths(paths: readonly string[]): string {
  return paths.join('\0');
}

export function splitPaths(joined: string): string[] {
  return joined === '' ? [] : joined.split('\0');
}

/**
 * [size, mtimeMs] per path, in order. A path that cannot be statted or is not a
 * regular file gets UNSTATED for both: whoever reads it meets the same condition
 * and reports it with its reason.
 */
export function statPaths(paths: readonly string[], fs: FileSystem): Float64Array {
  const out = new Float64Array(paths.length * 2);
  for (let i = 0; i < paths.length; i++) {
    let size = UNSTATED;
    let mtimeMs = UNSTATED;
    try {
      const st = fs.stat(paths[i]!);
      if (st.isFile()) {
        size = st.size;
        mtimeMs = st.mtimeMs;
      }
    } catch {
      // Reported by the read that follows.
    }
    out[2 * i] = size;
    out[2 * i + 1] = mtimeMs;
  }
  return out;
}
