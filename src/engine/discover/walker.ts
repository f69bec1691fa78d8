// The walk: depth-first with an explicit stack, one directory at a time (its
// loop check, its listing, its .gitignore), each entry judged by the filters and
// .gitignore levels as it is listed, symbolic links resolved, and directories
// reached through links walked after the root's own tree. What it finds goes
// into its DiscoveryBatch; discover() drives it and hands the batches out.
import { errorCode, type EntryLike, type FileSystem, type StatLike } from '../read/fs';
import { realPathOf } from '../write/write-target';
import { temporaryFileOwner } from '../write/temp-files';
import { DEFAULT_MAX_FILE_SIZE } from '../types';
import * as path from 'node:path';
import { PathFilter } from './filters';
import { IgnoreLevel, isIgnored, readTextFile } from './ignore-rules';
import type { DiscoverOptions } from './options';
import { DiscoveryBatch, specialKind } from './outcomes';
import { byName, withSep } from './paths';

const GITIGNORE = '.gitignore';

/** A directory waiting to be read. */
export interface Frame {
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

export class Walker {
  readonly out: DiscoveryBatch;

  private readonly fs: FileSystem;
  private readonly filter: PathFilter;
  private readonly useGitignore: boolean;
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
    this.filter = new PathFilter(options.include, options.exclude);
    this.out = new DiscoveryBatch(options.maxFileSize ?? DEFAULT_MAX_FILE_SIZE, options.streamLarge ?? false);
    this.useGitignore = options.useGitignore ?? true;
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
          if (code !== 'ENOENT') this.out.unreadableFolder(this.root, frame.path, code ?? String(err));
          return undefined;
        }
      }
      if (this.visited.has(key)) {
        if (frame.link) {
          this.out.skip(this.root, frame.path, 0, 0, 'symlink-duplicate', `link target ${frame.real} was already walked`);
        } else {
          this.out.warn(frame.path, 'directory already walked (a bind mount or hard-linked directory)');
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
      if (code !== 'ENOENT') this.out.unreadableFolder(this.root, frame.path, code ?? String(err));
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
    this.out.unreadableFolder(this.root, frame.path, 'EMFILE');
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
      if (this.filter.excluded(rel, name) || !this.filter.included(rel) || this.ignored(rel)) return;
      if (this.ownFiles.size > 0 && this.ownFile(name)) return;
      if (this.statFiles) this.file(this.prefix + name, this.root);
      else this.out.unstated(this.prefix + name, this.root);
    } else if (entry.isDirectory()) {
      if (this.filter.excludedDir(rel, name) || this.ignored(rel + '/')) return;
      this.children.push({
        path: this.prefix + name,
        rel: rel + '/',
        real: this.realPrefix + name,
        levels: this.levels,
        link: false,
      });
    } else if (entry.isSymbolicLink()) {
      if (this.filter.excluded(rel, name) || this.ignored(rel)) return;
      this.link(frame, rel, name);
    } else {
      if (this.filter.excluded(rel, name) || !this.filter.included(rel) || this.ignored(rel)) return;
      this.out.skip(this.root, this.prefix + name, 0, 0, 'not-a-file', `${specialKind(entry)}, not a regular file`);
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
      if (code !== 'ENOENT') this.out.warn(p, `cannot stat file (${code ?? String(err)})`);
      return;
    }
    this.out.stated(p, root, st);
  }

  private link(frame: Frame, rel: string, name: string): void {
    const p = this.prefix + name;
    let real: string;
    try {
      real = this.fs.realpath(p);
    } catch (err) {
      const code = errorCode(err);
      if (!this.filter.included(rel)) return;
      if (code === 'ENOENT' || code === 'ENOTDIR') {
        this.out.skip(this.root, p, 0, 0, 'dangling-symlink', 'link target does not exist');
      } else if (code === 'ELOOP') {
        this.out.skip(this.root, p, 0, 0, 'symlink-loop', 'too many levels of symbolic links');
      } else {
        this.out.warn(p, `cannot resolve symbolic link (${code ?? String(err)})`);
      }
      return;
    }
    if (real !== this.rootReal && !real.startsWith(this.rootRealPrefix)) {
      if (this.filter.included(rel)) {
        this.out.skip(this.root, p, 0, 0, 'symlink-outside-root', `link target ${real} is outside the root`);
      }
      return;
    }
    let st: StatLike;
    try {
      st = this.fs.stat(p);
    } catch (err) {
      const code = errorCode(err);
      if (code === 'ENOENT') return; // removed since realpath
      if (!this.filter.included(rel)) return;
      if (code === 'ELOOP') this.out.skip(this.root, p, 0, 0, 'symlink-loop', 'too many levels of symbolic links');
      else this.out.warn(p, `cannot stat symbolic link target (${code ?? String(err)})`);
      return;
    }
    if (st.isDirectory()) {
      if (this.filter.excludedDir(rel, name) || this.ignored(rel + '/')) return;
      if (real === frame.real || frame.real.startsWith(withSep(real))) {
        this.out.skip(this.root, p, 0, 0, 'symlink-loop', `link target ${real} is an ancestor of the link`);
        return;
      }
      const key = `${st.dev}:${st.ino}`;
      if (this.visited.has(key)) {
        this.out.skip(this.root, p, 0, 0, 'symlink-duplicate', `link target ${real} was already walked`);
        return;
      }
      this.deferred.push({ path: p, rel: rel + '/', real, levels: this.levels, key, link: true });
      return;
    }
    if (!this.filter.included(rel)) return;
    this.out.stated(p, this.root, st);
  }

  private loadGitignore(frame: Frame, file: string): void {
    let text: string;
    try {
      text = readTextFile(this.fs, file);
    } catch (err) {
      const code = errorCode(err);
      if (code !== 'ENOENT') this.out.warn(file, `cannot read .gitignore (${code ?? String(err)})`);
      return;
    }
    const level = IgnoreLevel.parse(frame.rel, text);
    if (level) this.levels = [...this.levels, level];
  }

  private ignored(rel: string): boolean {
    return this.levels.length > 0 && isIgnored(this.levels, rel);
  }
}
