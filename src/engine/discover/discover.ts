// Discovery: walks the roots and streams what it finds, in batches, so the
// queue can start before the walk ends.
//
// - Depth-first with an explicit stack (no recursion: any depth works), and
//   only the directory stack and the current batch in memory.
// - Every file-system call goes through the FileSystem seam: one readdir (with
//   types) per directory, one stat per directory (its dev:ino, for loop
//   detection) and, unless statFiles is false, one stat per regular file (size,
//   mtime). Symlinks cost a realpath and a stat; nothing else is touched. A
//   FIFO is never opened.
// - Excluded and .gitignored directories are pruned before they are read.
// - Symbolic links to directories are walked after the root's own tree, so a
//   directory reachable both directly and through a link is listed under its
//   real path, once; a link into something already walked is a 'symlink-duplicate'.
import * as path from 'node:path';
import picomatch from 'picomatch';
import { tooLarge } from '../outcome';
import { errorCode, nodeFileSystem, type EntryLike, type FileSystem, type StatLike } from '../read/fs';
import { IgnoreLevel, isIgnored, readTextFile } from './ignore-rules';
import { DEFAULT_EXCLUDES, DEFAULT_MAX_FILE_SIZE, UNSTATED, type Candidate, type Failed, type FailReason, type Skipped, type SkipReason } from '../types';
import { realPathOf } from '../write/write-target';
import { temporaryFileOwner } from '../write/temp-files';

export interface DiscoverOptions {
  /** Globs on root-relative POSIX paths; default ['**\/*']. An empty list means the default. */
  include?: readonly string[];
  /** Default DEFAULT_EXCLUDES. */
  exclude?: readonly string[];
  /** Default true: nested .gitignore files, each applying to its own subtree. */
  useGitignore?: boolean;
  /** Default 10 MiB. */
  maxFileSize?: number;
  /** Default false: larger files are skipped 'too-large'; true: they are candidates. */
  streamLarge?: boolean;
  /**
   * Default true. False: regular files become candidates without a stat (size and
   * mtime UNSTATED), and whoever reads them applies maxFileSize. A run walks this
   * way and lets its workers stat, in parallel, off the caller's thread.
   */
  statFiles?: boolean;
  /** Stops the walk promptly (the generator returns). */
  signal?: AbortSignal;
  /** Default 8: yield to the event loop after this much synchronous work. */
  sliceMs?: number;
  /** Default 256 items per batch. */
  batchSize?: number;
  /**
   * Files this run writes (its cache and report), by path: left out of the walk
   * (compared by real path), with their temporary files, so a run never reads its own output.
   */
  ownFiles?: readonly string[];
}

export type DiscoveryItem =
  | { readonly type: 'file'; readonly candidate: Candidate }
  /** Settled by discovery itself: a skipped file, or a folder that could not be read (failed, with its reason). */
  | { readonly type: 'skip'; readonly outcome: Skipped | Failed }
  | { readonly type: 'warning'; readonly path: string; readonly message: string };

export { DEFAULT_EXCLUDES };
export const DEFAULT_INCLUDES: readonly string[] = Object.freeze(['**/*']);
export { DEFAULT_MAX_FILE_SIZE };

const GITIGNORE = '.gitignore';
/** Waits between readdir attempts on EMFILE / ENFILE: about one second in all. */
const EMFILE_BACKOFF_MS = [20, 40, 80, 160, 320, 380];
/** Check the clock every this many entries (a power of two, minus one, as a mask). */
const CLOCK_MASK = 15;

/** A directory waiting to be read. */
interface Frame {
  /** Absolute path, as the user would write it (links are not resolved). */
  readonly path: string;
  /** Root-relative POSIX path: '' for the root, else ending in '/'. */
  readonly rel: string;
  /** Its real path. */
  readonly real: string;
  /** The .gitignore files that apply inside it (not yet its own). */
  readonly levels: readonly IgnoreLevel[];
  /** dev:ino, when already known (link targets). */
  readonly key?: string;
  /** Reached through a symbolic link. */
  readonly link: boolean;
}

