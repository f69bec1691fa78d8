// What a run is asked (RunOptions), what it reports (RunReport, RunEvents) and
// what it runs on (RunContext): the run's plain types, apart from the run itself.
import type { ResultCache, CacheEntry } from '../cache/cache';
import type { ChunkerOptions } from '../process/chunk';
import type { DiscoverOptions, DiscoveryItem } from '../discover/discover';
import type { GeneratedOptions } from '../read/generated';
import type { ReadOptions } from '../read/read';
import type { OperationSpec } from '../schedule/protocol';
import type { Executor } from '../schedule/executors';
import type { Outcome, Progress, Summary } from '../types';
import type { WorkspaceResolver } from '../../operations/operation';
import type { FindingsStore } from '../findings/store';
import type { MemoryManager } from './memory';

export interface RunLimits {
  /** Stop after this many documents were settled (processed, cached, skipped or failed). */
  maxDocuments?: number;
  /** Stop after this many bytes of documents were settled. */
  maxBytes?: number;
  /** Stop when this many outcomes are kept for the report (keepOutcomes), so a huge tree cannot exhaust memory. */
  maxResults?: number;
}

export interface RunOptions {
  roots: readonly string[];
  discover?: Omit<DiscoverOptions, 'signal'>;
  /** Instead of walking `roots`: a ready stream of discovery items (e.g. from an editor's virtual file system). */
  source?: AsyncIterable<DiscoveryItem[]>;
  read?: Partial<ReadOptions>;
  chunk?: ChunkerOptions;
  /** Thresholds that mark a file generated or minified (skipped as 'generated'); 0 turns a check off. */
  generated?: Partial<GeneratedOptions>;
  operations?: readonly OperationSpec[];
  /** Larger is sooner. The editor passes: visible editors, then open tabs, then 0 for the rest. */
  priority?: (path: string) => number;
  /** In-memory text that replaces a file's content (unsaved editor buffers). Never cached. */
  overrides?: ReadonlyMap<string, string>;
  /** Content for paths the executor cannot read itself (non-file roots). */
  contentProvider?: (path: string) => Promise<Uint8Array>;
  signal?: AbortSignal;
  limits?: RunLimits;
  /** Batches in flight per executor thread beyond the one being worked on. Default 1. */
  prefetch?: number;
  /** Documents per batch message. Default 64. */
  batchSize?: number;
  progressIntervalMs?: number;
  /** Keep every outcome for the report (default true). Huge runs may stream outcomes from events instead. */
  keepOutcomes?: boolean;
  /** Where the run puts its findings (the editor keeps one across runs); default a new store, in the report. */
  findings?: FindingsStore;
  /**
   * Workspace-phase resolvers by operation id, kept by the caller across runs (the
   * editor: a saved file then re-resolves just what depends on it). Default: new ones per run.
   */
  resolvers?: Map<string, WorkspaceResolver>;
  /**
   * Whether the run looks results up in the engine's result cache and keeps its
   * own there (default true). The command line without --cache turns it off: its
   * process ends with the run, so nothing kept would ever be looked up, and keeping
   * 38,000 results in the cache's LRU cost a cold tldr run about 5% of its time.
   */
  resultCache?: boolean;
}

export interface RunEvents {
  started: { readonly roots: readonly string[]; readonly at: number };
  document: Outcome;
  progress: Progress;
  warning: { readonly message: string; readonly path?: string };
  state: { readonly state: RunState };
  finished: Summary;
}

export type RunState = 'running' | 'paused' | 'cancelled' | 'finished';

export interface RunReport {
  readonly summary: Summary;
  /** Every outcome, in the order they settled (empty when keepOutcomes is false). */
  readonly outcomes: readonly Outcome[];
  /** Every operation's findings (the store passed in RunOptions.findings, or the run's own). */
  readonly findings: FindingsStore;
  /**
   * Aligned with outcomes: the cache entries that hold a processed or cached
   * document's results (one per operation, as JSON text until read), so a report
   * can copy the text instead of parsing it; undefined for the others.
   */
  readonly entries?: readonly (readonly CacheEntry[] | undefined)[];
  /** What the operations had to tell the user (Operation.notices), each once. */
  readonly notices?: readonly string[];
}

export interface RunContext {
  readonly executor: Executor;
  readonly cache?: ResultCache;
  readonly memory?: MemoryManager;
}
