// What the user looks at goes first: visible editors (2), other open tabs (1), the
// rest (0); a file opened or focused during a run is bumped to 3.
import * as vscode from 'vscode';
import { pathOf } from './paths';

export const PRIORITY_FOCUSED = 3;

export function priorityFunction(): (p: string) => number {
  const ranks = new Map<string, number>();
  for (const group of vscode.window.tabGroups.all) {
    for (const tab of group.tabs) {
      const input = tab.input;
      if (input instanceof vscode.TabInputText) ranks.set(pathOf(input.uri), 1);
      else if (input instanceof vscode.TabInputTextDiff) ranks.set(pathOf(input.modified), 1);
    }
  }
  for (const editor of vscode.window.visibleTextEditors) ranks.set(pathOf(editor.document.uri), 2);
  if (ranks.size === 0) return () => 0;
  return (p) => ranks.get(p) ?? 0;
}

/** Calls `bump` with the path of each document the user opens or focuses. */
export function watchFocus(bump: (p: string) => void): vscode.Disposable {
  return vscode.Disposable.from(
    vscode.window.onDidChangeActiveTextEditor((e) => e && bump(pathOf(e.document.uri))),
    vscode.workspace.onDidOpenTextDocument((d) => bump(pathOf(d.uri))),
  );
}