type RootPlan =
  | { readonly kind: 'warning'; readonly abs: string; readonly message: string }
  | { readonly kind: 'file' | 'dir'; readonly abs: string; readonly real: string; readonly index: number };

/**
 * Walks `roots` and yields what it finds in batches, as they fill and at
 * least every `sliceMs`.
 */
export async function* discover(
  roots: readonly string[],
  options: DiscoverOptions = {},
  fs: FileSystem = nodeFileSystem,
): AsyncGenerator<DiscoveryItem[]> {
  const walker = new Walker(options, fs);
  const signal = options.signal;
  const batchSize = Math.max(1, options.batchSize ?? 256);
  const sliceMs = Math.max(0, options.sliceMs ?? 8);
  let sliceStart = performance.now();
  let ticks = 0;

  /** When the time slice is used up: hands over what was found and lets the event loop turn. True if aborted meanwhile. */
  async function* endOfSlice(): AsyncGenerator<DiscoveryItem[], boolean> {
    if (performance.now() - sliceStart < sliceMs) return false;
    if (walker.batch.length > 0) yield walker.take();
    await immediate();
    sliceStart = performance.now();
    return signal?.aborted ?? false;
  }

  for (const plan of walker.planRoots(roots)) {
    if (signal?.aborted) return;
    if (plan.kind === 'warning') {
      walker.warn(plan.abs, plan.message);
    } else if (plan.kind === 'file') {
      walker.file(plan.abs, path.dirname(plan.abs));
    } else {
      walker.beginRoot(plan.abs, plan.real);
      for (let frame = walker.nextFrame(); frame; frame = walker.nextFrame()) {
        let listing = walker.enter(frame);
        for (let attempt = 0; listing === 'retry'; attempt++) {
          if (attempt >= EMFILE_BACKOFF_MS.length) {
            listing = walker.giveUp(frame);
          } else {
            await delay(EMFILE_BACKOFF_MS[attempt]!);
            if (signal?.aborted) return;
            listing = walker.enter(frame, true);
          }
        }
        if (listing === undefined) continue;

        const entries = listing;
        for (let i = 0; i < entries.length; i++) {
          if (signal?.aborted) return;
          walker.entry(frame, entries[i]!);
          if (walker.batch.length >= batchSize) {
            yield walker.take();
          }
          if ((++ticks & CLOCK_MASK) === 0 && (yield* endOfSlice())) return;
        }
        walker.leave();
        if (walker.batch.length >= batchSize) {
          yield walker.take();
        }
        if (yield* endOfSlice()) return;
      }
      walker.endRoot();
    }
    if (walker.batch.length >= batchSize) {
      yield walker.take();
    }
  }
  if (signal?.aborted) return;
  if (walker.batch.length > 0) {
    yield walker.take();
  }
}

class Walker {
  batch: DiscoveryItem[] = [];
  private seq = 0;

  private readonly fs: FileSystem;
  private readonly includeAll: boolean;
  private readonly include: readonly RegExp[];
  private readonly exclude: readonly RegExp[];
  /** Names excluded wherever they appear, from globs of the form '**\/name/**'. */
  private readonly excludeNames: ReadonlySet<string>;
  /** Name endings excluded wherever they appear, from globs of the form '**\/*.ext' (kept with the dot). */
  private readonly excludeSuffixes: readonly string[];
  private readonly anyExclude: boolean;
  private readonly useGitignore: boolean;
  private readonly maxFileSize: number;
  private readonly streamLarge: boolean;
  private readonly statFiles: boolean;
  /** The run's own output files: real path -> the path as given (see DiscoverOptions.ownFiles). */
  private readonly ownFiles: ReadonlyMap<string, string>;

  // The current root.
  private root = '';
  private rootReal = '';
  private rootRealPrefix = '';
  private stack: Frame[] = [];
  private deferred: Frame[] = [];
  private deferredNext = 0;
  private visited = new Set<string>();

  // The directory being listed.
  private prefix = '';
  private realPrefix = '';
  private levels: readonly IgnoreLevel[] = [];
  private children: Frame[] = [];

