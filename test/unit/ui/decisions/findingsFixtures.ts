// Findings for the decision tests.
import type { Finding, Severity } from '../../../../src/operations/findings';

export function finding(file: string, line: number, over: Partial<Finding> = {}): Finding {
  return {
    operation: 'links',
    rule: 'broken-fragment',
    severity: 'warning' as Severity,
    message: `problem at ${line}`,
    file,
    range: { start: { line, column: 1 }, end: { line, column: 5 } },
    ...over,
  };
}
