// The links operation: checks the local links of Markdown documents (files,
// folders, fragments, references and definitions) and counts web links per
// host. Per-document work (one markdown-it parse) runs in the workers; what depends on
// other files runs in the workspace phase (resolver.ts) on the engine's side.
import picomatch from 'picomatch';
import type { Chunk, Operation, OperationSettings, SummaryFold } from '../operation';
import { analyzeDocument, type TargetFilter } from './document';
import { createLinksResolver, type RootPathFilter } from './resolver';
import { LINKS_RULES } from './rules';
import type { LinksFacts, LinksResult, LinksRule, LinksSettings, LinksSummary } from './types';

export type { LinksFacts, LinksResult, LinksRule, LinksSettings, LinksSummary, LinkFact } from './types';
export { LINKS_RULES } from './rules';
export { createLinksResolver, type LinksResolver } from './resolver';

/** File name endings of the documents the operation reads as Markdown. */
export const MARKDOWN_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.mdx'];

/** The partial of a run of chunks: the text they own, in order (Markdown is parsed whole). */
export type LinksPartial = string;

interface SummaryAcc {
  documents: number;
  findingsByRule: Partial<Record<LinksRule, number>>;
  localLinks: number;
  webLinks: number;
  webLinksByHost: Record<string, number>;
}

function readIgnore(settings: OperationSettings): readonly string[] {
  const ignore = (settings as LinksSettings).ignore;
  return Array.isArray(ignore) ? ignore.filter((p): p is string => typeof p === 'string') : [];
}

function addCounts<K extends string>(into: Partial<Record<K, number>>, from: Partial<Record<K, number>>): void {
  for (const k of Object.keys(from) as K[]) into[k] = (into[k] ?? 0) + (from[k] ?? 0);
}

const linksFold: SummaryFold<LinksResult, LinksSummary, SummaryAcc> = {
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
    const hosts = Object.fromEntries(Object.entries(acc.webLinksByHost).sort(([a, na], [b, nb]) => nb - na || (a < b ? -1 : a > b ? 1 : 0)));
    return { documents: acc.documents, findingsByRule: { ...acc.findingsByRule }, localLinks: acc.localLinks, webLinks: acc.webLinks, webLinksByHost: hosts };
  },
};

export function createLinks(settings: OperationSettings = {}): Operation<LinksPartial, LinksResult, LinksSummary> {
  const ignore = readIgnore(settings);
  const matchers = ignore.map((p) => picomatch(p, { dot: true }));
  const matches = (s: string): boolean => matchers.some((m) => m(s));
  const ignoredTarget: TargetFilter = (path, whole) => matchers.length > 0 && (matches(path) || matches(whole));
  const ignoredRootPath: RootPathFilter = (p) => matchers.length > 0 && matches(p);
  return {
    id: 'links',
    version: 2, // 2: markdown-it (autolink literals end where linkify-it ends them)
    settings: { ignore },
    accepts: (path) => {
      const lower = path.toLowerCase();
      return MARKDOWN_EXTENSIONS.some((ext) => lower.endsWith(ext));
    },
    map: (chunk: Chunk) => chunk.text.slice(chunk.overlap),
    mapInto: (before, chunk) => before + chunk.text.slice(chunk.overlap),
    empty: () => '',
    combine: (a, b) => a + b,
    finish: (text) => analyzeDocument(text, ignoredTarget),
    summarize(results) {
      let acc = linksFold.start();
      for (const r of results) acc = linksFold.add(acc, r);
      return linksFold.end(acc);
    },
    fold: linksFold,
    rules: LINKS_RULES,
    findings: (result) => result.findings,
    workspace: {
      facts: (result): LinksFacts => ({ anchors: result.anchors, links: result.links }),
      createResolver: (probe) => createLinksResolver(probe, ignoredRootPath),
    },
  };
}