  constructor(options: DiscoverOptions, fs: FileSystem) {
    this.fs = fs;
    const include = options.include && options.include.length > 0 ? options.include : DEFAULT_INCLUDES;
    this.includeAll = include.some((g) => g === '**/*' || g === '**');
    this.include = this.includeAll ? [] : compile(include);
    const exclude = options.exclude ?? DEFAULT_EXCLUDES;
    // Most excludes (the defaults, VS Code's files.exclude and search.exclude) name an
    // entry or an extension anywhere: those are a set lookup or a suffix test per
    // entry instead of a regular expression each.
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
    this.useGitignore = options.useGitignore ?? true;
    this.maxFileSize = options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE;
    this.streamLarge = options.streamLarge ?? false;
    this.statFiles = options.statFiles ?? true;
    this.ownFiles = new Map((options.ownFiles ?? []).map((f) => [realPathOf(f), f]));
  }

  /** One of the run's own output files, or a temporary file of one. */
  private ownFile(name: string): boolean {
    for (const [real, given] of this.ownFiles) {
      if (withSep(path.dirname(real)) !== this.realPrefix) continue;
      if (path.basename(real) === name || temporaryFileOwner(given, name) !== undefined) return true;
    }
    return false;
  }

  take(): DiscoveryItem[] {
    const out = this.batch;
    this.batch = [];
    return out;
  }

  warn(p: string, message: string): void {
    this.batch.push({ type: 'warning', path: p, message });
  }

