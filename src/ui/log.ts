// The "Batch Operations" log output channel.
import * as vscode from 'vscode';

export function createLog(): vscode.LogOutputChannel {
  return vscode.window.createOutputChannel('Batch Operations', { log: true });
}
