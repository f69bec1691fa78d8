// A large file analysed in byte ranges on every executor thread (see range.ts):
// the plan, the dispatch, and the join of the ranges' partials into the
// document's outcome, on the engine's thread.
import { performance } from 'node:perf_hooks';
import { finishAt, type Operation } from '../../operations/operation';
import { describeGenerated } from '../read/generated';
import { failedOutcome, skippedOutcome } from '../outcome';
import type { RangeJob, RangeOutcome } from './range';
import type { FailReason, Failed, Processed, Skipped, SkipReason } from '../types';

/** A worker's answer for a file it found worth splitting: nothing was analysed yet. */
export interface Split {
  readonly kind: 'split';
  readonly path: string;
  readonly root: string;
  readonly size: number;
  readonly mtimeMs: number;
  /** Bytes of the UTF-8 byte order mark, 0 or 3. */
  readonly bom: number;
}

/** Whether a streamed file of `size` bytes is worth cutting into ranges of rangeBytes. */
export function worthSplitting(size: number, rangeBytes: number): boolean {
  return rangeBytes > 0 && size >= 2 * rangeBytes;
}

/** The hash job first (it runs beside the ranges), then the ranges in document order. */
export function planRanges(s: Split, rangeBytes: number): RangeJob[] {
  const jobs: RangeJob[] = [{ path: s.path, size: s.size, from: 0, to: s.size, mode: 'hash', bom: s.bom }];
  for (let from = 0; from < s.size; from += rangeBytes) {
    jobs.push({ path: s.path, size: s.size, from, to: Math.min(s.size, from + rangeBytes), mode: 'map', bom: s.bom });
  }
  return jobs;
}

/**
 * Runs the plan with at most `parallel` jobs in flight, in order. Once a range
 * ends the document (an error, a generated verdict), later ranges are not
 * started; nor is anything while `paused` gives a promise (until it settles), nor
 * after `signal` aborts (the answer is then undefined).
 */
export async function runRanges(
  jobs: readonly RangeJob[],
  run: (job: RangeJob) => Promise<RangeOutcome>,
  parallel: number,
  signal: AbortSignal,
  paused: () => Promise<void> | undefined = () => undefined,
): Promise<Array<RangeOutcome | undefined> | undefined> {
  const answers: Array<RangeOutcome | undefined> = new Array(jobs.length).fill(undefined);
  let next = 0;
  let stop = false;
  const lane = async (): Promise<void> => {
    for (;;) {
      const wait = paused();
      if (wait) await wait;
      if (stop || signal.aborted || next >= jobs.length) return;
      const i = next++;
      const job = jobs[i]!;
      let answer: RangeOutcome;
      try {
        answer = await run(job);
      } catch (err) {
        answer = { kind: 'error', outcome: 'failed', reason: 'worker-crashed', detail: err instanceof Error ? err.message : String(err) };
      }
      answers[i] = answer;
      if (answer.kind === 'error' || (answer.kind === 'mapped' && answer.generated)) stop = true;
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, parallel) }, lane));
  return signal.aborted ? undefined : answers;
}

/**
 * The document's outcome from its plan's answers (aligned with planRanges):
 * whatever the first range in document order that did not finish cleanly says,
 * else the operations' results over all ranges, with the hash job's hash.
 */
export function joinRanges(
  s: Split,
  wanted: readonly Operation[],
  answers: ReadonlyArray<RangeOutcome | undefined>,
  started: number,
): Processed | Skipped | Failed {
  const base = { path: s.path, root: s.root, size: s.size, mtimeMs: s.mtimeMs };
  const partials = wanted.map((op) => op.empty());
  let lines = 0;
  for (let i = 1; i < answers.length; i++) {
    const a = answers[i];
    if (a === undefined) return failedOutcome(base, 'operation-error', `range ${i} of ${answers.length - 1} was never analysed`);
    if (a.kind === 'error') return endedBy(base, a);
    if (a.kind !== 'mapped') return failedOutcome(base, 'operation-error', `range ${i} answered '${a.kind}'`);
    if (a.generated) return skippedOutcome(base, 'generated', describeGenerated(a.generated, lines));
    lines += a.newlines;
    for (let k = 0; k < wanted.length; k++) partials[k] = wanted[k]!.combine(partials[k], a.partials[k]);
  }
  const hashed = answers[0];
  if (hashed?.kind === 'error') return endedBy(base, hashed);
  if (hashed?.kind !== 'hashed') return failedOutcome(base, 'operation-error', 'the content hash was never computed');
  const results: Record<string, unknown> = {};
  try {
    wanted.forEach((op, k) => {
      results[op.id] = finishAt(op, partials[k], s);
    });
  } catch (err) {
    return failedOutcome(base, 'operation-error', err instanceof Error ? `${err.name}: ${err.message}` : String(err));
  }
  return { kind: 'processed', ...base, hash: hashed.hash, results, source: 'disk', encoding: 'utf-8', ms: performance.now() - started };
}

function endedBy(base: { path: string; root: string; size: number; mtimeMs: number }, e: Extract<RangeOutcome, { kind: 'error' }>): Skipped | Failed {
  return e.outcome === 'skipped' ? skippedOutcome(base, e.reason as SkipReason, e.detail) : failedOutcome(base, e.reason as FailReason, e.detail);
}
