// The lint operation: markdownlint over Markdown documents, configured as
// markdownlint-cli2 configures them. markdownlint needs a document whole, so the
// partial is the text itself (combine concatenates; not splittable), and the
// linting happens in finishDocument(), which knows the document's place and so
// its configuration files.
import type { Configuration } from 'markdownlint';
import type { DocumentFinding } from './findings';
import type { Chunk, DocumentPlace, Operation, OperationSettings } from './operation';
import { type LintOptions, type LintProblem, expandEdit, runMarkdownlint, severityOf, toProblems } from './lint/markdownlint';
import { LintConfigResolver, nodeConfigFileProbe } from './lint/resolver';
import type { ConfigFileProbe } from './lint/config-files';
import { MARKDOWNLINT_RULES } from './lint/rules';

export interface LintSettings {
  /** The setting batchOperations.lint.config: the base configuration, under the workspace's files. */
  readonly config?: Configuration;
  /** Load JavaScript configuration files and custom rules: only in a trusted workspace with batchOperations.lint.allowJavaScriptConfig. */
  readonly allowCode?: boolean;
}

export interface LintResult {
  readonly problems: readonly LintProblem[];
  /** The configuration's `ignores` leave the document out: nothing was linted. */
  readonly ignored?: true;
  /** What the configuration resolver had to say (JavaScript configuration not loaded). */
  readonly notices?: readonly string[];
  /**
   * The key of the configuration it was linted with (finishDocument only): the engine
   * can check it against the key it put in the cache key, since a worker's resolver
   * keeps what it read until its invalidate() is called.
   */
  readonly configKey?: string;
}

export interface LintSummary {
  readonly documents: number;
  readonly problems: number;
  readonly fixable: number;
  readonly byRule: Readonly<Record<string, number>>;
  /** What the configuration resolver had to say, each once (JavaScript configuration not loaded). */
  readonly notices?: readonly string[];
}

/** The file names markdownlint-cli2 lints when given a folder ("*.{md,markdown}", case-sensitive). */
export const LINTED_EXTENSIONS: readonly string[] = ['.md', '.markdown'];

export interface LintOperation extends Operation<string, LintResult, LintSummary> {
  /** The resolver finishDocument() uses: the engine calls invalidate() on it when a configuration file changes. */
  readonly resolver: LintConfigResolver;
}

export function createLint(settings: OperationSettings = {}, probe: ConfigFileProbe = nodeConfigFileProbe): LintOperation {
  const s = settings as LintSettings;
  const resolver = new LintConfigResolver(probe, { baseConfig: s.config, allowCode: s.allowCode === true });
  const lintText = (text: string, options: LintOptions): LintResult => ({ problems: toProblems(text, runMarkdownlint(text, options)) });
  const fold = {
    start: (): Record<string, number> & { documents: number; problems: number; fixable: number } => ({ documents: 0, problems: 0, fixable: 0 }),
    add(acc: Record<string, number>, r: LintResult) {
      acc.documents! += 1;
      acc.problems! += r.problems.length;
      for (const p of r.problems) {
        if (p.x) acc.fixable! += 1;
        acc[`rule:${p.r}`] = (acc[`rule:${p.r}`] ?? 0) + 1;
      }
      for (const n of r.notices ?? []) acc[`notice:${n}`] = (acc[`notice:${n}`] ?? 0) + 1;
      return acc;
    },
    merge(a: Record<string, number>, b: Record<string, number>) {
      const out = { ...a };
      for (const [k, v] of Object.entries(b)) out[k] = (out[k] ?? 0) + v;
      return out;
    },
    end(acc: Record<string, number>): LintSummary {
      const byRule: Record<string, number> = {};
      for (const k of Object.keys(acc).filter((k) => k.startsWith('rule:')).sort()) byRule[k.slice(5)] = acc[k]!;
      const notices = Object.keys(acc).filter((k) => k.startsWith('notice:')).sort().map((k) => k.slice(7));
      return { documents: acc.documents ?? 0, problems: acc.problems ?? 0, fixable: acc.fixable ?? 0, byRule, ...(notices.length > 0 ? { notices } : {}) };
    },
  };
  return {
    id: 'lint',
    version: 1,
    settings,
    splittable: false,
    resolver,
    rules: MARKDOWNLINT_RULES,
    accepts: (path) => LINTED_EXTENSIONS.some((ext) => path.endsWith(ext)),
    map: (chunk: Chunk) => (chunk.overlap > 0 ? chunk.text.slice(chunk.overlap) : chunk.text),
    mapInto: (before: string, chunk: Chunk) => before + (chunk.overlap > 0 ? chunk.text.slice(chunk.overlap) : chunk.text),
    empty: () => '',
    combine: (a, b) => a + b,
    finish: (text) => lintText(text, { config: s.config }),
    cacheKeyFor: (doc: DocumentPlace) => resolver.configFor(doc.path, doc.root).key,
    finishDocument(text: string, doc: DocumentPlace): LintResult {
      const c = resolver.configFor(doc.path, doc.root);
      if (c.error) throw new Error(c.error);
      const result: LintResult = c.ignored ? { problems: [], ignored: true } : lintText(text, c.options);
      return { ...result, ...(c.notices.length > 0 ? { notices: c.notices } : {}), configKey: c.key };
    },
    summarize: (results) => {
      let acc = fold.start();
      for (const r of results) acc = fold.add(acc, r) as typeof acc;
      return fold.end(acc);
    },
    fold,
    findings: lintFindings,
  };
}

/** A lint result's problems as findings, in markdownlint's order. */
export function lintFindings(result: LintResult): DocumentFinding[] {
  return result.problems.map((p) => {
    const finding: DocumentFinding = {
      rule: p.r,
      severity: severityOf(p),
      message: p.m,
      range: { start: { line: p.l, column: p.c }, end: { line: p.l, column: p.e } },
      ...(p.x ? { fix: { description: `Fix ${p.m.slice(0, p.m.indexOf(':'))}`, edits: p.x.map(expandEdit) } } : {}),
    };
    return finding;
  });
}
