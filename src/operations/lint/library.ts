// markdownlint, loaded on first use: a worker that runs only other operations
// never loads or parses it (the registry imports every operation).
import * as os from 'node:os';

type MarkdownlintSync = typeof import('markdownlint/sync');
type Markdownlint = typeof import('markdownlint');
interface MarkdownlintHelpers {
  getPreferredLineEnding(input: string, os: { readonly EOL: string }): string;
}

let sync: MarkdownlintSync | undefined;
let main: Markdownlint | undefined;
let helpers: MarkdownlintHelpers | undefined;

/** 'markdownlint/sync': lint and readConfig. */
export const markdownlintSync = (): MarkdownlintSync => (sync ??= require('markdownlint/sync') as MarkdownlintSync);
/** 'markdownlint': applyFixes, resolveModule, getVersion. */
export const markdownlint = (): Markdownlint => (main ??= require('markdownlint') as Markdownlint);
/** 'markdownlint/helpers' (CommonJS, without type declarations). */
export const markdownlintHelpers = (): MarkdownlintHelpers => (helpers ??= require('markdownlint/helpers') as MarkdownlintHelpers);

/**
 * Line ending markdownlint's applyFixes writes for `text` (the most frequent one; the OS's when there is none).
 * Here, not beside the linting: the command line's --fix reaches it without loading the configuration parsers.
 */
export function preferredLineEnding(text: string): string {
  return markdownlintHelpers().getPreferredLineEnding(text, os);
}
