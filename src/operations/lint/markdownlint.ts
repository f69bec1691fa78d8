// Runs markdownlint (its public synchronous API) over one document and turns its
// results into the findings model's coordinates: 1-based lines, 1-based UTF-16
// columns, exclusive ends, fixes as text edits.
import type { Configuration, LintError, Rule } from 'markdownlint';
import type { Severity, TextEdit } from '../findings';
import { CONFIG_PARSERS } from './parse';
import { markdownlintSync, preferredLineEnding } from './library';

/** What markdownlint needs besides the text, as the configuration resolver gives it. */
export interface LintOptions {
  /** markdownlint's rule configuration; undefined: every rule on with its defaults. */
  readonly config?: Configuration;
  /** markdownlint-cli2's `frontMatter`: a regular expression's source (flag `u`). */
  readonly frontMatter?: string;
  readonly noInlineConfig?: boolean;
  /** Custom rules, loaded only where code may run (see LintConfigResolver). */
  readonly customRules?: readonly Rule[];
}

/**
 * One problem, compactly (results are cached and cross threads as JSON).
 * Columns are on line `l`; `x` are the fix's edits as [startLine, startColumn,
 * endLine, endColumn, newText].
 */
export interface LintProblem {
  /** Rule id ('MD013'). */
  readonly r: string;
  readonly l: number;
  /** Start column. */
  readonly c: number;
  /** End column (exclusive), on line l. */
  readonly e: number;
  /** The message: 'MD013/line-length: Line length [Expected: 80; Actual: 120]'. */
  readonly m: string;
  /** Present only for warnings: markdownlint 0.40 reports 'error' unless a rule is configured 'warning'. */
  readonly s?: 'warning';
  readonly x?: readonly CompactEdit[];
}

export type CompactEdit = readonly [startLine: number, startColumn: number, endLine: number, endColumn: number, newText: string];

const NAME = 'document';

/** markdownlint's results for `text` (no byte-order mark expected; one is ignored as markdownlint does). */
export function runMarkdownlint(text: string, options: LintOptions = {}): LintError[] {
  const results = markdownlintSync().lint({
    strings: { [NAME]: text },
    config: options.config,
    configParsers: CONFIG_PARSERS as never,
    customRules: options.customRules as Rule[] | undefined,
    frontMatter: options.frontMatter === undefined ? undefined : new RegExp(options.frontMatter, 'u'),
    noInlineConfig: Boolean(options.noInlineConfig),
    handleRuleFailures: true,
  });
  return results[NAME] ?? [];
}

/** The message the findings carry: names, description, detail and context as markdownlint-cli2 prints them. */
export function messageOf(error: LintError): string {
  let message = `${error.ruleNames.join('/')}: ${error.ruleDescription}`;
  if (error.errorDetail) message += ` [${error.errorDetail}]`;
  if (error.errorContext) message += ` [Context: "${error.errorContext}"]`;
  return message;
}

/** The lines of a text as markdownlint splits them (CR, LF and CRLF end a line), without their endings. */
export function splitLines(text: string): string[] {
  return text.split(/\r\n?|\n/);
}


/** markdownlint's results for one document as compact problems (see LintProblem). */
export function toProblems(text: string, errors: readonly LintError[]): LintProblem[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const lines = splitLines(body);
  const ending = errors.some((e) => e.fixInfo) ? preferredLineEnding(body) : '\n';
  const trailing = trailingDeletionStart(lines.length, errors);
  return errors.map((error) => {
    const line = error.lineNumber;
    const length = lines[line - 1]?.length ?? 0;
    // errorRange is [column, length]; without one, the problem spans the line.
    const [c = 1, width = length] = error.errorRange ?? [];
    const e = c + width;
    const problem: { -readonly [K in keyof LintProblem]: LintProblem[K] } = { r: error.ruleNames[0]!, l: line, c, e, m: messageOf(error) };
    if (error.severity === 'warning') problem.s = 'warning';
    if (error.fixInfo) problem.x = fixEdits(lines, line, error.fixInfo, ending, trailing).map(compact);
    return problem;
  });
}

/**
 * The first line of the run of lines that fixes delete at the end of the document
 * (Infinity when the last line is not deleted). applyFixes joins the lines left, so
 * deleting lines L..last also removes the line ending before L.
 */
function trailingDeletionStart(lineCount: number, errors: readonly LintError[]): number {
  const deleted = new Set<number>();
  for (const e of errors) if (e.fixInfo?.deleteCount === -1) deleted.add(e.fixInfo.lineNumber || e.lineNumber);
  let first = Infinity;
  for (let line = lineCount; deleted.has(line); line--) first = line;
  return first;
}

/**
 * Every markdownlint finding is a warning here, as markdownlint's own VS Code
 * extension shows them: the default `--fail-on error` then leaves a lint-only run
 * green; `--fail-on warning` fails on any problem, as markdownlint-cli2 does, and
 * `batchOperations.severity` raises single rules.
 */
export function severityOf(_problem: LintProblem): Severity {
  return 'warning';
}

interface FixInfoLike {
  readonly lineNumber?: number;
  readonly editColumn?: number;
  readonly deleteCount?: number;
  readonly insertText?: string;
}

/**
 * A markdownlint fixInfo as text edits (what applyFix does to one line). A
 * deleteCount of -1 removes the whole line with its line ending, except in the
 * run of deleted lines that ends the document (from line `trailingFrom` on; see
 * trailingDeletionStart): there each line goes with the line ending before it,
 * so that together they leave no ending behind, as applyFixes does. (When the
 * line before is empty, that range is also the one deleting that empty line, and
 * applyEdits reads it so: a fix of its own on either of the two empty lines may
 * then come out differently from applyFixes. markdownlint's rules make no such
 * fix on an empty line.)
 */
export function fixEdits(lines: readonly string[], errorLine: number, fixInfo: FixInfoLike, lineEnding: string, trailingFrom = Infinity): TextEdit[] {
  const line = fixInfo.lineNumber || errorLine;
  const column = fixInfo.editColumn || 1;
  const deleteCount = fixInfo.deleteCount || 0;
  const insertText = (fixInfo.insertText || '').replace(/\n/g, lineEnding);
  const length = lines[line - 1]?.length ?? 0;
  if (deleteCount === -1) {
    // Every line deleted: each with its own ending; the last one's end is past the
    // text (a position applyEdits reads as the end).
    if (trailingFrom === 1) return [edit(line, 1, line + 1, 1, '')];
    const inTrailingRun = line >= trailingFrom || line >= lines.length;
    if (!inTrailingRun) return [edit(line, 1, line + 1, 1, '')];
    return [edit(line - 1, (lines[line - 2]?.length ?? 0) + 1, line, length + 1, '')];
  }
  const start = Math.min(column, length + 1);
  const end = Math.min(Math.max(column + deleteCount, start), length + 1);
  return [edit(line, start, line, end, insertText)];
}

function edit(startLine: number, startColumn: number, endLine: number, endColumn: number, newText: string): TextEdit {
  return { range: { start: { line: startLine, column: startColumn }, end: { line: endLine, column: endColumn } }, newText };
}

function compact(e: TextEdit): CompactEdit {
  return [e.range.start.line, e.range.start.column, e.range.end.line, e.range.end.column, e.newText];
}

export function expandEdit([sl, sc, el, ec, newText]: CompactEdit): TextEdit {
  return edit(sl, sc, el, ec, newText);
}
