// What the integration suites share: waiting on an event (never a sleep), on a
// file's diagnostics, on a folder run, on the extensions a language activates;
// and scratch folders in workspace-a.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** The first value of `event` that `predicate` accepts; rejects after `timeoutMs`, naming `what`. */
export function waitFor<T>(event: vscode.Event<T>, predicate: (value: T) => boolean = () => true, what = 'event', timeoutMs = 30000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      sub.dispose();
      reject(new Error(`timed out waiting for ${what}`));
    }, timeoutMs);
    const sub = event((value) => {
      if (!predicate(value)) return;
      clearTimeout(timer);
      sub.dispose();
      resolve(value);
    });
  });
}

/** The diagnostics of `uri` once `ok` holds for them: now, or at a later onDidChangeDiagnostics. A timeout names what they were. */
export function diagnosticsWhen(uri: vscode.Uri, ok: (d: readonly vscode.Diagnostic[]) => boolean, what: string, timeoutMs = 30000): Promise<vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri);
  if (ok(now)) return Promise.resolve(now);
  return waitFor(vscode.languages.onDidChangeDiagnostics, (e) => e.uris.some((u) => u.toString() === uri.toString()) && ok(vscode.languages.getDiagnostics(uri)), what, timeoutMs).then(
    () => vscode.languages.getDiagnostics(uri),
    (err: Error) => {
      throw new Error(`${err.message}; diagnostics: ${JSON.stringify(vscode.languages.getDiagnostics(uri).map((d) => d.message))}`);
    },
  );
}

/**
 * Settles once every extension that a `languageId` document activates (activation event
 * `onLanguage:<id>` or `onLanguage`) has finished activating. The editor cancels a code-action
 * request when the code-action providers for its document change while it runs (getCodeActions
 * in VS Code's codeAction.ts), and the first document of a language activates those extensions,
 * which register theirs: vscode.executeCodeActionProvider on the window's first Markdown document
 * fails with `Canceled` while markdown-language-features starts its language server.
 */
export async function languageExtensionsActivated(languageId: string): Promise<void> {
  const activatedBy = (ext: vscode.Extension<unknown>) => {
    const events = (ext.packageJSON as { activationEvents?: unknown }).activationEvents;
    return Array.isArray(events) && events.some((e) => e === `onLanguage:${languageId}` || e === 'onLanguage');
  };
  await Promise.all(vscode.extensions.all.filter(activatedBy).map((ext) => ext.activate()));
}

/** A fresh folder `tmp-NAME` in workspace-a holding `files` (paths may have folders); its path is added to `created` for clean-up. */
export function scratchFolder(name: string, files: Record<string, string>, created: string[]): string {
  const folder = vscode.workspace.workspaceFolders?.find((w) => path.basename(w.uri.fsPath) === 'workspace-a');
  assert.ok(folder, 'workspace-a is open');
  const dir = path.join(folder.uri.fsPath, `tmp-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  created.push(dir);
  return dir;
}

interface RunsOf {
  isRunning(): boolean;
  readonly onDidFinishRun: vscode.Event<{ readonly trigger: string }>;
}

/** Batch Process Folder on `dir`, after any run under way, settled when its run has finished. */
export async function processFolder(api: RunsOf, dir: string): Promise<void> {
  while (api.isRunning()) await waitFor(api.onDidFinishRun, () => true, 'the run before');
  const done = waitFor(api.onDidFinishRun, (f) => f.trigger === 'explorer', 'the explorer run');
  await vscode.commands.executeCommand('batchOperations.processFolder', vscode.Uri.file(dir));
  await done;
}
