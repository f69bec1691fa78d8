// What the scheduler hands a worker for one document, and the options a worker
// processes it with: plain data shared by the process, split and range stages.
import type { ChunkerOptions } from './chunk';
import type { GeneratedOptions } from '../read/generated';
import type { ReadOptions } from '../read/read';
import { DEFAULT_MAX_FILE_SIZE } from '../types';

/** What the scheduler hands a worker for one document. */
export interface DocJob {
  readonly path: string;
  readonly root: string;
  /** As discovered: UNSTATED when the worker is to stat the file itself. */
  readonly size: number;
  readonly mtimeMs: number;
  /** The content hash of a cached result for this path whose identity no longer matches. */
  readonly knownHash?: string;
  /** In-memory text (an unsaved editor buffer) that replaces the file's content. */
  readonly text?: string;
  /** In-memory bytes (content fetched through a virtual file system). */
  readonly bytes?: Uint8Array;
  /** Only these operations (ids): the others' results for this content are cached. Default: every operation that accepts the file. */
  readonly ops?: readonly string[];
}

/** The content hash equalled knownHash: the cached result still holds. */
export interface Unchanged {
  readonly kind: 'unchanged';
  readonly path: string;
  readonly root: string;
  readonly size: number;
  readonly mtimeMs: number;
  readonly hash: string;
}

/** What discovery would have applied to a file it did not stat. */
export interface FileLimits {
  readonly maxFileSize: number;
  readonly streamLarge: boolean;
}

export const DEFAULT_FILE_LIMITS: FileLimits = { maxFileSize: DEFAULT_MAX_FILE_SIZE, streamLarge: false };

export interface ProcessOptions {
  /** Applied to files the walk did not stat; default DEFAULT_MAX_FILE_SIZE, not streamed. */
  readonly files?: FileLimits;
  readonly read: ReadOptions;
  readonly chunk: ChunkerOptions;
  readonly generated: GeneratedOptions;
  /** Make each result's brief for its summary fold (SummaryFold.brief): the run keeps its results in a cache. */
  readonly briefs?: boolean;
}

