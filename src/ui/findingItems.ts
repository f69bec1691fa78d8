// Tree items of the Results view's findings: one finding ("line:col message",
// its icon by severity, a click opens its place), a rule group ("Broken fragment
// (12)") and a document under a rule group.
import * as vscode from 'vscode';
import type { Finding, Severity } from '../operations/findings';
import { formatCount } from '../util/units';
import { findingLabel, ruleGroupLabel, type RuleGroup } from './decisions/findingGroups';
import { uriOf } from './paths';
import { labelOf } from './resultIndex';

export const OPEN_COMMAND = 'batchOperations.openLocation';

export function openCommand(p: string, line?: number, column?: number): vscode.Command {
  return { command: OPEN_COMMAND, title: vscode.l10n.t('Open'), arguments: [p, line, column] };
}

const ICONS: Readonly<Record<Severity, [string, string]>> = {
  error: ['error', 'problemsErrorIcon.foreground'],
  warning: ['warning', 'problemsWarningIcon.foreground'],
  info: ['info', 'problemsInfoIcon.foreground'],
};

export function severityIcon(s: Severity): vscode.ThemeIcon {
  const [icon, color] = ICONS[s];
  return new vscode.ThemeIcon(icon, new vscode.ThemeColor(color));
}

export function findingItem(id: string, f: Finding, ruleName: string): vscode.TreeItem {
  const item = new vscode.TreeItem(findingLabel(f), vscode.TreeItemCollapsibleState.None);
  item.id = id;
  item.description = ruleName;
  item.iconPath = severityIcon(f.severity);
  item.tooltip = `${f.operation}/${f.rule} (${f.severity}) at ${f.range.start.line}:${f.range.start.column}\n${f.message}${f.fix ? `\n${vscode.l10n.t('Fix: {0}', f.fix.description)}` : ''}`;
  item.command = openCommand(f.file, f.range.start.line, f.range.start.column);
  item.contextValue = f.fix ? 'finding.fixable' : 'finding';
  return item;
}

export function ruleGroupItem(id: string, g: RuleGroup, description: string): vscode.TreeItem {
  const item = new vscode.TreeItem(ruleGroupLabel(g, formatCount), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = id;
  item.description = description;
  item.iconPath = new vscode.ThemeIcon('symbol-rule');
  item.tooltip = `${g.operation}/${g.rule}: ${vscode.l10n.t('{0} findings in {1} documents', formatCount(g.count), formatCount(g.documents.length))}`;
  item.contextValue = 'ruleGroup';
  return item;
}

export function ruleDocumentItem(id: string, path: string, count: number): vscode.TreeItem {
  const item = new vscode.TreeItem(labelOf(path), vscode.TreeItemCollapsibleState.Collapsed);
  item.id = id;
  item.resourceUri = uriOf(path);
  item.iconPath = vscode.ThemeIcon.File;
  item.description = formatCount(count);
  item.tooltip = path;
  item.command = openCommand(path);
  return item;
}
