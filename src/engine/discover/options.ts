// What discover() is asked (its options) and what it yields (batches of items).
import type { Candidate, Failed, Skipped } from '../types';

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

export const DEFAULT_INCLUDES: readonly string[] = Object.freeze(['**/*']);
