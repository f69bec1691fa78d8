// A finding's severity as the Problems panel shows it, and the user's per-rule
// overrides as the `batchOperations.severity` setting gives them. No editor import:
// the glue maps ProblemSeverity to vscode.DiagnosticSeverity (the same numbers).
import type { Severity, SeverityOverride } from '../../operations/findings';

/** The Problems panel's levels, numbered as vscode.DiagnosticSeverity numbers them. */
export enum ProblemSeverity {
  Error = 0,
  Warning = 1,
  Information = 2,
}

const BY_SEVERITY: Readonly<Record<Severity, ProblemSeverity>> = {
  error: ProblemSeverity.Error,
  warning: ProblemSeverity.Warning,
  info: ProblemSeverity.Information,
};

export function problemSeverityOf(s: Severity): ProblemSeverity {
  return BY_SEVERITY[s];
}

const OVERRIDES: ReadonlySet<string> = new Set<SeverityOverride>(['error', 'warning', 'info', 'off']);

/** What the old `batchOperations.diagnostics.severity` setting (markers only) meant, as an override of analyze's marker rule. */
const LEGACY_MARKER_SEVERITY: Readonly<Record<string, SeverityOverride>> = { error: 'error', warning: 'warning', information: 'info', hint: 'info' };

/**
 * The `batchOperations.severity` setting as FindingsStore.setSeverities takes it:
 * keys 'rule' or 'operation/rule', values 'error' | 'warning' | 'info' | 'off';
 * anything else is left out and named in `ignored` (for the log). An explicitly
 * set legacy marker severity applies to 'analyze/marker' unless the map names it.
 */
export function severityOverridesOf(raw: unknown, legacyMarkerSeverity?: unknown): { overrides: Record<string, SeverityOverride>; ignored: string[] } {
  const overrides: Record<string, SeverityOverride> = {};
  const ignored: string[] = [];
  if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
    for (const [key, value] of Object.entries(raw as Record<string, unknown>)) {
      if (key.trim() !== '' && typeof value === 'string' && OVERRIDES.has(value)) overrides[key] = value as SeverityOverride;
      else ignored.push(key);
    }
  }
  const legacy = typeof legacyMarkerSeverity === 'string' ? LEGACY_MARKER_SEVERITY[legacyMarkerSeverity] : undefined;
  if (legacy && !('marker' in overrides) && !('analyze/marker' in overrides)) overrides['analyze/marker'] = legacy;
  return { overrides, ignored };
}
