// The run's limits (maxDocuments, maxBytes, maxResults): which one was reached
// first, and how many documents maxDocuments still lets the run take, counting
// those handed to the executor and not settled yet.
import type { RunLimitName } from '../types';
import type { RunLimits } from './options';

export interface LimitFigures {
  /** Documents settled (processed, cached, skipped or failed). */
  readonly settled: number;
  readonly bytes: number;
  /** Outcomes kept for the report. */
  readonly kept: number;
}

export class LimitWatch {
  /** The limit reached, once one is. */
  reached: RunLimitName | undefined;
  /** Documents handed to the executor and not settled yet: maxDocuments counts them as taken. */
  inflight = 0;

  constructor(private readonly limits: RunLimits | undefined) {}

  documentsLeft(settled: number): number {
    const max = this.limits?.maxDocuments;
    return max === undefined ? Infinity : max - settled - this.inflight;
  }

  /** The limit these figures reach, if none was reached before (then never again). */
  check(f: LimitFigures): RunLimitName | undefined {
    const limits = this.limits;
    if (this.reached || !limits) return undefined;
    if (limits.maxDocuments !== undefined && this.documentsLeft(f.settled) <= 0) this.reached = 'maxDocuments';
    else if (limits.maxBytes !== undefined && f.bytes >= limits.maxBytes) this.reached = 'maxBytes';
    else if (limits.maxResults !== undefined && f.kept >= limits.maxResults) this.reached = 'maxResults';
    return this.reached;
  }
}
