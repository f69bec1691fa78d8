// The workspace side of a run: at its end, each operation with a workspace phase
// gets every document's facts and resolves what changed.
import type { Operation, WorkspaceResolver } from '../../operations/operation';
import { nodeTargetProbe } from './probe';
import type { FindingsStore } from './store';

/** A document whose facts feed an operation's workspace phase. */
export interface WorkspaceDocument {
  /** The operation's index in the run. */
  readonly op: number;
  readonly path: string;
  readonly root: string;
  readonly facts: unknown;
}

/**
 * Hands each workspace phase its documents' facts and stores what it resolves.
 * A resolver the caller kept (the editor's) already knows the other documents:
 * only these are set, and only what depends on them is resolved again.
 */
export async function runWorkspacePhase(
  ops: readonly Operation[],
  docs: readonly WorkspaceDocument[],
  resolvers: Map<string, WorkspaceResolver>,
  store: FindingsStore,
  signal?: AbortSignal,
): Promise<void> {
  for (let i = 0; i < ops.length; i++) {
    const op = ops[i]!;
    if (!op.workspace) continue;
    let resolver = resolvers.get(op.id);
    if (!resolver) resolvers.set(op.id, (resolver = op.workspace.createResolver(nodeTargetProbe)));
    for (const d of docs) if (d.op === i) resolver.set(d.path, d.root, d.facts);
    const changed = await resolver.resolve(signal);
    for (const [path, findings] of changed) store.set(path, op.id, 'workspace', findings);
  }
}
