// The shape every document operation shares. An operation never sees a whole
// file: it maps chunks to partial results and combines them, so a 1 GiB file
// costs one chunk of memory and chunks can be mapped on several threads.

/** A piece of a document's text, as the chunker hands it out. */
export interface Chunk {
  /** The chunk's text, including `overlap` leading characters repeated from the previous chunk. */
  readonly text: string;
  /** Offset (UTF-16 code units) of text[0] in the document. */
  readonly start: number;
  /** Offset just past the chunk's last character. */
  readonly end: number;
  /** How many leading characters of `text` belong to the previous chunk (context only). */
  readonly overlap: number;
  /** 1-based line number of the first character the chunk owns (text[overlap]). */
  readonly line: number;
  /** True for the document's last chunk. */
  readonly last: boolean;
}

import type { DocumentFinding, RuleInfo } from './findings';

/** Settings are plain JSON: they travel to worker threads and into cache keys. */
export type OperationSettings = Readonly<Record<string, unknown>>;

export interface Operation<Partial = unknown, Result = unknown, Summary = unknown> {
  readonly id: string;
  /** Bump when results change for the same input: it invalidates cached results. */
  readonly version: number;
  /** The settings that change results (part of the cache key). */
  readonly settings: OperationSettings;
  /**
   * True when map() reads only the characters a chunk owns (never its overlap,
   * start or line) and the result is the same wherever the text is cut between
   * characters. A large file is then analysed in byte ranges on several threads,
   * whose chunks count start and line from their range's first line, not from
   * the document's. Default false: such files are streamed through one thread.
   */
  readonly splittable?: boolean;
  /** Which files this operation wants (by path). */
  accepts(path: string): boolean;
  /** The partial result of one chunk, from the characters the chunk owns. Must not depend on other chunks. */
  map(chunk: Chunk): Partial;
  /**
   * Optional: combine(before, map(chunk)) in one step, for a reader that folds a
   * document's chunks in order (before holds all that precedes chunk). It may skip
   * work that cannot change the combination (items past a cap). Must equal
   * combine(before, map(chunk)).
   */
  mapInto?(before: Partial, chunk: Chunk): Partial;
  /** The partial of nothing: combine(empty(), p) equals p. */
  empty(): Partial;
  /** Associative: combine(combine(a, b), c) equals combine(a, combine(b, c)); a comes before b in the document. */
  combine(a: Partial, b: Partial): Partial;
  /** The document's result from the combination of all its partials. */
  finish(partial: Partial): Result;
  /**
   * Optional: finish() for an operation whose result depends on where the document
   * is (lint: the configuration files above it). The engine calls it instead of
   * finish() when present; finish() stays the answer for a document without a place.
   */
  finishDocument?(partial: Partial, doc: DocumentPlace): Result;
  /**
   * What else a document's result depends on besides its text and the settings
   * (lint: the configuration files that apply to it), as a short key computed on
   * the engine's thread: part of that document's cache key for this operation.
   */
  cacheKeyFor?(doc: DocumentPlace): string;
  /** Totals over all documents' results. */
  summarize(results: Iterable<Result>): Summary;
  /**
   * The same totals folded one result at a time, so a run over a million files
   * need not keep every result until the end. summarize(rs) must equal
   * end(rs.reduce(add, start())).
   */
  readonly fold?: SummaryFold<Result, Summary>;
  /** The rules this operation reports (reports, SARIF's tool.driver.rules, the Problems panel's links). */
  readonly rules?: readonly RuleInfo[];
  /** The findings in one document's result, for an operation that reports any. */
  findings?(result: Result): readonly DocumentFinding[];
  /**
   * Optional, beside findings(): text whose presence in a result's JSON (as
   * JSON.stringify writes it) proves findings() of it is empty, and notices()
   * too when the operation has them. The engine's thread then does not parse
   * such a result to collect them (analyze: '"markers":[]', the case of nearly
   * every document; lint: no problem and nothing between problems and configKey).
   */
  readonly noFindingsText?: string;
  /**
   * What one document's run has to tell the user besides findings (lint: a JavaScript
   * configuration it left out). The run collects them, each once, in RunReport.notices.
   */
  notices?(result: Result): readonly string[];
  /**
   * Members of a document's result the JSON report leaves out: facts kept for the
   * workspace phase and the cache (links: every anchor and outgoing link), not
   * what the operation found. The cache and the editor still have them.
   */
  readonly reportOmits?: readonly string[];
  /** The cross-document phase, for an operation whose findings depend on other documents (links). */
  readonly workspace?: WorkspacePhase<Result>;
}

