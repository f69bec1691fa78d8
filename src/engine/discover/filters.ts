// The include and exclude globs, set up once per walk and tested per entry on
// root-relative POSIX paths. Most excludes (the defaults, VS Code's files.exclude
// and search.exclude) name an entry or an extension anywhere: those become a set
// lookup or a suffix test per entry instead of a regular expression each.
// (.gitignore files are ignore-rules.ts.)
import picomatch from 'picomatch';
import { DEFAULT_EXCLUDES } from '../types';
import { DEFAULT_INCLUDES } from './options';

/** '**\/name/**' with a plain name: matches any path with a segment equal to name. */
const SEGMENT_GLOB = /^\*\*\/([^*?[\]{}()!+@/\\]+)\/\*\*$/;
/**
 * '**\/name': matches an entry called name anywhere. As every directory is tested
 * (and pruned) before its contents, that excludes the same files as '**\/name/**'.
 */
const NAME_GLOB = /^\*\*\/([^*?[\]{}()!+@/\\]+)$/;
/** '**\/*.ext': an entry whose name ends in '.ext' anywhere ('*' also matches an empty or dotted start here: dot is on). */
const EXTENSION_GLOB = /^\*\*\/\*(\.[^*?[\]{}()!+@/\\]+)$/;

function compile(globs: readonly string[]): RegExp[] {
  return globs.map((g) => picomatch.makeRe(g, { dot: true }));
}

export class PathFilter {
  private readonly includeAll: boolean;
  private readonly include: readonly RegExp[];
  private readonly exclude: readonly RegExp[];
  /** Names excluded wherever they appear, from globs of the form '**\/name/**'. */
  private readonly excludeNames: ReadonlySet<string>;
  /** Name endings excluded wherever they appear, from globs of the form '**\/*.ext' (kept with the dot). */
  private readonly excludeSuffixes: readonly string[];
  private readonly anyExclude: boolean;

  /** @param include empty or undefined: DEFAULT_INCLUDES; @param exclude undefined: DEFAULT_EXCLUDES */
  constructor(include: readonly string[] | undefined, excludeGiven: readonly string[] | undefined) {
    const exclude = excludeGiven ?? DEFAULT_EXCLUDES;
    const inc = include && include.length > 0 ? include : DEFAULT_INCLUDES;
    this.includeAll = inc.some((g) => g === '**/*' || g === '**');
    this.include = this.includeAll ? [] : compile(inc);
    const names = new Set<string>();
    const suffixes: string[] = [];
    const rest: string[] = [];
    // 'G/**' beside 'G' (as the editor passes files.exclude) adds nothing: whatever it
    // matches is G or lies below something that matched G, which is pruned before it is read.
    const given = new Set(exclude);
    for (const g of given) {
      if (g.endsWith('/**') && given.has(g.slice(0, -3))) continue;
      const name = SEGMENT_GLOB.exec(g) ?? NAME_GLOB.exec(g);
      const ext = EXTENSION_GLOB.exec(g);
      if (name) names.add(name[1]!);
      else if (ext) suffixes.push(ext[1]!);
      else rest.push(g);
    }
    this.excludeNames = names;
    this.excludeSuffixes = suffixes;
    this.exclude = compile(rest);
    this.anyExclude = exclude.length > 0;
  }

  /**
   * Every ancestor of `rel` was itself an entry that passed this test, so a
   * '**\/name/**' glob can only still match the last segment: `name`.
   */
  excluded(rel: string, name: string): boolean {
    if (!this.anyExclude) return false;
    if (this.excludeNames.has(name)) return true;
    const suffixes = this.excludeSuffixes;
    for (let i = 0; i < suffixes.length; i++) {
      if (name.endsWith(suffixes[i]!)) return true;
    }
    const ex = this.exclude;
    for (let i = 0; i < ex.length; i++) {
      if (ex[i]!.test(rel)) return true;
    }
    return false;
  }

  excludedDir(rel: string, name: string): boolean {
    return this.anyExclude && (this.excluded(rel, name) || this.excluded(rel + '/', name));
  }

  included(rel: string): boolean {
    if (this.includeAll) return true;
    const inc = this.include;
    for (let i = 0; i < inc.length; i++) {
      if (inc[i]!.test(rel)) return true;
    }
    return false;
  }
}
