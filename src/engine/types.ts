// The engine's vocabulary. Everything here is plain data: it crosses worker
// boundaries (structured clone), goes into the persisted cache and into reports.
import { MiB, SETTINGS } from '../settings/table';

/** What every walk leaves out unless told otherwise (the command line and the editor add to it). */
export const DEFAULT_EXCLUDES: readonly string[] = Object.freeze(['**/node_modules/**', '**/.git/**']);

/** Files above this size are skipped 'too-large' unless streaming was asked for. */
export const DEFAULT_MAX_FILE_SIZE = SETTINGS.maxFileSize.default * MiB;

/**
 * The size and mtime of a candidate discovery did not stat: a run's walk leaves
 * the stat of a regular file to the worker, which stats it just before reading
 * it anyway, so the main thread never pays a syscall per file.
 */
export const UNSTATED = -1;

/** A file found by discovery, before anything was read. */
export interface Candidate {
  /** Absolute path (or, for a non-file root, the URI path the seam understands). */
  readonly path: string;
  /** The root it was found under; reports group by it. */
  readonly root: string;
  /** Bytes, or UNSTATED when discovery left the stat to the worker that reads the file. */
  readonly size: number;
  /** Modification time, or UNSTATED (see size). */
  readonly mtimeMs: number;
  /** Discovery order, used to keep ties in the queue stable. */
  readonly seq: number;
}

/** Why a document was not analysed. Each is a specific, user-facing fact. */
export type SkipReason =
  | 'too-large' // over maxFileSize and streaming was not asked for
  | 'binary' // a NUL byte in the first 8 KiB
  | 'invalid-encoding' // not valid UTF-8 / UTF-16 text
  | 'generated' // minified or generated: a very long line or a long run without white space
  | 'not-a-file' // FIFO, socket, device
  | 'symlink-loop'
  | 'symlink-duplicate' // a link to a directory walked already under its real path
  | 'symlink-outside-root'
  | 'dangling-symlink'
  | 'unsupported-type' // no operation accepts this file
  | 'limit-reached' // a run limit (documents, bytes) stopped the run before this one
  | 'cancelled'; // the run was cancelled before this document was reached

/** Why a document could not be analysed although it should have been. */
export type FailReason =
  | 'permission-denied' // EACCES / EPERM (a document, or a folder that could not be listed)
  | 'name-too-long' // ENAMETOOLONG: the path is longer than the system allows (PATH_MAX)
  | 'vanished' // deleted between discovery and read (ENOENT)
  | 'io-error' // EIO and other read errors
  | 'too-many-open-files' // EMFILE / ENFILE that persisted after backing off
  | 'changed-while-reading' // grew or shrank while streamed
  | 'timeout' // exceeded the per-document timeout
  | 'worker-crashed' // the worker processing it died
  | 'operation-error'; // an operation threw

/** Operation id -> that operation's result for the document. */
export type OperationResults = Readonly<Record<string, unknown>>;

interface OutcomeBase {
  readonly path: string;
  readonly root: string;
  readonly size: number;
  readonly mtimeMs: number;
}

export interface Processed extends OutcomeBase {
  readonly kind: 'processed';
  readonly hash: string;
  readonly results: OperationResults;
  /** Where the text came from: the disk, or an in-memory buffer supplied by the caller. */
  readonly source: 'disk' | 'memory';
  readonly encoding: TextEncodingName;
  readonly ms: number;
}

export interface Cached extends OutcomeBase {
  readonly kind: 'cached';
  readonly hash: string;
  readonly results: OperationResults;
  /** identity: path, size and mtime matched; content: they did not, but the content hash did. */
  readonly via: 'identity' | 'content';
}

export interface Skipped extends OutcomeBase {
  readonly kind: 'skipped';
  readonly reason: SkipReason;
  readonly detail?: string;
}

export interface Failed extends OutcomeBase {
  readonly kind: 'failed';
  readonly reason: FailReason;
  readonly detail: string;
}

export type Outcome = Processed | Cached | Skipped | Failed;
export type OutcomeKind = Outcome['kind'];

export type TextEncodingName = 'utf-8' | 'utf-16le' | 'utf-16be';

export interface Counts {
  discovered: number;
  queued: number;
  processed: number;
  cached: number;
  skipped: number;
  failed: number;
}

/**
 * The memory the engine can name as its own. Its process's RSS and main-thread heap may be
 * shared: in an editor they are the extension host's, with every other extension in it.
 */
export interface OwnMemory {
  /** Live worker threads, and their V8 heaps in use as each last reported it (bytes). */
  readonly workerThreads: number;
  readonly workersHeapUsed: number;
  /** The result cache's estimated size (bytes). */
  readonly cacheBytes: number;
}

export interface MemorySample {
  /** The whole process's resident set (in an editor: the extension host's, shared). */
  readonly rss: number;
  readonly heapUsed: number;
  readonly heapTotal: number;
  readonly external: number;
  readonly pressure: PressureLevel;
  readonly concurrency: number;
  /** What the engine can attribute to itself, where its owner says (see MemoryManager.attribute). */
  readonly own?: OwnMemory;
}

export type PressureLevel = 'normal' | 'elevated' | 'critical';

export interface Progress {
  readonly counts: Readonly<Counts>;
  readonly bytes: number;
  readonly elapsedMs: number;
  readonly docsPerSec: number;
  readonly mbPerSec: number;
  /** Estimated remaining time, when discovery has finished. */
  readonly etaMs?: number;
  readonly discoveryDone: boolean;
  readonly memory: MemorySample;
  readonly cacheHitRate: number;
}

export type RunLimitName = 'maxDocuments' | 'maxBytes' | 'maxResults';

export interface Summary {
  readonly counts: Readonly<Counts>;
  /** processed + cached + skipped + failed === discovered */
  readonly accounted: boolean;
  readonly bytes: number;
  readonly elapsedMs: number;
  readonly docsPerSec: number;
  readonly mbPerSec: number;
  readonly peakRss: number;
  /** The run's largest OwnMemory sample (by workers' heaps + cache), where the engine attributes it. */
  readonly peakOwn?: OwnMemory;
  /**
   * The whole process, where its host measures it (the command line): from the
   * process's start until the report was made, so cache load, discovery set-up and
   * cache save are in it. elapsedMs and peakRss above are the engine's part.
   */
  readonly whole?: { readonly elapsedMs: number; readonly peakRss: number };
  readonly cache: CacheStats;
  readonly state: 'finished' | 'cancelled' | 'limited';
  readonly limit?: RunLimitName;
  readonly skippedByReason: Readonly<Partial<Record<SkipReason, number>>>;
  readonly failedByReason: Readonly<Partial<Record<FailReason, number>>>;
  /** Operation id -> its summarize() over all documents. */
  readonly operations: Readonly<Record<string, unknown>>;
  /** Operation id -> its findings by severity (after the user's severities), for every operation of the run. */
  readonly findings?: Readonly<Record<string, FindingCounts>>;
}

export interface FindingCounts {
  readonly error: number;
  readonly warning: number;
  readonly info: number;
}

export interface CacheStats {
  readonly hits: number;
  readonly misses: number;
  readonly evictions: number;
  readonly entries: number;
  readonly bytes: number;
  readonly hitRate: number;
}
