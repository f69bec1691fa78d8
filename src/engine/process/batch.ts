// One batch of documents as an executor thread hands it back: each processed
// document's results as JSON text (the form the cache keeps and saves), and the
// summary's running totals for the batch already folded.
//
// Why text: a result is a small tree of objects. Cloned to the engine's thread it
// cost two structured-clone walks and, kept in the cache, a dozen heap objects per
// document for the garbage collector to trace on every pass; a string costs a copy
// and nothing after. The engine's thread parses a result only when something reads it.
import type { Operation } from '../../operations/operation';
import type { DocOutcome } from './process';
import type { Failed, Processed, Skipped } from '../types';

/** A processed document with each operation's result as JSON text (the cache keeps them per operation). */
export interface ProcessedText extends Omit<Processed, 'results'> {
  /** The operations that ran, in the run's order. */
  readonly ids: readonly string[];
  /** parts[i]: JSON text of ids[i]'s result. */
  readonly parts: readonly string[];
  /**
   * briefs[i]: the brief of ids[i]'s result for its summary fold (SummaryFold.brief),
   * when it has one; absent when no operation has one. It may be shorter than ids
   * (the editor's host operations append results without briefs).
   */
  readonly briefs?: readonly (string | undefined)[];
  /** Approximate bytes these results cost in the cache. */
  readonly cost: number;
}

export type JobOutcome = ProcessedText | Skipped | Failed | Extract<DocOutcome, { kind: 'unchanged' | 'split' }>;

export interface BatchResult {
  readonly outcomes: JobOutcome[];
  /**
   * Per operation (in the run's order): the summary fold of this batch's processed
   * results, for operations whose fold can merge; undefined for the others, which
   * the engine's thread folds from the text.
   */
  readonly folds?: readonly unknown[];
}

/** Whether an operation's summary is folded where its results are made. */
export function foldsOnExecutor(op: Operation): boolean {
  return op.fold?.merge !== undefined;
}

export class BatchCollector {
  private readonly outcomes: JobOutcome[] = [];
  private readonly folds: unknown[];

  /** Briefs are asked for and some operation's fold has one (the cache keeps it beside the result). */
  private readonly briefed: boolean;

  /** @param briefs make each result's brief (ProcessOptions.briefs) */
  constructor(
    private readonly ops: readonly Operation[],
    briefs = false,
  ) {
    this.folds = ops.map((op) => (foldsOnExecutor(op) ? op.fold!.start() : undefined));
    this.briefed = briefs && ops.some((op) => op.fold?.brief);
  }

  add(o: DocOutcome): void {
    if (o.kind !== 'processed') {
      this.outcomes.push(o);
      return;
    }
    const results = o.results;
    const ids: string[] = [];
    const parts: string[] = [];
    const briefs: (string | undefined)[] | undefined = this.briefed ? [] : undefined;
    let chars = 0;
    for (let i = 0; i < this.ops.length; i++) {
      const op = this.ops[i]!;
      const r = results[op.id];
      if (r === undefined) continue;
      if (foldsOnExecutor(op)) this.folds[i] = op.fold!.add(this.folds[i], r);
      const part = JSON.stringify(r);
      ids.push(op.id);
      parts.push(part);
      chars += part.length + op.id.length + 4;
      if (briefs) {
        const brief = op.fold?.brief?.of(r);
        briefs.push(brief);
        if (brief !== undefined) chars += brief.length;
      }
    }
    // A string's characters (two bytes each at worst) plus the entry that holds it.
    this.outcomes.push({
      kind: 'processed',
      path: o.path,
      root: o.root,
      size: o.size,
      mtimeMs: o.mtimeMs,
      hash: o.hash,
      source: o.source,
      encoding: o.encoding,
      ms: o.ms,
      ids,
      parts,
      ...(briefs ? { briefs } : {}),
      cost: 96 * ids.length + chars * 2,
    });
  }

  finish(): BatchResult {
    return { outcomes: this.outcomes, folds: this.folds };
  }
}
