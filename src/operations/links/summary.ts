// Totals over documents: the summary fold (per-document findings per rule, local
// links, web links per host; mergeable across workers) and summarize() through it.
import type { SummaryFold } from '../operation';
import type { LinksResult, LinksRule, LinksSummary } from './types';
import { compareCodeUnits } from '../../util/order';

interface SummaryAcc {
  documents: number;
  findingsByRule: Partial<Record<LinksRule, number>>;
  localLinks: number;
  webLinks: number;
  webLinksByHost: Record<string, number>;
}

function addCounts<K extends string>(into: Partial<Record<K, number>>, from: Partial<Record<K, number>>): void {
  for (const k of Object.keys(from) as K[]) into[k] = (into[k] ?? 0) + (from[k] ?? 0);
}

export const linksFold: SummaryFold<LinksResult, LinksSummary, SummaryAcc> = {
  start: () => ({ documents: 0, findingsByRule: {}, localLinks: 0, webLinks: 0, webLinksByHost: {} }),
  add(acc, result) {
    acc.documents++;
    for (const f of result.findings) acc.findingsByRule[f.rule as LinksRule] = (acc.findingsByRule[f.rule as LinksRule] ?? 0) + 1;
    acc.localLinks += result.links.length;
    for (const [host, n] of Object.entries(result.web)) {
      acc.webLinks += n;
      acc.webLinksByHost[host] = (acc.webLinksByHost[host] ?? 0) + n;
    }
    return acc;
  },
  merge(a, b) {
    a.documents += b.documents;
    addCounts(a.findingsByRule, b.findingsByRule);
    a.localLinks += b.localLinks;
    a.webLinks += b.webLinks;
    addCounts(a.webLinksByHost, b.webLinksByHost);
    return a;
  },
  end(acc) {
    const hosts = Object.fromEntries(Object.entries(acc.webLinksByHost).sort(([a, na], [b, nb]) => nb - na || compareCodeUnits(a, b)));
    return { documents: acc.documents, findingsByRule: { ...acc.findingsByRule }, localLinks: acc.localLinks, webLinks: acc.webLinks, webLinksByHost: hosts };
  },
};

export function summarizeLinks(results: Iterable<LinksResult>): LinksSummary {
  let acc = linksFold.start();
  for (const r of results) acc = linksFold.add(acc, r);
  return linksFold.end(acc);
}
