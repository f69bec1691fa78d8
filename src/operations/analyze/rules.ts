// The analyze operation's rule, and a result's findings under it.
import type { DocumentFinding, RuleInfo } from '../findings';
import type { AnalyzeResult } from './types';

/** Analyze's one rule: a marker tag (TODO, FIXME, ...) in the text. */
export const ANALYZE_RULES: readonly RuleInfo[] = [
  {
    id: 'marker',
    name: 'Marker',
    description: 'A marker tag (TODO, FIXME, HACK, XXX, BUG by default) in the text.',
    defaultSeverity: 'info',
    helpUri: 'https://github.com/batch-operations/batch-operations/blob/main/README.md#the-analyze-operation',
  },
];

/** Markers as findings: rule 'marker', the tag's range, the line's text as the message. */
export function markerFindings(result: AnalyzeResult): DocumentFinding[] {
  return result.markers.map((m) => ({
    rule: 'marker',
    severity: 'info',
    message: m.text.trim() || m.tag,
    range: { start: { line: m.line, column: m.column }, end: { line: m.line, column: m.column + m.tag.length } },
  }));
}
