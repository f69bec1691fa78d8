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
    const check = singlePathTester(text);
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
 * A tester of one path against the rules, through `ignore`'s public API only.
 * Its `test()` walks the path's parent directories first and lets an ignored
 * parent decide; git does not when a deeper .gitignore re-included that
 * parent (discovery asks only about paths whose parents were found not
 * ignored). So when the parent is ignored by these rules, the path is asked
 * again of a copy of the rules that re-includes each of its ancestors by name
 * (`!a/`, `!a/x/`): what is left is the verdict of the path's own rules. The
 * library caches every path it is asked about, so the instances are rebuilt
 * every RECYCLE_AFTER calls to keep that bounded. Undefined when the text
 * holds no rule at all (only blank lines and comments).
 */
function singlePathTester(text: string): ((path: string) => Verdict) | undefined {
  if (!hasRules(text)) return undefined;
  const rules = ignore({ ignorecase: IGNORE_CASE }).add(text);
  let current = rules;
  let calls = 0;
  // The last parent a copy was made for: discovery asks about a directory's entries together.
  let copyFor: string | undefined;
  let copy: ignore.Ignore | undefined;
  return (path) => {
    if (++calls > RECYCLE_AFTER) {
      current = ignore({ ignorecase: IGNORE_CASE }).add(rules);
      copyFor = copy = undefined;
      calls = 0;
    }
    let r = current.test(path);
    if (r.ignored) {
      const parent = parentOf(path);
      if (parent !== '' && current.test(parent).ignored) {
        if (copyFor !== parent) {
          copy = ignore({ ignorecase: IGNORE_CASE }).add(rules).add(ancestorsOf(parent).map((dir) => `!${escapeLiteral(dir)}`));
          copyFor = parent;
        }
        r = copy!.test(path);
      }
    }
    return r.ignored ? 1 : r.unignored ? -1 : 0;
  };
}

/** Whether a .gitignore's text has a line that is neither blank nor a comment. */
function hasRules(text: string): boolean {
  return text.split('\n').some((line) => line.trim() !== '' && !line.startsWith('#'));
}

/** 'a/b/c' or 'a/b/' -> 'a/'; 'a' -> ''. */
function parentOf(path: string): string {
  const end = path.endsWith('/') ? path.length - 1 : path.length;
  return path.slice(0, path.lastIndexOf('/', end - 1) + 1);
}

/** 'a/x/' -> ['a/', 'a/x/']. */
function ancestorsOf(dir: string): string[] {
  const out: string[] = [];
  for (let i = dir.indexOf('/'); i >= 0; i = dir.indexOf('/', i + 1)) out.push(dir.slice(0, i + 1));
  return out;
}

/** A path as a gitignore pattern that matches only itself: glob characters, a leading '#' or '!' and spaces escaped, anchored with '/'. */
function escapeLiteral(path: string): string {
  return '/' + path.replace(/[\\*?[\]!# ]/g, (c) => `\\${c}`);
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
