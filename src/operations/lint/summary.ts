// Totals over documents: the summary fold (problems, fixable ones, counts per
// rule as 'rule:<id>' keys; mergeable across workers, and from a saved result's
// brief) and summarize() through it.
import type { LintResult, LintSummary } from './types';

type SummaryAcc = Record<string, number> & { documents: number; problems: number; fixable: number };

export const lintFold = {
  start: (): SummaryAcc => ({ documents: 0, problems: 0, fixable: 0 }),
  add(acc: Record<string, number>, r: LintResult) {
    acc.documents! += 1;
    acc.problems! += r.problems.length;
    for (const p of r.problems) {
      if (p.x) acc.fixable! += 1;
      acc[`rule:${p.r}`] = (acc[`rule:${p.r}`] ?? 0) + 1;
    }
    return acc;
  },
  brief: {
    // [problems, fixable ones, problems per rule when there are any]: what add() reads.
    of(r: LintResult): string {
      if (r.problems.length === 0) return '[0,0]';
      const byRule: Record<string, number> = {};
      let fixable = 0;
      for (const p of r.problems) {
        if (p.x) fixable++;
        byRule[p.r] = (byRule[p.r] ?? 0) + 1;
      }
      return JSON.stringify([r.problems.length, fixable, byRule]);
    },
    add(acc: Record<string, number>, text: string) {
      const b = JSON.parse(text) as [number, number, Record<string, number>?];
      acc.documents! += 1;
      acc.problems! += b[0];
      acc.fixable! += b[1];
      const byRule = b[2];
      if (byRule) for (const rule in byRule) acc[`rule:${rule}`] = (acc[`rule:${rule}`] ?? 0) + byRule[rule]!;
      return acc;
    },
  },
  merge(a: Record<string, number>, b: Record<string, number>) {
    const out = { ...a };
    for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
    return out;
  },
  end(acc: Record<string, number>): LintSummary {
    const byRule: Record<string, number> = {};
    for (const k of Object.keys(acc).filter((k) => k.startsWith('rule:')).sort()) byRule[k.slice(5)] = acc[k]!;
    return { documents: acc.documents ?? 0, problems: acc.problems ?? 0, fixable: acc.fixable ?? 0, byRule };
  },
};

export function summarizeLint(results: Iterable<LintResult>): LintSummary {
  let acc = lintFold.start();
  for (const r of results) acc = lintFold.add(acc, r) as SummaryAcc;
  return lintFold.end(acc);
}
