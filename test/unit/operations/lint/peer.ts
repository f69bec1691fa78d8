// Running markdownlint-cli2 (its JS API) and this project's lint core over the same
// folder, for the peer comparison tests.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createLint, lintFindings, type LintResult } from '../../../../src/operations/lint';
import { applyLintFixes } from '../../../../src/operations/lint/fix';

export const FIXTURES = path.resolve(__dirname, '../../../fixtures/lint');
export const WORKSPACE = path.join(FIXTURES, 'workspace');

const copies: string[] = [];

/** A fresh copy of `dir` in a temporary folder (removeCopies() deletes them). */
export function copyTree(dir: string): string {
  const target = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-peer-'));
  fs.cpSync(dir, target, { recursive: true });
  copies.push(target);
  return target;
}

export function removeCopies(): void {
  for (const dir of copies.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
}

/** Markdown files as markdownlint-cli2's "**\/*.{md,markdown}" finds them (no symbolic links followed). */
export function markdownFiles(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (e.isFile() && /\.(md|markdown)$/.test(e.name)) out.push(p);
    }
  };
  walk(root);
  return out.sort();
}

export interface Cli2Problem {
  readonly fileName: string;
  readonly lineNumber: number;
  readonly ruleNames: readonly string[];
}

/** markdownlint-cli2's results over root (JavaScript configuration not imported, as ours without allowCode). */
export async function runCli2(root: string, options: { fix?: boolean; config?: object; argv?: string[] } = {}): Promise<Cli2Problem[]> {
  const moduleId: string = 'markdownlint-cli2'; // an ES module without type declarations
  const { main } = (await import(moduleId)) as {
    main(params: Record<string, unknown>): Promise<number>;
  };
  let results: Cli2Problem[] = [];
  await main({
    directory: root,
    argv: [...(options.argv ?? ['**/*.{md,markdown}']), ...(options.fix ? ['--fix'] : [])],
    noImport: true,
    optionsDefault: options.config ? { config: options.config } : undefined,
    optionsOverride: { noBanner: true, noProgress: true, outputFormatters: [[(o: { results: Cli2Problem[] }) => void (results = o.results)]] },
    logMessage: () => undefined,
    logError: () => undefined,
  });
  return results;
}

/** "file:line:rule" keys, sorted. */
export function cli2Keys(problems: readonly Cli2Problem[]): string[] {
  return problems.map((p) => `${p.fileName}:${p.lineNumber}:${p.ruleNames[0]}`).sort();
}

/** Our lint results for every Markdown file under root, as the engine would produce them (BOM stripped). */
export function runOurs(root: string, settings: Record<string, unknown> = {}): Map<string, { text: string; result: LintResult }> {
  const op = createLint(settings);
  const out = new Map<string, { text: string; result: LintResult }>();
  for (const file of markdownFiles(root)) {
    if (!op.accepts(file)) continue;
    const text = fs.readFileSync(file, 'utf8');
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    out.set(path.relative(root, file).split(path.sep).join('/'), { text, result: op.finishDocument!(op.map({ text: body, start: 0, end: body.length, overlap: 0, line: 1, last: true }), { path: file, root }) });
  }
  return out;
}

export function ourKeys(results: Map<string, { result: LintResult }>): string[] {
  const keys: string[] = [];
  for (const [file, { result }] of results) for (const p of result.problems) keys.push(`${file}:${p.l}:${p.r}`);
  return keys.sort();
}

/** Writes our fixes into root's files (a temporary copy only). */
export function fixOurs(root: string, settings: Record<string, unknown> = {}): void {
  for (const [file, { text, result }] of runOurs(root, settings)) {
    const fixed = applyLintFixes(text, lintFindings(result));
    if (fixed !== text) fs.writeFileSync(path.join(root, file), fixed, 'utf8');
  }
}
