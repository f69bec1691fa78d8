// The roots of a walk, planned before it starts: each resolved and stated, and a
// root inside (or equal to) another dropped so that nothing is yielded twice.
import * as path from 'node:path';
import { errorCode, type FileSystem, type StatLike } from '../read/fs';
import { withSep } from './paths';

export type RootPlan =
  | { readonly kind: 'warning'; readonly abs: string; readonly message: string }
  | { readonly kind: 'file' | 'dir'; readonly abs: string; readonly real: string; readonly index: number };

/** Resolves the roots; containment is judged on real paths. */
export function planRoots(roots: readonly string[], fs: FileSystem): RootPlan[] {
  const plans: RootPlan[] = [];
  roots.forEach((given, index) => {
    const abs = path.resolve(given);
    let st: StatLike;
    let real: string;
    try {
      st = fs.stat(abs);
      real = fs.realpath(abs);
    } catch (err) {
      const code = errorCode(err);
      const message =
        code === 'ENOENT' || code === 'ENOTDIR'
          ? 'root does not exist'
          : code === 'ELOOP'
            ? 'root is a symbolic link loop'
            : `cannot read root (${code ?? String(err)})`;
      plans.push({ kind: 'warning', abs, message });
      return;
    }
    if (st.isDirectory()) {
      plans.push({ kind: 'dir', abs, real, index });
    } else if (st.isFile()) {
      plans.push({ kind: 'file', abs, real, index });
    } else {
      plans.push({ kind: 'warning', abs, message: 'root is not a directory or a regular file' });
    }
  });
  return plans.filter((p) => {
    if (p.kind === 'warning') return true;
    return !plans.some(
      (q) =>
        q !== p &&
        q.kind !== 'warning' &&
        ((q.real === p.real && q.index < p.index) ||
          (q.kind === 'dir' && p.real.startsWith(withSep(q.real)) && p.real !== q.real)),
    );
  });
}
