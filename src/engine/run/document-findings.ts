// What a run keeps of each settled document for its findings: the document's own
// findings go to the store at once, and the facts of operations with a workspace
// phase wait for that phase, which resolves them across documents at the end.
import type { CacheEntry } from '../cache/cache';
import type { FindingsStore } from '../findings/store';
import { runWorkspacePhase, type WorkspaceDocument } from '../findings/workspace';
import type { Cached, Processed } from '../types';
import type { Operation, WorkspaceResolver } from '../../operations/operation';

export class DocumentFindings {
  /** Operations with findings or a workspace phase, by index: their results are read as documents settle. */
  private readonly findingOps: readonly number[];
  /** Documents whose results feed a workspace phase. */
  private readonly workspaceDocs: WorkspaceDocument[] = [];
  /** What the operations had to tell the user, each once (Operation.notices). */
  private readonly said = new Set<string>();

  constructor(
    private readonly ops: readonly Operation[],
    readonly store: FindingsStore,
  ) {
    this.findingOps = ops.flatMap((op, i) => (op.findings || op.workspace || op.notices ? [i] : []));
  }

  /** Whether settled documents' results must be read (for findings or facts). */
  get wanted(): boolean {
    return this.findingOps.length > 0;
  }

  /** A settled document's findings into the store, and its facts for the workspace phases. */
  note(o: Processed | Cached, entries?: readonly CacheEntry[]): void {
    if (this.findingOps.length === 0) return;
    if (entries && this.provenFindingless(o.path, entries)) return;
    const results = o.results;
    for (const i of this.findingOps) {
      const op = this.ops[i]!;
      const r = results[op.id];
      if (r === undefined) continue;
      if (op.findings) this.store.set(o.path, op.id, 'document', op.findings(r));
      if (op.notices) for (const n of op.notices(r)) this.said.add(n);
      if (op.workspace) this.workspaceDocs.push({ op: i, path: o.path, root: o.root, facts: op.workspace.facts(r) });
    }
  }

  /** The operations' notices of this run, each once, in the order first said. */
  notices(): string[] {
    return [...this.said];
  }

  /** Across documents, from their facts. */
  resolveWorkspace(resolvers: Map<string, WorkspaceResolver>, signal: AbortSignal): Promise<void> {
    return runWorkspacePhase(this.ops, this.workspaceDocs, resolvers, this.store, signal);
  }

  /**
   * A run of one operation whose result is still JSON text that shows it has no
   * findings (Operation.noFindingsText): its (empty) findings are noted without
   * parsing the result, which is then parsed only if something reads it.
   */
  private provenFindingless(path: string, entries: readonly CacheEntry[]): boolean {
    const op = this.ops[0]!;
    const mark = op.noFindingsText;
    if (mark === undefined || this.ops.length !== 1 || entries.length !== 1 || op.workspace) return false;
    const json = entries[0]!.json;
    if (json === undefined) return false;
    const free = typeof json === 'string' ? json.includes(mark) : json.bytes.subarray(json.start, json.end).includes(mark);
    if (free) this.store.set(path, op.id, 'document', []);
    return free;
  }
}
