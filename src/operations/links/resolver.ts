// The workspace phase: every Markdown document's facts, an index from link
// target to the documents linking into it, and the findings that depend on
// other files (missing files, case mismatches, fragments of other documents).
// Incremental: set() and delete() mark dirty the document and the documents
// linking into it; resolve() recomputes those only, in slices of a few
// milliseconds with the event loop free in between, and stops early (keeping
// what is left dirty) when its signal is aborted.
import * as nodePath from 'node:path';
import type { DocumentFinding } from '../findings';
import type { TargetProbe, WorkspaceResolver } from '../operation';
import { anchorKey, isTopFragment } from './destination';
import { finding, range, replaceFix } from './finding';
import { closest } from './suggest';
import { LINK_ANGLE, LINK_IMAGE, type LinkFact, type LinksFacts } from './types';

/** Decides whether a target (its path from the workspace folder, '/'-separated) is ignored by the `ignore` setting. */
export type RootPathFilter = (rootRelative: string) => boolean;

/** The resolver, with a counter of recomputed documents (tests check incrementality with it). */
export interface LinksResolver extends WorkspaceResolver<LinksFacts> {
  /** Documents whose findings resolve() recomputed, over the resolver's life. */
  readonly recomputed: number;
}

/** How long one slice of resolve() works before it lets the event loop run. */
const SLICE_MS = 8;

interface DocumentEntry {
  readonly root: string;
  readonly facts: LinksFacts;
  /** Index keys of the targets it links to. */
  readonly targets: readonly string[];
  /** Per link (facts.links), its target's absolute path; undefined when the `ignore` setting leaves it out. */
  readonly linkTargets: readonly (string | undefined)[];
  anchorKeys?: Set<string>;
}

type Kind = 'file' | 'directory' | 'missing';

/** Per resolve() call: what the probe said (the file system may change between calls). */
interface ProbeMemo {
  readonly kinds: Map<string, Promise<Kind>>;
  readonly lists: Map<string, Promise<readonly string[] | undefined>>;
  /** The closest name in a folder to a missing one (by folder and name): several links may miss the same target. */
  readonly near: Map<string, string | undefined>;
}

/** Index key of a target: case-folded, so a document that appears with another case marks its wrongly-cased linkers dirty too. */
function targetKey(path: string): string {
  return path.toLowerCase();
}

function toSlash(p: string): string {
  return p.split(nodePath.sep).join('/');
}

/** A path as it may be written in a destination: spaces encoded unless the destination is in <angle brackets>. */
function writable(p: string, flags: number): string {
  return flags & LINK_ANGLE ? p : p.replace(/%/g, '%25').replace(/ /g, '%20');
}

/** How many documents ahead of the one being resolved have their probes started. */
const PROBE_AHEAD = 64;

