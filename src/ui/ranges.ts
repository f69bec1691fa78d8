// Findings count lines and columns from 1 (columns in UTF-16 code units, end
// exclusive); the editor counts both from 0. The one place that converts.
import * as vscode from 'vscode';
import type { TextEdit, TextRange } from '../operations/findings';

export function rangeOf(r: TextRange): vscode.Range {
  return new vscode.Range(Math.max(0, r.start.line - 1), Math.max(0, r.start.column - 1), Math.max(0, r.end.line - 1), Math.max(0, r.end.column - 1));
}

export function textRangeOf(r: vscode.Range): TextRange {
  return { start: { line: r.start.line + 1, column: r.start.character + 1 }, end: { line: r.end.line + 1, column: r.end.character + 1 } };
}

/** A finding's edits of one document as a WorkspaceEdit. */
export function workspaceEditOf(uri: vscode.Uri, edits: readonly TextEdit[]): vscode.WorkspaceEdit {
  const edit = new vscode.WorkspaceEdit();
  for (const e of edits) edit.replace(uri, rangeOf(e.range), e.newText);
  return edit;
}
