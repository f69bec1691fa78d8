// A run's summary as a Markdown tooltip.
import * as vscode from 'vscode';
import type { Summary } from '../engine/index';
import { summaryLines } from '../report/format';
import { formatBytes, formatCount, formatDuration } from '../util/units';
import { peakTooltipLines } from './memoryText';

/**
 * The last run's figures, then the window's findings per operation ("analyze 4 · links 12").
 * The report's own figures line (its second, with the process's peak RSS) gives way to the
 * extension's own memory and the extension host's RSS labelled as shared.
 */
export function summaryMarkdown(s: Summary, trigger: string, findings = ''): vscode.MarkdownString {
  const md = new vscode.MarkdownString(`**${escape(vscode.l10n.t('Batch Operations'))}**: ${escape(vscode.l10n.t('last run ({0})', trigger))}\n\n`);
  const [counts, , ...rest] = summaryLines(s);
  const figures = vscode.l10n.t('{0} in {1}: {2} docs/s, {3} MB/s', formatBytes(s.bytes), formatDuration(s.elapsedMs), formatCount(Math.round(s.docsPerSec)), s.mbPerSec.toFixed(1));
  for (const line of [counts!, figures, ...peakTooltipLines(s, vscode.l10n), ...rest]) md.appendMarkdown(`- ${escape(line)}\n`);
  md.appendMarkdown(`- ${escape(findings ? vscode.l10n.t('Findings: {0}', findings) : vscode.l10n.t('No findings'))}\n`);
  md.appendMarkdown(`\n${escape(vscode.l10n.t('Click for statistics and actions.'))}`);
  return md;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, (c) => '\\' + c);
}
