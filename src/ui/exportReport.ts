// Export Batch Report: JSON, CSV, Markdown or SARIF of the last run, through a quick pick
// and a save dialog, or straight to (format, target) given as command arguments.
import * as vscode from 'vscode';
import { writeAtomicAsync } from '../engine/write/atomic-write';
import { formatReport, isReportHead } from '../report/format';
import { formatReportChunks } from '../report/json-stream';
import { BUILTIN_REPORT_OMITS } from '../operations/report-omits';
import type { Controller } from './controller';
import type { RuleInfo } from '../operations/findings';

export type ExportFormat = 'json' | 'csv' | 'md' | 'sarif';
const FORMATS: { label: string; format: ExportFormat; ext: string; filter: string }[] = [
  { label: 'JSON', format: 'json', ext: 'json', filter: 'JSON' },
  { label: 'CSV', format: 'csv', ext: 'csv', filter: 'CSV' },
  { label: 'Markdown', format: 'md', ext: 'md', filter: 'Markdown' },
  { label: 'SARIF', format: 'sarif', ext: 'sarif', filter: 'SARIF' },
];

/** Returns the written file's URI, or undefined when nothing was written. */
export async function exportReport(
  controller: Controller,
  log: vscode.LogOutputChannel,
  format?: unknown,
  target?: unknown,
  rulesOf: (operation: string) => readonly RuleInfo[] = () => [],
): Promise<vscode.Uri | undefined> {
  const last = controller.lastFullRun;
  if (!last) {
    void vscode.window.showInformationMessage(vscode.l10n.t('There is no batch report to export yet: run Batch Process Workspace first.'));
    return undefined;
  }
  let spec = FORMATS.find((f) => f.format === format);
  if (!spec) {
    spec = await vscode.window.showQuickPick(FORMATS, { placeHolder: vscode.l10n.t('Export the batch report as') });
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
  // SARIF names every operation of the run (one run each, with its rules), findings or not.
  const operations = Object.keys(last.report.summary.findings ?? {}).map((id) => ({ id, version: 1, rules: rulesOf(id) }));
  const meta = { roots: last.roots, operations, omit: BUILTIN_REPORT_OMITS, toolVersion: String((vscode.extensions.getExtension('batch-operations.batch-operations')?.packageJSON as { version?: string } | undefined)?.version ?? '0.0.0') };
  try {
    if (uri.scheme === 'file') {
      // Local files go through the engine's one write path: atomic, and never over a document of the run.
      // JSON is written as it is made, document by document, never whole in memory (the writer awaits
      // each chunk before it asks for the next, so their memory is reused).
      const content = formatReportChunks(spec.format, last.report, meta, { reuse: true });
      const written = await writeAtomicAsync({ kind: 'report', path: uri.fsPath, inputRoots: last.roots, recognise: isReportHead }, content);
      if (written.kind !== 'written') throw new Error(written.kind === 'refused' ? written.detail : 'superseded');
    } else {
      await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(formatReport(spec.format, last.report, meta)));
    }
  } catch (err) {
    const message = err instanceof Error ? err.message : String(err);
    log.error(`export to ${uri.toString()} failed: ${message}`);
    void vscode.window.showErrorMessage(vscode.l10n.t('Could not write the batch report: {0}', message));
    return undefined;
  }
  log.info(`exported ${spec.label} report (${last.report.outcomes.length} documents) to ${uri.toString()}`);
  if (target === undefined) void vscode.window.showInformationMessage(vscode.l10n.t('Batch report written to {0}.', vscode.workspace.asRelativePath(uri)));
  return uri;
}
