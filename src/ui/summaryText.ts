// A run's summary as a Markdown tooltip.
import * as vscode from 'vscode';
import type { Summary } from '../engine/index';
import { summaryLines } from '../report/format';

/** The last run's figures, then the window's findings per operation ("analyze 4 · links 12"). */
export function summaryMarkdown(s: Summary, trigger: string, findings = ''): vscode.MarkdownString {
  const md = new vscode.MarkdownString(`**Batch Operations**: last run (${trigger})\n\n`);
  for (const line of summaryLines(s)) md.appendMarkdown(`- ${escape(line)}\n`);
  md.appendMarkdown(`- ${escape(findings ? vscode.l10n.t('Findings: {0}', findings) : vscode.l10n.t('No findings'))}\n`);
  md.appendMarkdown('\nClick for statistics and actions.');
  return md;
}

function escape(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+!|<>]/g, (c) => '\\' + c);
}
