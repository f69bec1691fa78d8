// Every finding of every operation, by document: those an operation made from the
// document alone (in the workers) and those its workspace phase made across
// documents. One store feeds the Problems panel, the Results view, the reports
// and the exit status; it says which documents changed, so each listener updates
// just those.
import type { DocumentFinding, Finding, SeverityOverride } from '../../operations/findings';
import { applySeverities, compareFindings, withOrigin } from '../../operations/findings';
import type { FindingCounts } from '../types';

/** Where a document's findings came from: its own text, or the workspace phase. */
export type FindingPhase = 'document' | 'workspace';

interface DocumentEntry {
  /** operation id -> phase -> findings */
  readonly byOperation: Map<string, { document?: readonly Finding[]; workspace?: readonly Finding[] }>;
}

export type FindingsListener = (paths: readonly string[]) => void;

export class FindingsStore {
  private readonly docs = new Map<string, DocumentEntry>();
  private readonly listeners = new Set<FindingsListener>();
  private pending = new Set<string>();
  private total = 0;
  /** Every finding in order (all()), kept until the next change: a run's end asks for it several times (report, exit status, counts). */
  private everything: readonly Finding[] | undefined;

  constructor(private severities: Readonly<Record<string, SeverityOverride>> = {}) {}

  /** Replaces one phase's findings of one operation for a document (an empty list removes them). */
  set(path: string, operation: string, phase: FindingPhase, findings: readonly DocumentFinding[]): void {
    let doc = this.docs.get(path);
    const had = doc?.byOperation.get(operation)?.[phase]?.length ?? 0;
    if (findings.length === 0 && had === 0) return;
    if (!doc) this.docs.set(path, (doc = { byOperation: new Map() }));
    let slot = doc.byOperation.get(operation);
    if (!slot) doc.byOperation.set(operation, (slot = {}));
    slot[phase] = findings.length === 0 ? undefined : findings.map((f) => withOrigin(f, operation, path));
    this.total += (slot[phase]?.length ?? 0) - had;
    if (!slot.document && !slot.workspace) doc.byOperation.delete(operation);
    if (doc.byOperation.size === 0) this.docs.delete(path);
    this.pending.add(path);
    this.everything = undefined;
  }

  /** Drops every finding of a document (deleted, or out of the workspace). */
  delete(path: string): void {
    const doc = this.docs.get(path);
    if (!doc) return;
    for (const slot of doc.byOperation.values()) this.total -= (slot.document?.length ?? 0) + (slot.workspace?.length ?? 0);
    this.docs.delete(path);
    this.pending.add(path);
    this.everything = undefined;
  }

  /** Drops an operation's findings everywhere (it was unregistered or turned off). */
  deleteOperation(operation: string): void {
    for (const [path, doc] of this.docs) {
      const slot = doc.byOperation.get(operation);
      if (!slot) continue;
      this.total -= (slot.document?.length ?? 0) + (slot.workspace?.length ?? 0);
      doc.byOperation.delete(operation);
      if (doc.byOperation.size === 0) this.docs.delete(path);
      this.pending.add(path);
      this.everything = undefined;
    }
  }

  /** A document's findings, every operation and phase, at the user's severities ('off' left out), sorted by position. */
  forFile(path: string): Finding[] {
    const doc = this.docs.get(path);
    if (!doc) return [];
    const out: Finding[] = [];
    for (const slot of doc.byOperation.values()) {
      if (slot.document) out.push(...slot.document);
      if (slot.workspace) out.push(...slot.workspace);
    }
    return applySeverities(out, this.severities).sort(compareFindings);
  }

  /** The documents that have findings. */
  files(): IterableIterator<string> {
    return this.docs.keys();
  }

  /**
   * Every finding, sorted by file and position: each document's findings (forFile,
   * whose `file` is the document's path) in the order of the paths, which is
   * compareFindings' order of files (UTF-16 code units, as sort() compares strings).
   */
  all(): Finding[] {
    return [...this.ordered()];
  }

  /** all()'s list itself, made once per change. */
  private ordered(): readonly Finding[] {
    if (!this.everything) {
      const out: Finding[] = [];
      for (const path of [...this.docs.keys()].sort()) for (const f of this.forFile(path)) out.push(f);
      this.everything = out;
    }
    return this.everything;
  }

  /** Findings by operation and severity (after severities), with a zero entry for each of `operations`. */
  counts(operations: readonly string[] = []): Record<string, FindingCounts> {
    const out: Record<string, FindingCounts> = {};
    for (const id of operations) out[id] = { error: 0, warning: 0, info: 0 };
    for (const f of this.ordered()) {
      const c = (out[f.operation] ??= { error: 0, warning: 0, info: 0 }) as { error: number; warning: number; info: number };
      c[f.severity]++;
    }
    return out;
  }

  /** Findings stored, before severities ('off' included). */
  get size(): number {
    return this.total;
  }

  /** Replaces the per-rule severities; every document with findings counts as changed. */
  setSeverities(severities: Readonly<Record<string, SeverityOverride>>): void {
    this.severities = severities;
    this.everything = undefined;
    for (const path of this.docs.keys()) this.pending.add(path);
  }

  onDidChange(listener: FindingsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells listeners which documents changed since the last flush. */
  flush(): void {
    if (this.pending.size === 0) return;
    const paths = [...this.pending];
    this.pending = new Set();
    for (const l of this.listeners) l(paths);
  }
}
