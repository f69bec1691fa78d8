// `--fix` and `--fix --dry-run`: every finding that carries a fix, of any
// operation, applied to the document it is about, and each changed document
// written through the one write path (kind 'document': only under the run's
// roots, only while it still holds the bytes that were analysed, its mode kept).
//
// The engine keeps no document text: each document is read again here, its bytes
// hashed and compared with the hash its outcome carries. A document whose bytes
// changed since the run is not patched ("changed since it was analysed; run
// again"). Each file is replaced atomically, so a failure part way leaves every
// file either as it was or fully fixed, and the result says which, file by file.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hashBytes, textFromBytes } from '../engine/read/read';
import type { Outcome } from '../engine/types';
import { writeAtomic } from '../engine/write/atomic-write';
import type { FindingsStore } from '../engine/findings/store';
import { applyEdits } from '../operations/edits';
import type { Finding, TextEdit } from '../operations/findings';
import { applyLintFixes, fixDiff } from '../operations/lint/fix';
import { byPath } from '../util/order';

const BOM = '\uFEFF';

/** A document with fixes, and the hash of the content its findings were computed from. */
export interface FixableDocument {
  readonly path: string;
  /** The outcome's content hash (read.ts hashBytes). */
  readonly hash: string;
  /** Its findings that carry a fix. */
  readonly findings: readonly Finding[];
}

export type FileFixStatus =
  | { readonly path: string; readonly status: 'fixed'; readonly problems: number }
  /** Its fixes change nothing (they conflict away, or undo each other). */
  | { readonly path: string; readonly status: 'unchanged' }
  | { readonly path: string; readonly status: 'refused'; readonly reason: string };

export interface FixResult {
  readonly files: readonly FileFixStatus[];
  /** With dryRun: the unified diff of every document that would change (paths relative to their root). */
  readonly diff: string;
  /** Findings whose fixes went into a written (or, dry, would-be written) document. */
  readonly fixedProblems: number;
  readonly fixedFiles: number;
}

/** The documents of a run that have fixable findings: processed or cached (they carry a hash), in path order. */
export function fixableDocuments(outcomes: readonly Outcome[], findings: FindingsStore): FixableDocument[] {
  const out: FixableDocument[] = [];
  for (const o of outcomes) {
    if (o.kind !== 'processed' && o.kind !== 'cached') continue;
    const withFix = findings.forFile(o.path).filter((f) => f.fix && f.fix.edits.length > 0);
    if (withFix.length > 0) out.push({ path: o.path, hash: o.hash, findings: withFix });
  }
  return out.sort(byPath);
}

/**
 * A document's text (as read, a byte-order mark included) with the fixes of
 * `findings` applied. When one of them is markdownlint's, the text is fixed as
 * markdownlint-cli2 --fix fixes it (every line ending the document's most
 * frequent one; see applyLintFixes), the other operations' edits applied in the
 * same pass. Otherwise only the edited ranges change: line endings, the final
 * newline and the byte-order mark stay as they were. Positions count from after
 * the byte-order mark, as the engine's text does.
 */
export function fixedText(text: string, findings: readonly Pick<Finding, 'operation' | 'fix'>[]): string {
  if (findings.some((f) => f.operation === 'lint' && f.fix)) return applyLintFixes(text, findings);
  const edits: TextEdit[] = [];
  for (const f of findings) if (f.fix) edits.push(...f.fix.edits);
  if (edits.length === 0) return text;
  const bom = text.startsWith(BOM) ? BOM : '';
  return bom + applyEdits(bom ? text.slice(1) : text, edits);
}

export interface FixOptions {
  /** The run's roots: no file outside them is written. */
  readonly roots: readonly string[];
  /** Compute the diff, write nothing. */
  readonly dryRun: boolean;
}

/** Applies each document's fixes and writes it (or, dry, diffs it). Never throws for one file: its status says what happened. */
export function fixDocuments(documents: readonly FixableDocument[], options: FixOptions): FixResult {
  const files: FileFixStatus[] = [];
  let diff = '';
  let fixedProblems = 0;
  for (const doc of documents) {
    const status = fixDocument(doc, options, (before, after) => (diff += fixDiff(displayPath(doc.path, options.roots), before, after)));
    if (status.status === 'fixed') fixedProblems += status.problems;
    files.push(status);
  }
  return { files, diff, fixedProblems, fixedFiles: files.filter((f) => f.status === 'fixed').length };
}

function fixDocument(doc: FixableDocument, options: FixOptions, onChange: (before: string, after: string) => void): FileFixStatus {
  const refused = (reason: string): FileFixStatus => ({ path: doc.path, status: 'refused', reason });
  let bytes: Buffer;
  try {
    bytes = fs.readFileSync(doc.path);
  } catch (err) {
    return refused(`cannot be read (${(err as NodeJS.ErrnoException).code ?? String(err)})`);
  }
  if (hashBytes(bytes) !== doc.hash) return refused('changed since it was analysed; run again');
  // Only UTF-8 is written back: the bytes must decode as the engine decoded them and encode to themselves.
  const text = bytes.toString('utf8');
  if (textEncodingOf(bytes) !== 'utf-8' || !Buffer.from(text, 'utf8').equals(bytes)) return refused('is not UTF-8 text; fixes are written to UTF-8 documents only');
  const after = fixedText(text, doc.findings);
  if (after === text) return { path: doc.path, status: 'unchanged' };
  onChange(text, after);
  if (!options.dryRun) {
    const written = writeAtomic({ kind: 'document', path: doc.path, inputRoots: options.roots, expectedHash: doc.hash }, after);
    if (written.kind === 'refused') {
      return refused(written.reason === 'content-changed' ? 'changed since it was analysed; run again' : written.detail);
    }
  }
  return { path: doc.path, status: 'fixed', problems: doc.findings.length };
}

function textEncodingOf(bytes: Buffer): string | undefined {
  try {
    return textFromBytes(bytes).encoding;
  } catch {
    return undefined;
  }
}

/** The path relative to the root it is under (forward slashes), as a diff names it; absolute when under none. */
function displayPath(file: string, roots: readonly string[]): string {
  for (const root of roots) {
    const rel = path.relative(root, file);
    if (rel && !rel.startsWith('..') && !path.isAbsolute(rel)) return rel.split(path.sep).join('/');
  }
  return file.split(path.sep).join('/');
}

/** One line each for the files that were not fixed, and the total (for standard error). */
export function fixSummaryLines(result: FixResult, dryRun: boolean): string[] {
  const lines: string[] = [];
  for (const f of result.files) {
    if (f.status === 'fixed') lines.push(`${dryRun ? 'would fix' : 'fixed'} ${f.path} (${f.problems} ${f.problems === 1 ? 'problem' : 'problems'})`);
    else if (f.status === 'refused') lines.push(`not fixed: ${f.path}: ${f.reason}`);
  }
  const problems = `${result.fixedProblems} ${result.fixedProblems === 1 ? 'problem' : 'problems'}`;
  const files = `${result.fixedFiles} ${result.fixedFiles === 1 ? 'file' : 'files'}`;
  lines.push(dryRun ? `would fix ${problems} in ${files} (dry run: nothing written)` : `fixed ${problems} in ${files}`);
  return lines;
}