function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function createLinksResolver(probe: TargetProbe, ignored: RootPathFilter): LinksResolver {
  const docs = new Map<string, DocumentEntry>();
  const linkers = new Map<string, Set<string>>();
  const byName = new Map<string, Set<string>>();
  const dirty = new Set<string>();
  let recomputed = 0;

  const targetOf = (doc: string, root: string, written: string): string =>
    written.startsWith('/') ? nodePath.join(root, written) : nodePath.resolve(nodePath.dirname(doc), written);

  const unindex = (path: string): void => {
    const old = docs.get(path);
    if (!old) return;
    for (const key of old.targets) linkers.get(key)?.delete(path);
    byName.get(nodePath.basename(path).toLowerCase())?.delete(path);
    docs.delete(path);
  };

  const markLinkers = (path: string): void => {
    for (const linker of linkers.get(targetKey(path)) ?? []) dirty.add(linker);
  };

  const kindOf = (memo: ProbeMemo, path: string): Promise<Kind> => {
    if (docs.has(path)) return Promise.resolve('file');
    let k = memo.kinds.get(path);
    if (!k) memo.kinds.set(path, (k = probe.kind(path)));
    return k;
  };

  const listOf = (memo: ProbeMemo, dir: string): Promise<readonly string[] | undefined> => {
    let l = memo.lists.get(dir);
    if (!l) memo.lists.set(dir, (l = probe.list(dir)));
    return l;
  };

  const nearName = (memo: ProbeMemo, dir: string, name: string, listing: readonly string[]): string | undefined => {
    const key = `${dir}\0${name}`;
    if (memo.near.has(key)) return memo.near.get(key);
    const near = closest(name, listing);
    memo.near.set(key, near);
    return near;
  };

  const anchorsOf = (entry: DocumentEntry): Set<string> => (entry.anchorKeys ??= new Set(entry.facts.anchors.map(anchorKey)));

  async function linkFindings(memo: ProbeMemo, doc: string, link: LinkFact, target: string, out: DocumentFinding[]): Promise<void> {
    const [written, fragment, line, column, pathEndColumn, fragmentColumn, endColumn, flags] = link;
    const pathRange = range(line, column, line, pathEndColumn);
    const name = nodePath.basename(target);
    const kind = await kindOf(memo, target);
    if (kind === 'missing' || !docs.has(target)) {
      const listing = name === '' ? undefined : await listOf(memo, nodePath.dirname(target));
      const exact = kind !== 'missing' && (listing === undefined || listing.includes(name));
      if (!exact) {
        const other = listing?.find((n) => n !== name && n.toLowerCase() === name.toLowerCase());
        if (other !== undefined) {
          const fixed = writable(written.slice(0, written.length - name.length) + other, flags);
          out.push(
            finding('case-mismatch', `${written} exists only as ${other} (letter case differs)`, pathRange, replaceFix(pathRange, fixed, `Change the link to ${fixed}`)),
          );
          return;
        }
        if (kind === 'missing') {
          let suggestion: string | undefined;
          const near = listing ? nearName(memo, nodePath.dirname(target), name, listing) : undefined;
          if (near !== undefined) suggestion = written.slice(0, written.length - name.length) + near;
          else {
            const sameName = [...(byName.get(name.toLowerCase()) ?? [])].find((p) => p !== doc);
            if (sameName !== undefined) suggestion = toSlash(nodePath.relative(nodePath.dirname(doc), sameName));
          }
          const fixed = suggestion === undefined ? undefined : writable(suggestion, flags);
          out.push(
            finding('missing-file', `No file or folder ${written}${fixed ? `; did you mean ${fixed}?` : ''}`, pathRange, fixed ? replaceFix(pathRange, fixed, `Change the link to ${fixed}`) : undefined),
          );
          return;
        }
      }
    }
    const linked = docs.get(target);
    if (!linked || fragment === '' || flags & LINK_IMAGE) return;
    if (isTopFragment(fragment) || anchorsOf(linked).has(anchorKey(fragment))) return;
    const fragmentRange = range(line, fragmentColumn, line, endColumn);
    const suggestion = closest(fragment, linked.facts.anchors);
    out.push(
      finding('missing-fragment-in-file', `No heading or anchor #${fragment} in ${written}${suggestion ? `; did you mean #${suggestion}?` : ''}`, fragmentRange, suggestion ? replaceFix(fragmentRange, suggestion, `Change the fragment to #${suggestion}`) : undefined),
    );
  }

  /**
   * Starts every probe a document's links will need (kind, and the listing of the
   * folder of a target that is not a document), so that they run side by side in
   * the thread pool; linkFindings then awaits them from the memo. Awaited one
   * after another, each was a round trip: a third of a warm links run's workspace phase.
   */
  function startProbes(memo: ProbeMemo, entry: DocumentEntry): void {
    for (const target of entry.linkTargets) {
      if (target === undefined || docs.has(target)) continue;
      void kindOf(memo, target);
      if (nodePath.basename(target) !== '') void listOf(memo, nodePath.dirname(target));
    }
  }

  async function documentFindings(memo: ProbeMemo, doc: string, entry: DocumentEntry): Promise<DocumentFinding[]> {
    const out: DocumentFinding[] = [];
    const links = entry.facts.links;
    for (let i = 0; i < links.length; i++) {
      const target = entry.linkTargets[i];
      if (target !== undefined) await linkFindings(memo, doc, links[i]!, target, out);
    }
    return out;
  }

  return {
    get recomputed() {
      return recomputed;
    },
    set(path, root, facts) {
      unindex(path);
      // Each link's target is resolved and checked against `ignore` once, here, not at every resolve().
      const resolved = facts.links.map(([written]) => targetOf(path, root, written));
      const targets = [...new Set(resolved.map(targetKey))];
      const linkTargets = resolved.map((target) => (ignored(toSlash(nodePath.relative(root, target))) ? undefined : target));
      docs.set(path, { root, facts, targets, linkTargets });
      for (const key of targets) {
        let set = linkers.get(key);
        if (!set) linkers.set(key, (set = new Set()));
        set.add(path);
      }
      const name = nodePath.basename(path).toLowerCase();
      let named = byName.get(name);
      if (!named) byName.set(name, (named = new Set()));
      named.add(path);
      dirty.add(path);
      markLinkers(path);
    },
    delete(path) {
      if (!docs.has(path)) return;
      unindex(path);
      dirty.add(path);
      markLinkers(path);
    },
    async resolve(signal) {
      const memo: ProbeMemo = { kinds: new Map(), lists: new Map(), near: new Map() };
      const out = new Map<string, DocumentFinding[]>();
      const paths = [...dirty];
      let probed = 0; // the documents whose probes were started: a window ahead of the one being read, so that starting them is sliced too
      let sliceStart = performance.now();
      for (let i = 0; i < paths.length; i++) {
        const path = paths[i]!;
        if (signal?.aborted) break;
        for (; probed < Math.min(paths.length, i + PROBE_AHEAD); probed++) {
          const ahead = docs.get(paths[probed]!);
          if (ahead) startProbes(memo, ahead);
        }
        // Taken off first: a set() or delete() while its findings are computed marks it dirty again.
        dirty.delete(path);
        const entry = docs.get(path);
        const found = entry ? await documentFindings(memo, path, entry) : [];
        out.set(path, found);
        recomputed++;
        if (performance.now() - sliceStart > SLICE_MS) {
          await yieldToEventLoop();
          sliceStart = performance.now();
        }
      }
      return out;
    },
  };
}
