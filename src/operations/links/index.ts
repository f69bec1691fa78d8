// The links operation: checks the local links of Markdown documents (files,
// folders, fragments, references and definitions) and counts web links per
// host. Per-document work (one markdown-it parse) runs in the workers; what depends on
// other files runs in the workspace phase (resolver.ts) on the engine's side.
// The parts: types.ts, rules.ts (and finding.ts, how a finding is made),
// summary.ts (the fold); document.ts and what it uses read one document.
import picomatch from 'picomatch';
import type { Chunk, Operation, OperationSettings } from '../operation';
import type { TargetFilter } from './document';
import { createLinksResolver, type RootPathFilter } from './resolver';
import { LINKS_RULES } from './rules';
import { linksFold, summarizeLinks } from './summary';
import { LINKS_REPORT_OMITS, type LinksFacts, type LinksPartial, type LinksResult, type LinksSettings, type LinksSummary } from './types';

export type { LinksFacts, LinksPartial, LinksResult, LinksRule, LinksSettings, LinksSummary, LinkFact } from './types';
export { LINKS_RULES } from './rules';
export { createLinksResolver, type LinksResolver } from './resolver';

// The per-document phase (markdown-it, linkify-it, the slugger: most of the code)
// is required when the first document is analysed, not when the operation is
// built: a run whose results all come from the cache needs the resolver only.
// The bundle keeps it in a file of its own (op-links-parse.js; see esbuild.mjs).
type DocumentModule = typeof import('./document');
let documentModule: DocumentModule | undefined;
const loadDocument = (): DocumentModule => (documentModule ??= require('./document') as DocumentModule);

/** File name endings of the documents the operation reads as Markdown. */
export const MARKDOWN_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.mdx'];

function readIgnore(settings: OperationSettings): readonly string[] {
  const ignore = (settings as LinksSettings).ignore;
  return Array.isArray(ignore) ? ignore.filter((p): p is string => typeof p === 'string') : [];
}

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
    finish: (text) => loadDocument().analyzeDocument(text, ignoredTarget),
    summarize: summarizeLinks,
    fold: linksFold,
    rules: LINKS_RULES,
    findings: (result) => result.findings,
    reportOmits: LINKS_REPORT_OMITS,
    workspace: {
      facts: (result): LinksFacts => ({ anchors: result.anchors, links: result.links }),
      createResolver: (probe) => createLinksResolver(probe, ignoredRootPath),
    },
  };
}
