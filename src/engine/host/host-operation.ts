// An operation whose work runs on the engine's own thread as an async function
// (the editor's extension host: it may call services, language models, other
// extensions). It sees a document's whole text once and answers JSON; the engine
// keeps that answer as the operation's result, so the per-operation cache, the
// summary and the findings treat it like a worker operation's.
import type { DocumentFinding, RuleInfo } from '../../operations/findings';
import type { Operation, OperationSettings } from '../../operations/operation';
import type { FileFilter } from '../../operations/file-filter';
import { fileFilterMatcher } from '../../operations/file-filter';

export interface HostDocument {
  /** Absolute path. */
  readonly path: string;
  /** The workspace folder it was found under. */
  readonly root: string;
  readonly text: string;
  /** Content hash of the document's bytes (what its cached result is keyed by, with the settings). */
  readonly hash: string;
}

/** A host operation's answer for one document: plain JSON. */
export interface HostResult {
  readonly findings?: readonly DocumentFinding[];
  readonly data?: unknown;
}

export interface HostOperation {
  readonly id: string;
  /** Bump when results change for the same input: it invalidates cached results. */
  readonly version: number;
  /** Plain JSON, part of the cache key. */
  readonly settings?: OperationSettings;
  /** Which files it wants; absent or empty: every file. */
  readonly accepts?: FileFilter;
  readonly rules?: readonly RuleInfo[];
  /** Calls in flight at once (default 4). */
  readonly concurrency?: number;
  /** Calls started per second, averaged (a token bucket); absent: no limit. */
  readonly requestsPerSecond?: number;
  /** Calls that may start at once before the rate applies (default 1). */
  readonly burst?: number;
  /**
   * One document's result. `signal` aborts when the run is cancelled; the engine
   * stops waiting for the call then, whether or not the function honours it.
   */
  run(doc: HostDocument, signal: AbortSignal, progress: (message: string) => void): Promise<HostResult>;
}

/** A host operation's result as the engine keeps it. */
export interface HostOperationResult {
  readonly findings: readonly DocumentFinding[];
  readonly data?: unknown;
}

export interface HostOperationSummary {
  readonly documents: number;
  readonly findings: number;
}

/**
 * The engine-thread face of a host operation: what BatchRun builds (cache scope,
 * accepts, findings, the summary). Its chunk methods are never called: the
 * HostExecutor runs the operation's function instead.
 */
export function hostOperationFacade(op: HostOperation): Operation<null, HostOperationResult, HostOperationSummary> {
  const accepts = fileFilterMatcher(op.accepts);
  const fold = {
    start: (): HostOperationSummary => ({ documents: 0, findings: 0 }),
    add: (acc: HostOperationSummary, r: HostOperationResult): HostOperationSummary => ({ documents: acc.documents + 1, findings: acc.findings + r.findings.length }),
    end: (acc: HostOperationSummary) => acc,
  };
  const notInChunks = () => {
    throw new Error(`host operation "${op.id}" is run by the HostExecutor, not in chunks`);
  };
  return {
    id: op.id,
    version: op.version,
    settings: op.settings ?? {},
    accepts,
    map: notInChunks,
    empty: () => null,
    combine: notInChunks,
    finish: notInChunks,
    summarize: (results) => {
      let acc = fold.start();
      for (const r of results) acc = fold.add(acc, r);
      return acc;
    },
    fold,
    rules: op.rules ?? [],
    findings: (r) => r.findings,
  };
}

/** The host operations an engine knows, by id (the editor adds and removes them as extensions register). */
export class HostOperationSet {
  private readonly ops = new Map<string, HostOperation>();

  add(op: HostOperation): void {
    this.ops.set(op.id, op);
  }
  delete(id: string): void {
    this.ops.delete(id);
  }
  get(id: string): HostOperation | undefined {
    return this.ops.get(id);
  }
  has(id: string): boolean {
    return this.ops.has(id);
  }
}

/** A host function's answer checked and reduced to the result the engine keeps (JSON only). */
export function hostResultOf(op: HostOperation, answer: unknown): HostOperationResult {
  if (answer !== undefined && (answer === null || typeof answer !== 'object')) throw new Error(`host operation "${op.id}" answered ${String(answer)}, not { findings?, data? }`);
  const a = (answer ?? {}) as HostResult;
  if (a.findings !== undefined && !Array.isArray(a.findings)) throw new Error(`host operation "${op.id}": findings is not an array`);
  // Through JSON now: what the cache gives back later is exactly this.
  return JSON.parse(JSON.stringify({ findings: a.findings ?? [], ...(a.data !== undefined ? { data: a.data } : {}) })) as HostOperationResult;
}