  /**
   * Resolves the roots, and drops a root inside (or equal to) another so that
   * nothing is yielded twice. Containment is judged on real paths.
   */
  planRoots(roots: readonly string[]): RootPlan[] {
    const plans: RootPlan[] = [];
    roots.forEach((given, index) => {
      const abs = path.resolve(given);
      let st: StatLike;
      let real: string;
      try {
        st = this.fs.stat(abs);
        real = this.fs.realpath(abs);
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

  beginRoot(abs: string, real: string): void {
    this.root = abs;
    this.rootReal = real;
    this.rootRealPrefix = withSep(real);
    this.stack.push({ path: abs, rel: '', real, levels: [], link: false });
  }

  endRoot(): void {
    this.stack = [];
    this.deferred = [];
    this.deferredNext = 0;
    this.visited = new Set();
  }

  /** The next directory: the stack first, then directories reached through links. */
  nextFrame(): Frame | undefined {
    const frame = this.stack.pop();
    if (frame) return frame;
    if (this.deferredNext < this.deferred.length) {
      const next = this.deferred[this.deferredNext]!;
      this.deferred[this.deferredNext++] = undefined as unknown as Frame;
      return next;
    }
    return undefined;
  }

  /**
   * Starts a directory: loop check, readdir, its .gitignore. Returns its
   * entries, undefined when it is not to be walked, 'retry' on EMFILE/ENFILE.
   */
  enter(frame: Frame, retrying = false): EntryLike[] | undefined | 'retry' {
    if (!retrying) {
      let key = frame.key;
      if (key === undefined) {
        try {
          const st = this.fs.stat(frame.path);
          key = `${st.dev}:${st.ino}`;
        } catch (err) {
          const code = errorCode(err);
          if (code !== 'ENOENT') this.unreadableFolder(frame.path, code ?? String(err));
          return undefined;
        }
      }
      if (this.visited.has(key)) {
        if (frame.link) {
          this.skip(frame.path, 0, 0, 'symlink-duplicate', `link target ${frame.real} was already walked`);
        } else {
          this.warn(frame.path, 'directory already walked (a bind mount or hard-linked directory)');
        }
        return undefined;
      }
      this.visited.add(key);
    }

    let entries: EntryLike[];
    try {
      entries = this.fs.readdir(frame.path);
    } catch (err) {
      const code = errorCode(err);
      if (code === 'EMFILE' || code === 'ENFILE') return 'retry';
      // A directory deleted since its parent was listed no longer exists: nothing to say.
      if (code !== 'ENOENT') this.unreadableFolder(frame.path, code ?? String(err));
      return undefined;
    }
    if (entries.length > 1) entries.sort(byName);

    this.prefix = withSep(frame.path);
    this.realPrefix = withSep(frame.real);
    this.levels = frame.levels;
    this.children = [];
    if (this.useGitignore) {
      for (let i = 0; i < entries.length; i++) {
        const e = entries[i]!;
        if (e.name === GITIGNORE) {
          if (e.isFile()) this.loadGitignore(frame, this.prefix + GITIGNORE);
          break;
        }
      }
    }
    return entries;
  }

  /** After EMFILE/ENFILE persisted. */
  giveUp(frame: Frame): undefined {
    this.unreadableFolder(frame.path, 'EMFILE');
    return undefined;
  }

  /** Ends the directory: its subdirectories go on the stack, first name on top. */
  leave(): void {
    const children = this.children;
    for (let i = children.length - 1; i >= 0; i--) {
      this.stack.push(children[i]!);
    }
    this.children = [];
  }

  entry(frame: Frame, entry: EntryLike): void {
    const name = entry.name;
    const rel = frame.rel + name;
    if (entry.isFile()) {
      if (this.excluded(rel, name) || !this.included(rel) || this.ignored(rel)) return;
      if (this.ownFiles.size > 0 && this.ownFile(name)) return;
      if (this.statFiles) this.file(this.prefix + name, this.root);
      else this.batch.push({ type: 'file', candidate: { path: this.prefix + name, root: this.root, size: UNSTATED, mtimeMs: UNSTATED, seq: this.seq++ } });
    } else if (entry.isDirectory()) {
      if (this.excludedDir(rel, name) || this.ignored(rel + '/')) return;
      this.children.push({
        path: this.prefix + name,
        rel: rel + '/',
        real: this.realPrefix + name,
        levels: this.levels,
        link: false,
      });
    } else if (entry.isSymbolicLink()) {
      if (this.excluded(rel, name) || this.ignored(rel)) return;
      this.link(frame, rel, name);
    } else {
      if (this.excluded(rel, name) || !this.included(rel) || this.ignored(rel)) return;
      this.skip(this.prefix + name, 0, 0, 'not-a-file', `${specialKind(entry)}, not a regular file`);
    }
  }

  /** A regular file (or a link to one): one stat, then a candidate or a 'too-large' skip. */
  file(p: string, root: string): void {
    let st: StatLike;
    try {
      st = this.fs.stat(p);
    } catch (err) {
      const code = errorCode(err);
      // Vanished between readdir and stat: it was never discovered.
      if (code !== 'ENOENT') this.warn(p, `cannot stat file (${code ?? String(err)})`);
      return;
    }
    this.stated(p, root, st);
  }

  private stated(p: string, root: string, st: StatLike): void {
    if (!st.isFile()) {
      if (!st.isDirectory()) {
        this.skipIn(root, p, st.size, st.mtimeMs, 'not-a-file', 'not a regular file');
      }
      return;
    }
    const refused = tooLarge(st.size, this.maxFileSize, this.streamLarge);
    if (refused) {
      this.skipIn(root, p, st.size, st.mtimeMs, 'too-large', refused);
      return;
    }
    const candidate: Candidate = { path: p, root, size: st.size, mtimeMs: st.mtimeMs, seq: this.seq++ };
    this.batch.push({ type: 'file', candidate });
  }

  private link(frame: Frame, rel: string, name: string): void {
    const p = this.prefix + name;
    let real: string;
    try {
      real = this.fs.realpath(p);
    } catch (err) {
      const code = errorCode(err);
      if (!this.included(rel)) return;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        this.skip(p, 0, 0, 'dangling-symlink', 'link target does not exist');
      } else if (code === 'ELOOP') {
        this.skip(p, 0, 0, 'symlink-loop', 'too many levels of symbolic links');
      } else {
        this.warn(p, `cannot resolve symbolic link (${code ?? String(err)})`);
      }
      return;
    }
    if (real !== this.rootReal && !real.startsWith(this.rootRealPrefix)) {
      if (this.included(rel)) {
        this.skip(p, 0, 0, 'symlink-outside-root', `link target ${real} is outside the root`);
      }
      return;
    }
    let st: StatLike;
    try {
      st = this.fs.stat(p);
    } catch (err) {
      const code = errorCode(err);
      if (code === 'ENOENT') return; // removed since realpath
      if (!this.included(rel)) return;
      if (code === 'ELOOP') this.skip(p, 0, 0, 'symlink-loop', 'too many levels of symbolic links');
      else this.warn(p, `cannot stat symbolic link target (${code ?? String(err)})`);
      return;
    }
    if (st.isDirectory()) {
      if (this.excludedDir(rel, name) || this.ignored(rel + '/')) return;
      if (real === frame.real || frame.real.startsWith(withSep(real))) {
        this.skip(p, 0, 0, 'symlink-loop', `link target ${real} is an ancestor of the link`);
        return;
      }
      const key = `${st.dev}:${st.ino}`;
      if (this.visited.has(key)) {
        this.skip(p, 0, 0, 'symlink-duplicate', `link target ${real} was already walked`);
        return;
      }
      this.deferred.push({ path: p, rel: rel + '/', real, levels: this.levels, key, link: true });
      return;
    }
    if (!this.included(rel)) return;
    this.stated(p, this.root, st);
  }

  /**
   * A folder that cannot be listed is an entry of its own, failed with the reason:
   * the files in it are not in the run, and the run must say so (counted, in every
   * report, exit status 1), not just warn.
   */
  private unreadableFolder(p: string, code: string): void {
    const reason = folderFailure(code);
    const outcome: Failed = { kind: 'failed', path: p, root: this.root, size: 0, mtimeMs: 0, reason, detail: `folder cannot be read (${code}): the files in it were not analysed` };
    this.batch.push({ type: 'skip', outcome });
  }

  private skip(p: string, size: number, mtimeMs: number, reason: SkipReason, detail: string): void {
    this.skipIn(this.root, p, size, mtimeMs, reason, detail);
  }

  private skipIn(root: string, p: string, size: number, mtimeMs: number, reason: SkipReason, detail: string): void {
    const outcome: Skipped = { kind: 'skipped', path: p, root, size, mtimeMs, reason, detail };
    this.batch.push({ type: 'skip', outcome });
  }

  private loadGitignore(frame: Frame, file: string): void {
    let text: string;
    try {
      text = readTextFile(this.fs, file);
    } catch (err) {
      const code = errorCode(err);
      if (code !== 'ENOENT') this.warn(file, `cannot read .gitignore (${code ?? String(err)})`);
      return;
    }
    const level = IgnoreLevel.parse(frame.rel, text);
    if (level) this.levels = [...this.levels, level];
  }

  /**
   * Every ancestor of `rel` was itself an entry that passed this test, so a
   * '**\/name/**' glob can only still match the last segment: `name`.
   */
  private excluded(rel: string, name: string): boolean {
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

  private excludedDir(rel: string, name: string): boolean {
    return this.anyExclude && (this.excluded(rel, name) || this.excluded(rel + '/', name));
  }

  private included(rel: string): boolean {
    if (this.includeAll) return true;
    const inc = this.include;
    for (let i = 0; i < inc.length; i++) {
      if (inc[i]!.test(rel)) return true;
    }
    return false;
  }

  private ignored(rel: string): boolean {
    return this.levels.length > 0 && isIgnored(this.levels, rel);
  }
}

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

function byName(a: EntryLike, b: EntryLike): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

function withSep(dir: string): string {
  return dir.endsWith(path.sep) ? dir : dir + path.sep;
}

/** What a non-regular entry is, from Node's Dirent when it tells (no system call). */
function specialKind(entry: EntryLike): string {
  const e = entry as EntryLike & Partial<Record<'isFIFO' | 'isSocket' | 'isBlockDevice' | 'isCharacterDevice', () => boolean>>;
  if (e.isFIFO?.()) return 'a FIFO';
  if (e.isSocket?.()) return 'a socket';
  if (e.isBlockDevice?.()) return 'a block device';
  if (e.isCharacterDevice?.()) return 'a character device';
  return 'a special file';
}


function immediate(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Why a folder could not be listed, from the error code. */
function folderFailure(code: string): FailReason {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission-denied';
    case 'ENAMETOOLONG':
      return 'name-too-long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too-many-open-files';
    default:
      return 'io-error';
  }
}
