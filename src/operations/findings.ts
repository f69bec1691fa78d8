// One way for every operation to report a problem: a finding, with an optional
// fix made of text edits. The Problems panel, the Results view, every report
// format (SARIF included) and the fix machinery read this shape and nothing else.
//
// Positions are 1-based lines and 1-based columns counted in UTF-16 code units
// (what VS Code's Position.character counts, plus one, and SARIF's default
// columnKind "utf16CodeUnits"); an end is exclusive.
import { compareCodeUnits } from '../util/order';

export type Severity = 'error' | 'warning' | 'info';

/** Severity order, lowest first: `--fail-on warning` fails on warning and error. */
export const SEVERITIES: readonly Severity[] = ['info', 'warning', 'error'];

export function severityAtLeast(s: Severity, floor: Severity): boolean {
  return SEVERITIES.indexOf(s) >= SEVERITIES.indexOf(floor);
}

export interface Position {
  /** 1-based. */
  readonly line: number;
  /** 1-based, in UTF-16 code units. */
  readonly column: number;
}

export interface TextRange {
  readonly start: Position;
  /** Exclusive. */
  readonly end: Position;
}

/** Replace `range` of the document with `newText` (an insertion when the range is empty). */
export interface TextEdit {
  readonly range: TextRange;
  readonly newText: string;
}

export interface Fix {
  /** What the fix does, for a person ("Change the link to `guide.md#setup`"). */
  readonly description: string;
  /** Non-overlapping edits of the finding's own document. */
  readonly edits: readonly TextEdit[];
}

export interface RelatedLocation {
  /** Absolute path, like Finding.file. */
  readonly file: string;
  readonly range?: TextRange;
  readonly message?: string;
}

/**
 * A finding as an operation makes it for one document: the engine adds the
 * operation's id and the document's path (see Finding).
 */
export interface DocumentFinding {
  /** A specific rule id of the operation ('broken-fragment', 'MD013', 'marker'). */
  readonly rule: string;
  readonly severity: Severity;
  /** Says what is wrong and, where it can, what to do. */
  readonly message: string;
  readonly range: TextRange;
  readonly related?: readonly RelatedLocation[];
  readonly fix?: Fix;
}

export interface Finding extends DocumentFinding {
  /** The operation that reported it. */
  readonly operation: string;
  /** Absolute path of the document it is about. */
  readonly file: string;
}

/**
 * A document's finding with its operation and file: the members DocumentFinding
 * declares, in its order, written out. An object spread over findings of varying
 * shapes (with and without a fix, parsed from a cache) took V8's slow path: 2 µs
 * a finding, 8 ms of a warm run over rust-rfcs' 3,747. Members an operation added
 * beyond the contract are not carried.
 */
export function withOrigin(f: DocumentFinding, operation: string, file: string): Finding {
  if (f.related === undefined && f.fix === undefined) return { rule: f.rule, severity: f.severity, message: f.message, range: f.range, operation, file };
  if (f.related === undefined) return { rule: f.rule, severity: f.severity, message: f.message, range: f.range, fix: f.fix, operation, file };
  if (f.fix === undefined) return { rule: f.rule, severity: f.severity, message: f.message, range: f.range, related: f.related, operation, file };
  return { rule: f.rule, severity: f.severity, message: f.message, range: f.range, related: f.related, fix: f.fix, operation, file };
}

/** What an operation tells reports and the editor about one of its rules. */
export interface RuleInfo {
  readonly id: string;
  /** A short name ("Broken fragment"), for grouping and SARIF's rule name. */
  readonly name: string;
  /** One sentence: what the rule reports. */
  readonly description: string;
  readonly defaultSeverity: Severity;
  /** Where the rule is documented (SARIF helpUri, the Problems panel's code link). */
  readonly helpUri?: string;
}

/** A finding's level after the user's `severity` map: a level, or 'off' to drop it. */
export type SeverityOverride = Severity | 'off';

/**
 * Applies the user's per-rule severities (keys: 'rule' or 'operation/rule', the
 * latter winning) to findings; 'off' removes a finding.
 */
export function applySeverities<F extends Finding>(findings: readonly F[], overrides: Readonly<Record<string, SeverityOverride>>): F[] {
  // No override is the usual case (the command line's, and the setting's default): no key to build per finding.
  if (isEmpty(overrides)) return findings.slice();
  const out: F[] = [];
  for (const f of findings) {
    const o = overrides[`${f.operation}/${f.rule}`] ?? overrides[f.rule];
    if (o === 'off') continue;
    out.push(o === undefined || o === f.severity ? f : { ...f, severity: o });
  }
  return out;
}

function isEmpty(record: object): boolean {
  for (const _ in record) return false;
  return true;
}

/** Orders findings by file, then position, then rule: reports and tests compare sorted lists. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    compareCodeUnits(a.file, b.file) ||
    a.range.start.line - b.range.start.line ||
    a.range.start.column - b.range.start.column ||
    compareCodeUnits(a.operation, b.operation) ||
    compareCodeUnits(a.rule, b.rule)
  );
}
