// The Results view's tree of outcomes (workspace folder -> folders -> documents,
// and the skipped and failed groups), kept up to date one outcome at a time.
//
// The view used to rebuild this from every result on each refresh (four times a
// second during a run), at several microseconds a document: on tldr's 38k files
// that held the extension host for hundreds of milliseconds at a time and made
// a run in the editor several times slower than the same run headless. Now an
// outcome costs a walk down its folders, and a refresh costs what the view shows.
// No editor import: the workspace folders come in through `rootOf`.
import * as path from 'node:path';
import type { Outcome } from '../engine/index';
import { isUriLike, rootPrefix } from './pathText';

export interface DirNode {
  readonly name: string;
  readonly parent: DirNode | undefined;
  readonly dirs: Map<string, DirNode>;
  /** Documents by file name (unique in a folder). */
  readonly docs: Map<string, Outcome>;
  /** Documents in this folder and below. */
  count: number;
  /** Sub-folder names, then document names, sorted; undefined after a change. */
  sorted: { readonly dirs: readonly string[]; readonly docs: readonly string[] } | undefined;
}

export interface RootNode {
  readonly path: string;
  readonly label: string;
  readonly dir: DirNode;
}

/** Where a discovery root is shown: its workspace folder's path and name, or the root itself. */
export type RootOf = (root: string) => { readonly path: string; readonly label: string };

/** Made on first use: building a collator loads ICU's collation data, about 15 ms of activation. */
let collator: Intl.Collator | undefined;

export class ResultIndex {
  readonly roots = new Map<string, RootNode>();
  readonly skipped = new Map<string, Outcome>();
  readonly failed = new Map<string, Outcome>();
  /** Where each document sits (to replace or remove it). */
  private readonly places = new Map<string, { dir: DirNode; name: string }>();
  /** rootOf per discovery root, asked once, with the prefix of the paths below it. */
  private readonly rootsOf = new Map<string, Place>();

  constructor(private readonly rootOf: RootOf) {}

  /** Documents in the tree (not counting the skipped and failed groups). */
  get documents(): number {
    return this.places.size;
  }

  /** Adds an outcome, replacing the one for the same path. */
  put(o: Outcome): void {
    this.remove(o.path);
    if (o.kind === 'skipped') {
      this.skipped.set(o.path, o);
      return;
    }
    if (o.kind === 'failed') {
      this.failed.set(o.path, o);
      return;
    }
    let where = this.rootsOf.get(o.root);
    if (!where) this.rootsOf.set(o.root, (where = place(this.rootOf(o.root))));
    let root = this.roots.get(where.path);
    if (!root) this.roots.set(where.path, (root = { path: where.path, label: where.label, dir: newDir('', undefined) }));
    const parts = relativeParts(where, o.path);
    let dir = root.dir;
    for (let i = 0; i < parts.length - 1; i++) {
      const part = parts[i]!;
      let next = dir.dirs.get(part);
      if (!next) {
        dir.dirs.set(part, (next = newDir(part, dir)));
        dir.sorted = undefined;
      }
      dir = next;
    }
    const name = parts[parts.length - 1]!;
    dir.docs.set(name, o);
    dir.sorted = undefined;
    this.places.set(o.path, { dir, name });
    for (let d: DirNode | undefined = dir; d; d = d.parent) d.count++;
  }

  remove(p: string): void {
    if (this.skipped.delete(p) || this.failed.delete(p)) return;
    const place = this.places.get(p);
    if (!place) return;
    this.places.delete(p);
    const { dir, name } = place;
    dir.docs.delete(name);
    dir.sorted = undefined;
    for (let d: DirNode | undefined = dir; d; d = d.parent) d.count--;
    // Folders left empty go, up to the root's (kept while it is in `roots`).
    for (let d: DirNode = dir; d.count === 0 && d.parent; d = d.parent) {
      d.parent.dirs.delete(d.name);
      d.parent.sorted = undefined;
    }
    for (const [key, root] of this.roots) if (root.dir.count === 0) this.roots.delete(key);
  }

  clear(): void {
    this.roots.clear();
    this.skipped.clear();
    this.failed.clear();
    this.places.clear();
    this.rootsOf.clear();
  }
}

/** A folder's sub-folder names and document names, each sorted for display (kept until the folder changes). */
export function sortedNames(dir: DirNode): { readonly dirs: readonly string[]; readonly docs: readonly string[] } {
  const compare = (collator ??= new Intl.Collator()).compare;
  return (dir.sorted ??= { dirs: [...dir.dirs.keys()].sort(compare), docs: [...dir.docs.keys()].sort(compare) });
}

/** A document's label: its file name (decoded for URI-style paths, whose names are percent-encoded). */
export function labelOf(p: string): string {
  const name = p.split(/[\\/]/).pop() ?? p;
  if (!isUriLike(p)) return name;
  try {
    return decodeURIComponent(name);
  } catch {
    return name;
  }
}

function newDir(name: string, parent: DirNode | undefined): DirNode {
  return { name, parent, dirs: new Map(), docs: new Map(), count: 0, sorted: undefined };
}

/** A root's path and label, with what relativeParts needs of it worked out once. */
interface Place {
  readonly path: string;
  readonly label: string;
  readonly uriLike: boolean;
  /** The path with its separator: what every path below it starts with. */
  readonly prefix: string;
  readonly sep: string;
}

function place(where: { readonly path: string; readonly label: string }): Place {
  return { ...where, uriLike: isUriLike(where.path), ...rootPrefix(where.path) };
}

/** The path's segments below the root; just the file name when it is not below. */
function relativeParts(root: Place, p: string): string[] {
  if (p.startsWith(root.prefix)) return p.slice(root.prefix.length).split(root.sep);
  if (root.uriLike || isUriLike(p)) return [labelOf(p)];
  const rel = path.relative(root.path, p);
  return rel === '' || rel.startsWith('..') ? [path.basename(p)] : rel.split(path.sep);
}
