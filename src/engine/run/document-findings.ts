// What a run keeps of each settled document for its findings: the document's own
// findings go to the store at once, and the facts of operations with a workspace
// phase wait for that phase, which resolves them across documents at the end.
import { entryOf, entryResults, type CacheEntry } from '../cache/cache';
import type { FindingsStore } from '../findings/store';
import { runWorkspacePhase, type WorkspaceDocument } from '../findings/workspace';
import type { Cached, Processed } from '../types';
import type { Operation, WorkspaceResolver } from '../../operations/operation';
import { bytesInclude } from '../../util/bytes';

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

  /**
   * A settled document's findings into the store, and its facts for the workspace
   * phases. With its entries (one per operation), each operation's result is read
   * from its own entry, and one whose text proves it has no findings is not parsed
   * at all: a warm run of several operations parsed every result of every document
   * to find the few that have findings (analyze, links, lint over tldr: 38,000
   * analyze results kept parsed to the end of the run for nothing).
   */
  note(o: Processed | Cached, entries?: readonly CacheEntry[]): void {
    if (this.findingOps.length === 0) return;
    for (const i of this.findingOps) {
      const op = this.ops[i]!;
      const entry = entries ? entryOf(entries, op.id) : undefined;
      if (entry && provenFindingless(op, entry)) {
        this.store.set(o.path, op.id, 'document', []);
        continue;
      }
      const r = entry ? entryResults(entry)[op.id] : o.results[op.id];
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

}

/**
 * An operation's result still as JSON text that shows it has no findings and no
 * notices (Operation.noFindingsText): noted as such without parsing it, and then
 * parsed only if something reads it. Not for an operation with a workspace phase,
 * which needs the result's facts.
 */
function provenFindingless(op: Operation, entry: CacheEntry): boolean {
  const mark = op.noFindingsText;
  const json = entry.json;
  if (mark === undefined || op.workspace || json === undefined) return false;
  return typeof json === 'string' ? json.includes(mark) : bytesInclude(json.bytes, json.start, json.end, mark);
}
