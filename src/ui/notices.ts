// What operations had to tell the user (RunReport.notices: lint's JavaScript
// configuration left out, ...): logged once a window, the first time a run says it.
// The Run view shows the last run's notices (runTree.ts).
import type * as vscode from 'vscode';
import type { RunReport } from '../engine/index';

export function logNoticesOnce(onDidFinishRun: vscode.Event<{ readonly report: RunReport }>, log: vscode.LogOutputChannel): vscode.Disposable {
  const said = new Set<string>();
  return onDidFinishRun(({ report }) => {
    for (const notice of report.notices ?? []) {
      if (said.has(notice)) continue;
      said.add(notice);
      log.warn(notice);
    }
  });
}
