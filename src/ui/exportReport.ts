// Export Batch Report: JSON, CSV or Markdown of the last run, through a quick pick
// and a save dialog, or straight to (format, target) given as command arguments.
import * as vscode from 'vscode';
import { writeAtomicAsync } from '../engine/write/atomic-write';
import { formatReport, isReportHead } from '../report/format';
import type { Controller } from './controller';

export type ExportFormat = 'json' | 'csv' | 'md';
const FORMATS: { label: string; format: ExportFormat; ext: string; filter: string }[] = [
  { label: 'JSON', format: 'json', ext: 'json', filter: 'JSON' },
  { label: 'CSV', format: 'csv', ext: 'csv', filter: 'CSV' },
  { label: 'Markdown', format: 'md', ext: 'md', filter: 'Markdown' },
];

/** Returns the written file's URI, or undefined when nothing was written. */
export async function exportReport(controller: Controller, log: vscode.LogOutputChannel, format?: unknown, target?: unknown): Promise<vscode.Uri | undefined> {
  const last = controller.lastFullRun;
  if (!last) {
    void vscode.window.showInformationMessage('There is no batch report to export yet: run Batch Process Workspace first.');
    return undefined;
  }
  let spec = FORMATS.find((f) => f.format === format);
  if (!spec) {
    spec = await vscode.window.showQuickPick(FORMATS, { placeHolder: 'Export the batch report as' });
    if (!spec) return undefined;
  }
  let uri = target instanceof vscode.Uri ? target : typeof target === 'string' ? vscode.Uri.parse(target) : undefined;
  if (!uri) {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    uri = await vscode.window.showSaveDialog({
      defaultUri: folder ? vscode.Uri.joinPath(folder, `batch-report.${spec.ext}`) : undefined,
      filters: { [spec.filter]: [spec.ext] },
      saveLabel: 'Export',
    });
    if (!uri) return undefined;
  }
  const text = formatReport(spec.format, last.report, { roots: last.roots });
  try {
    if (uri.scheme === 'file') {
      // Local files go through the engine's one write path: atomic, and never over a document of the run.
      const written = await writeAtomicAsync({ kind: 'report', path: uri.fsPath, inputRoots: last.roots, recognise: isReportHead }, text);
      if (written.kind !== 'written') throw new Error(written.kind === 'refused' ? written.detail : 'superseded');
    } else {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(text));
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.error(`export to ${uri.toString()} failed: ${message}`);
    void vscode.window.showErrorMessage(`Could not write the batch report: ${message}`);
    return undefined;
  }
  log.info(`exported ${spec.label} report (${last.report.outcomes.length} documents) to ${uri.toString()}`);
  if (target === undefined) void vscode.window.showInformationMessage(`Batch report written to ${vscode.workspace.asRelativePath(uri)}.`);
  return uri;
}
