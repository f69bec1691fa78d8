// How the links operation makes a finding: its rule's default severity, a
// message, and a range (1-based lines and UTF-16 columns, end exclusive).
import type { DocumentFinding, TextRange } from '../findings';
import { DEFAULT_SEVERITY } from './rules';
import type { LinksRule } from './types';

export function range(line: number, column: number, endLine: number, endColumn: number): TextRange {
  return { start: { line, column }, end: { line: endLine, column: endColumn } };
}

export function finding(rule: LinksRule, message: string, r: TextRange, extra?: Partial<DocumentFinding>): DocumentFinding {
  return { rule, severity: DEFAULT_SEVERITY[rule], message, range: r, ...extra };
}
