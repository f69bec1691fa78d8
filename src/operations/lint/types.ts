// The lint operation's data: its settings, a document's result (markdownlint's
// problems, small enough to cache), the summary over documents, and the
// operation with its configuration resolver.
import type { Configuration } from 'markdownlint';
import type { Operation } from '../operation';
import type { LintProblem } from './markdownlint';
import type { LintConfigResolver } from './resolver';

/** The partial of a run of chunks: the text they own, in order (markdownlint needs a document whole). */
export type LintPartial = string;

export interface LintSettings {
  /** The setting batchOperations.lint.config: the base configuration, under the workspace's files. */
  readonly config?: Configuration;
  /** Load JavaScript configuration files and custom rules: only in a trusted workspace with batchOperations.lint.allowJavaScriptConfig. */
  readonly allowCode?: boolean;
}

/**
 * Members of a result the JSON report leaves out (Operation.reportOmits), kept in the
 * cache: the problems, which the report lists once as findings (with their fixes),
 * and the configuration key, the engine's own.
 */
export const LINT_REPORT_OMITS: readonly (keyof LintResult)[] = ['problems', 'configKey'];

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
}

export interface LintOperation extends Operation<LintPartial, LintResult, LintSummary> {
  /** The resolver finishDocument() uses: the engine calls invalidate() on it when a configuration file changes. */
  readonly resolver: LintConfigResolver;
}
