// How the links operation makes a finding: its rule's default severity, a
// message, and a range (1-based lines and UTF-16 columns, end exclusive).
import type { DocumentFinding, Fix, TextRange } from '../findings';
import { DEFAULT_SEVERITY } from './rules';
import type { LinksRule } from './types';

export function range(line: number, column: number, endLine: number, endColumn: number): TextRange {
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
}

/** A finding of `rule` at `r`, with a fix when there is one (no `fix: undefined` key: results are cached as JSON). */
export function finding(rule: LinksRule, message: string, r: TextRange, fix?: Fix): DocumentFinding {
  const f: DocumentFinding = { rule, severity: DEFAULT_SEVERITY[rule], message, range: r };
  return fix ? { ...f, fix } : f;
}

/** A fix replacing the characters of `r` with `newText`. */
export function replaceFix(r: TextRange, newText: string, description: string): Fix {
  return { description, edits: [{ range: r, newText }] };
}
