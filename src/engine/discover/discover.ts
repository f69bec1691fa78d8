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
//
// The pieces: options.ts (what is asked and yielded), roots.ts (the roots
// planned), walker.ts (the walk), filters.ts (include and exclude globs),
// ignore-rules.ts (.gitignore), outcomes.ts (candidates, skips, warnings).
import * as path from 'node:path';
import { nodeFileSystem, type FileSystem } from '../read/fs';
import { DEFAULT_EXCLUDES, DEFAULT_MAX_FILE_SIZE } from '../types';
import type { DiscoverOptions, DiscoveryItem } from './options';
import { planRoots } from './roots';
import { Walker } from './walker';

export type { DiscoverOptions, DiscoveryItem } from './options';
export { DEFAULT_INCLUDES } from './options';
export { DEFAULT_EXCLUDES };
export { DEFAULT_MAX_FILE_SIZE };

/** Waits between readdir attempts on EMFILE / ENFILE: about one second in all. */
const EMFILE_BACKOFF_MS = [20, 40, 80, 160, 320, 380];
/** Check the clock every this many entries (a power of two, minus one, as a mask). */
const CLOCK_MASK = 15;

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
  const out = walker.out;
  const signal = options.signal;
  const batchSize = Math.max(1, options.batchSize ?? 256);
  const sliceMs = Math.max(0, options.sliceMs ?? 8);
  let sliceStart = performance.now();
  let ticks = 0;

  /** When the time slice is used up: hands over what was found and lets the event loop turn. True if aborted meanwhile. */
  async function* endOfSlice(): AsyncGenerator<DiscoveryItem[], boolean> {
    if (performance.now() - sliceStart < sliceMs) return false;
    if (out.length > 0) yield out.take();
    await immediate();
    sliceStart = performance.now();
    return signal?.aborted ?? false;
  }

  for (const plan of planRoots(roots, fs)) {
    if (signal?.aborted) return;
    if (plan.kind === 'warning') {
      out.warn(plan.abs, plan.message);
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
          if (out.length >= batchSize) {
            yield out.take();
          }
          if ((++ticks & CLOCK_MASK) === 0 && (yield* endOfSlice())) return;
        }
        walker.leave();
        if (out.length >= batchSize) {
          yield out.take();
        }
        if (yield* endOfSlice()) return;
      }
      walker.endRoot();
    }
    if (out.length >= batchSize) {
      yield out.take();
    }
  }
  if (signal?.aborted) return;
  if (out.length > 0) {
    yield out.take();
  }
}

function immediate(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
