// What started a run, in words for the Run view and the status bar's tooltip.
import * as vscode from 'vscode';
import type { Trigger } from './requests';

export function triggerLabel(trigger: Trigger): string {
  const labels: Record<Trigger, string> = {
    palette: vscode.l10n.t('command palette'),
    explorer: vscode.l10n.t('explorer'),
    statusBar: vscode.l10n.t('status bar'),
    save: vscode.l10n.t('file saved'),
    config: vscode.l10n.t('configuration changed'),
    fix: vscode.l10n.t('after a fix'),
    api: vscode.l10n.t('another extension'),
    lm: vscode.l10n.t('language model'),
  };
  return labels[trigger];
}
