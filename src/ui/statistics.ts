// Show Batch Statistics (the status bar item's command): the last run's figures in
// a non-modal message, with actions. An `action` argument runs one directly.
import * as vscode from 'vscode';
import { summaryLines } from '../report/format';
import type { Controller } from './controller';

export const ACTION_RUN = vscode.l10n.t('Run Again');
export const ACTION_EXPORT = vscode.l10n.t('Export Report…');
export const ACTION_LOG = vscode.l10n.t('Show Log');

export function showStatistics(controller: Controller, log: vscode.LogOutputChannel, action?: unknown): void {
  const last = controller.lastFullRun;
  const act = (choice: string | undefined) => {
    if (choice === ACTION_RUN) void vscode.commands.executeCommand('batchOperations.runFromStatistics');
    else if (choice === ACTION_EXPORT) void vscode.commands.executeCommand('batchOperations.exportReport');
    else if (choice === ACTION_LOG) log.show(true);
  };
  const requested = typeof action === 'object' && action !== null ? (action as { action?: unknown }).action : action;
  if (typeof requested === 'string') {
    act(requested === 'run' ? ACTION_RUN : requested === 'export' ? ACTION_EXPORT : requested === 'log' ? ACTION_LOG : requested);
    return;
  }
  if (controller.isRunning) {
    const p = controller.progress;
    const c = p?.counts;
    const text = c
      ? vscode.l10n.t('Batch run {0}: {1} of {2} documents.', controller.currentState, c.processed + c.cached + c.skipped + c.failed, c.discovered)
      : vscode.l10n.t('Batch run starting…');
    void vscode.window.showInformationMessage(text, ACTION_LOG).then(act);
    return;
  }
  if (!last) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No batch run yet.'), ACTION_RUN, ACTION_LOG).then(act);
    return;
  }
  const lines = summaryLines(last.report.summary);
  log.info(`statistics (${last.trigger}):\n  ${lines.join('\n  ')}`);
  // Notifications show one paragraph: the headline figures; the full summary is in the log.
  void vscode.window.showInformationMessage(vscode.l10n.t('Batch: {0}.', lines.slice(0, 2).join('. ')), ACTION_RUN, ACTION_EXPORT, ACTION_LOG).then(act);
}
