// The links operation's rules, as reports, SARIF and the Problems panel show them.
import type { RuleInfo, Severity } from '../findings';
import type { LinksRule } from './types';

const README = 'https://github.com/batch-operations/batch-operations/blob/main/README.md';

interface LinksRuleInfo extends RuleInfo {
  readonly id: LinksRule;
}

function rule(id: LinksRule, name: string, description: string, defaultSeverity: Severity): LinksRuleInfo {
  return { id, name, description, defaultSeverity, helpUri: `${README}#links-rule-${id}` };
}

export const LINKS_RULES: readonly LinksRuleInfo[] = [
  rule('missing-file', 'Missing file', 'A relative or root-relative link points to a file or folder that does not exist.', 'error'),
  rule('missing-fragment', 'Missing fragment', 'A #fragment matches no heading or anchor of the same document.', 'error'),
  rule('missing-fragment-in-file', 'Missing fragment in file', 'A #fragment matches no heading or anchor of the linked Markdown document.', 'error'),
  rule('undefined-reference', 'Undefined reference', 'A full or collapsed reference ([text][label], [label][]) has no definition.', 'error'),
  rule('unused-definition', 'Unused definition', 'A link reference definition is never used.', 'warning'),
  rule('duplicate-definition', 'Duplicate definition', 'A second definition of the same label (after case folding and collapsing white space); CommonMark uses the first.', 'warning'),
  rule('case-mismatch', 'Case mismatch', 'A link target exists only with a different letter case (it breaks on case-sensitive file systems and on the web).', 'warning'),
];

export const DEFAULT_SEVERITY: Readonly<Record<LinksRule, Severity>> = Object.fromEntries(
  LINKS_RULES.map((r) => [r.id, r.defaultSeverity]),
) as Record<LinksRule, Severity>;
