// The lint operation: markdownlint over Markdown documents, configured as
// markdownlint-cli2 configures them. markdownlint needs a document whole, so the
// partial is the text itself (combine concatenates; not splittable), and the
// linting happens in finishDocument(), which knows the document's place and so
// its configuration files (resolver.ts, config-files.ts).
import type { Chunk, DocumentPlace, OperationSettings } from '../operation';
import type { ConfigFileProbe } from './config-files';
import { type LintOptions, runMarkdownlint, toProblems } from './markdownlint';
import { LintConfigResolver, nodeConfigFileProbe } from './resolver';
import { MARKDOWNLINT_RULES, lintFindings } from './rules';
import { lintFold, summarizeLint } from './summary';
import { LINT_REPORT_OMITS, type LintOperation, type LintResult, type LintSettings } from './types';

export type { LintOperation, LintPartial, LintResult, LintSettings, LintSummary } from './types';
export { lintFindings } from './rules';

/** The file names markdownlint-cli2 lints when given a folder ("*.{md,markdown}", case-sensitive). */
export const LINTED_EXTENSIONS: readonly string[] = ['.md', '.markdown'];

/** See Operation.noFindingsText: in a result's JSON, it proves there are no findings and no notices. */
export const LINT_NO_FINDINGS_TEXT = '"problems":[],"configKey":';

export function createLint(settings: OperationSettings = {}, probe: ConfigFileProbe = nodeConfigFileProbe): LintOperation {
  const s = settings as LintSettings;
  const resolver = new LintConfigResolver(probe, { baseConfig: s.config, allowCode: s.allowCode === true });
  const lintText = (text: string, options: LintOptions): LintResult => ({ problems: toProblems(text, runMarkdownlint(text, options)) });
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
    summarize: summarizeLint,
    fold: lintFold,
    findings: lintFindings,
    notices: (r) => r.notices ?? [],
    // No problem, not ignored and no notice: finishDocument() writes `problems` first and
    // `configKey` last, with `ignored` and `notices` between them when there are any.
    // Three documents in four of tldr: their results need not be parsed.
    noFindingsText: LINT_NO_FINDINGS_TEXT,
    reportOmits: LINT_REPORT_OMITS,
  };
}
