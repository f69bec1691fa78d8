// What the Problems panel shows of the findings, decided without the editor:
// which documents wait for an update, which of a document's findings fit under
// the caps (per document and across the workspace), and how much one flush does
// before it hands the extension host back. The glue (src/ui/diagnostics.ts)
// turns each update into vscode.Diagnostics and sends them in one message.
import type { Finding } from '../../operations/findings';
import { SEVERITIES } from '../../operations/findings';
import { RESULTS_REFRESH_MIN_MS, resultsRefreshMs } from './resultsRefresh';

export interface ProblemsLimits {
  /** At most this many diagnostics per document. */
  readonly maxPerFile: number;
  /** Across the workspace: hundreds of thousands of diagnostics make the Problems panel and the editor crawl. */
  readonly maxTotal: number;
  /** A slice hands the extension host back after about this long. */
  readonly sliceMs: number;
  /** The clock is read once per this many documents (reading findings is the cost, not the clock). */
  readonly clockEvery: number;
}

export const PROBLEMS_LIMITS: ProblemsLimits = { maxPerFile: 1000, maxTotal: 20_000, sliceMs: 10, clockEvery: 32 };

/** The longest wait between the Problems panel's updates while a run goes, reached at 19,000 diagnostics shown. */
export const PROBLEMS_FLUSH_MAX_MS = 5000;

/**
 * How long the Problems panel's updates wait, so that they go in fewer messages.
 * Each message makes the workbench update its markers and, with the panel open,
 * redraw it, on the cores the workers need: over tldr (18,000 lint warnings), the
 * workbench's renderer used 90 s of CPU in a 176 s cold run with an update every
 * 250 ms, 41 s in 141 s with one every 2 s, and 32 s in 142 s with the panel
 * closed. While a run goes, the wait grows with the diagnostics shown, in the
 * Results view's steps (250 ms more per thousand) up to PROBLEMS_FLUSH_MAX_MS, so
 * that what a redraw costs, about the diagnostics shown, comes at a bounded rate;
 * between runs it is the shortest, and a run's end sends at once.
 */
export function problemsFlushMs(shownDiagnostics: number, running: boolean): number {
  return running ? resultsRefreshMs(shownDiagnostics, PROBLEMS_FLUSH_MAX_MS) : RESULTS_REFRESH_MIN_MS;
}

/** One document's diagnostics from now on: the findings to show (none: clear it). */
export interface ProblemsUpdate {
  readonly path: string;
  readonly shown: readonly Finding[];
}

export interface ProblemsSlice {
  /** At most one per document, in the order they were queued. */
  readonly updates: readonly ProblemsUpdate[];
  /** Documents still waiting: run another slice once the event loop has turned. */
  readonly more: boolean;
  /** True on the first slice since rearmCapWarning() that left findings out for the workspace cap. */
  readonly reachedTotalCap: boolean;
}

export class ProblemsPlan {
  private readonly pending = new Set<string>();
  /** How many diagnostics each document shows. */
  private readonly shownCount = new Map<string, number>();
  private total = 0;
  private warned = false;

  constructor(
    private readonly findingsOf: (path: string) => readonly Finding[],
    private readonly now: () => number,
    private readonly limits: ProblemsLimits = PROBLEMS_LIMITS,
  ) {}

  /** These documents' findings changed. */
  queue(paths: Iterable<string>): void {
    for (const p of paths) this.pending.add(p);
  }

  /** Every document again (a setting changed): those shown and those with findings. */
  queueAll(withFindings: Iterable<string>): void {
    this.queue(this.shownCount.keys());
    this.queue(withFindings);
    this.warned = false;
  }

  /** A new run: reaching the workspace cap is worth saying again. */
  rearmCapWarning(): void {
    this.warned = false;
  }

  get waiting(): number {
    return this.pending.size;
  }

  /** Diagnostics shown across the workspace. */
  get shownTotal(): number {
    return this.total;
  }

  /** The next slice of updates: works for about `sliceMs`; `enabled` false clears what is shown. */
  next(enabled: boolean): ProblemsSlice {
    const { maxPerFile, maxTotal, sliceMs, clockEvery } = this.limits;
    const started = this.now();
    const updates: ProblemsUpdate[] = [];
    let reachedTotalCap = false;
    let n = 0;
    for (const p of this.pending) {
      if (n > 0 && n % clockEvery === 0 && this.now() - started > sliceMs) break;
      n++;
      this.pending.delete(p);
      const findings = enabled ? this.findingsOf(p) : [];
      const before = this.shownCount.get(p);
      if (findings.length === 0 && before === undefined) continue;
      const room = Math.max(0, maxTotal - (this.total - (before ?? 0)));
      const wanted = Math.min(findings.length, maxPerFile);
      const kept = Math.min(wanted, room);
      if (kept < wanted && !this.warned) {
        this.warned = true;
        reachedTotalCap = true;
      }
      this.total += kept - (before ?? 0);
      if (kept > 0) this.shownCount.set(p, kept);
      else this.shownCount.delete(p);
      updates.push({ path: p, shown: mostSevere(findings, kept) });
    }
    return { updates, more: this.pending.size > 0, reachedTotalCap };
  }

  /** Forgets everything (the collection was cleared); returns the documents that showed diagnostics. */
  clear(): string[] {
    const shown = [...this.shownCount.keys()];
    this.shownCount.clear();
    this.pending.clear();
    this.total = 0;
    this.warned = false;
    return shown;
  }
}

/**
 * The `count` findings to show of a document's (sorted by position): the most
 * severe first when they do not all fit, shown in their document order.
 */
export function mostSevere(findings: readonly Finding[], count: number): readonly Finding[] {
  if (count >= findings.length) return findings;
  if (count <= 0) return [];
  const rank = (f: Finding) => SEVERITIES.indexOf(f.severity);
  const order = findings.map((_, i) => i).sort((a, b) => rank(findings[b]!) - rank(findings[a]!) || a - b);
  return order
    .slice(0, count)
    .sort((a, b) => a - b)
    .map((i) => findings[i]!);
}