/**
 * The part of an operation that runs on the engine's side over every document's
 * facts (a document's anchors and outgoing links, say), after the per-document
 * phase made them in the workers. Facts are plain JSON and cached with the
 * document's result, so a warm run resolves the workspace without reading files.
 */
export interface WorkspacePhase<Result, Facts = unknown> {
  /** What other documents may need of this document's result. */
  facts(result: Result): Facts;
  /** A resolver for one workspace; the editor keeps one across runs and saves. */
  createResolver(probe: TargetProbe): WorkspaceResolver<Facts>;
}

/** How a resolver asks about paths that are not documents of the run. */
export interface TargetProbe {
  /** What is at an absolute path (files that excludes or .gitignore left out still exist). */
  kind(path: string): Promise<'file' | 'directory' | 'missing'>;
  /** The names in a folder (case mismatches, suggestions); undefined when it cannot be read. */
  list(dir: string): Promise<readonly string[] | undefined>;
}

/**
 * Incremental by contract: after set() or delete() of one document, resolve()
 * recomputes the findings of that document and of the documents whose findings
 * depend on it (those linking into it), not of the whole workspace.
 */
export interface WorkspaceResolver<Facts = unknown> {
  /** A document's facts, new or changed; root is the workspace folder it was found under. */
  set(path: string, root: string, facts: Facts): void;
  /** A document is gone (deleted, renamed away, or left out of the run). */
  delete(path: string): void;
  /**
   * The workspace findings of every document that may have changed since the
   * last call: path -> its whole list (empty when it has none now). It yields to
   * the event loop between slices of work; an aborted signal ends it early with
   * the dirty documents kept for the next call.
   */
  resolve(signal?: AbortSignal): Promise<Map<string, DocumentFinding[]>>;
}

export interface SummaryFold<Result, Summary, Acc = unknown> {
  start(): Acc;
  add(acc: Acc, result: Result): Acc;
  /**
   * Two accumulators of disjoint sets of results, a's first: end(merge(a, b)) must
   * equal end of adding a's results and then b's. With a merge, each worker folds
   * its own batches and only the accumulators (structured-cloneable) travel.
   */
  merge?(a: Acc, b: Acc): Acc;
  end(acc: Acc): Summary;
  /**
   * Optional: a result's brief, short JSON text holding only what add() reads of
   * it. The executor makes it beside the result and the cache keeps it, so a warm
   * run folds a saved result from its brief instead of parsing the result (a
   * thirtieth of the text for analyze). brief.add(acc, brief.of(r)) must fold
   * exactly as add(acc, r) does. Saved briefs are read by later versions: a change
   * to a brief's layout needs the operation's version bumped, as a change to its
   * results does (the version is part of every cache key).
   */
  readonly brief?: ResultBrief<Result, Acc>;
}

/** A result's brief for the summary fold (see SummaryFold.brief). */
export interface ResultBrief<Result, Acc> {
  of(result: Result): string;
  add(acc: Acc, brief: string): Acc;
}

/** The partial of `chunk` folded into `before`, through mapInto where the operation has it. */
export function foldChunk<P>(op: Operation<P>, before: P, chunk: Chunk): P {
  return op.mapInto ? op.mapInto(before, chunk) : op.combine(before, op.map(chunk));
}

/** Where a document is: what finishDocument() is told. */
export interface DocumentPlace {
  /** Absolute path. */
  readonly path: string;
  /** The workspace folder (root) it was found under. */
  readonly root: string;
}

/** The document's result: finishDocument() where the operation has it, else finish(). */
export function finishAt<P, R>(op: Operation<P, R>, partial: P, doc: DocumentPlace): R {
  return op.finishDocument ? op.finishDocument(partial, doc) : op.finish(partial);
}

/** map + reduce in one call: what processing a document whole amounts to. */
export function reduce<P, R>(op: Operation<P, R>, partials: Iterable<P>): R {
  let acc = op.empty();
  for (const p of partials) acc = op.combine(acc, p);
  return op.finish(acc);
}

/** How an operation is built from its settings, on any thread. */
export type OperationFactory = (settings: OperationSettings) => Operation;
