// The .gitignore stack used by discovery.
//
// Git decides whether a path is ignored by looking at the .gitignore files from
// the path's own directory upwards: the deepest file with a rule matching the
// path itself (the last such rule in that file) decides, a negation included.
// Parent directories are not re-checked here: discovery prunes an ignored
// directory before it reads it, so everything it asks about has parents that
// were already found not ignored -- which is also why a negation cannot
// re-include a file inside an ignored directory.
import ignore from 'ignore';
import type { FileSystem } from '../read/fs';

/** 1: ignored by a rule; -1: re-included by a negation; 0: no rule of this file matches. */
export type Verdict = 1 | -1 | 0;

interface RuleSet {
  test(path: string, mode: string): { ignored: boolean; unignored: boolean };
}

/** Git is case-sensitive where the file system is (core.ignorecase). */
const IGNORE_CASE = process.platform === 'win32' || process.platform === 'darwin';

/** How many public `test()` calls before the fallback drops the library's per-path cache. */
const RECYCLE_AFTER = 4096;

/** The rules of one .gitignore, applying to its directory's subtree. */
export class IgnoreLevel {
  /** Length of the root-relative prefix of the .gitignore's directory ('' or 'a/b/'). */
  readonly prefixLength: number;
  private readonly check: (path: string) => Verdict;

  private constructor(prefixLength: number, check: (path: string) => Verdict) {
    this.prefixLength = prefixLength;
    this.check = check;
  }

  /**
   * Compiles a .gitignore's text; undefined when it holds no rules.
   * @param dirRel the root-relative directory of the file, '' or ending in '/'
   */
  static parse(dirRel: string, text: string): IgnoreLevel | undefined {
    const ig = ignore({ ignorecase: IGNORE_CASE }).add(text);
    const check = singlePathTester(ig);
    return check ? new IgnoreLevel(dirRel.length, check) : undefined;
  }

  /** @param rel the root-relative path; for a directory, ending in '/' */
  test(rel: string): Verdict {
    return this.check(this.prefixLength === 0 ? rel : rel.slice(this.prefixLength));
  }
}

/**
 * Whether `rel` (root-relative; a directory ends in '/') is ignored by the
 * stack, deepest .gitignore first.
 */
export function isIgnored(levels: readonly IgnoreLevel[], rel: string): boolean {
  for (let i = levels.length - 1; i >= 0; i--) {
    const verdict = levels[i]!.test(rel);
    if (verdict !== 0) {
      return verdict === 1;
    }
  }
  return false;
}

/**
 * A tester of one path against the rules, without the library's walk over the
 * parent directories and without its per-path cache (which grows with every
 * path asked about: a million-file walk would keep a million entries).
 * `ignore` does this in its rule manager; when that is not there (another
 * version), fall back to the public `test()` and recycle the instance so its
 * cache stays bounded. Undefined when there are no rules at all.
 */
function singlePathTester(ig: ignore.Ignore): ((path: string) => Verdict) | undefined {
  const internal = (ig as unknown as { _rules?: RuleSet & { _rules?: unknown[] } })._rules;
  if (internal && Array.isArray(internal._rules) && internal._rules.length === 0) {
    return undefined;
  }
  if (internal && typeof internal.test === 'function') {
    try {
      const probe = internal.test('probe', 'regex');
      if (typeof probe?.ignored === 'boolean' && typeof probe.unignored === 'boolean') {
        return (path) => {
          const r = internal.test(path, 'regex');
          return r.ignored ? 1 : r.unignored ? -1 : 0;
        };
      }
    } catch {
      // fall through to the public API
    }
  }
  let current = ig;
  let calls = 0;
  return (path) => {
    if (++calls > RECYCLE_AFTER) {
      current = ignore({ ignorecase: IGNORE_CASE }).add(current);
      calls = 0;
    }
    const r = current.test(path);
    return r.ignored ? 1 : r.unignored ? -1 : 0;
  };
}

/** Reads a small text file through the seam (open / read / close). */
export function readTextFile(fs: FileSystem, path: string, maxBytes = 4 * 1024 * 1024): string {
  const fd = fs.open(path);
  try {
    const chunks: Uint8Array[] = [];
    let total = 0;
    for (;;) {
      const chunk = new Uint8Array(Math.min(64 * 1024, Math.max(1, maxBytes - total)));
      const n = fs.read(fd, chunk, 0, chunk.length, null);
      if (n <= 0) {
        break;
      }
      chunks.push(n === chunk.length ? chunk : chunk.subarray(0, n));
      total += n;
      if (total >= maxBytes) {
        break;
      }
    }
    return Buffer.concat(chunks, total).toString('utf8');
  } finally {
    fs.close(fd);
  }
}
