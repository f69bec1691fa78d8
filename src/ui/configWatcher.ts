// A markdownlint configuration file created, changed or deleted re-runs the
// documents under its folder (decisions/configFiles.ts decides which folders);
// events are debounced and coalesced as saves are (pathBatch.ts). Changes come
// from the file system watcher (other programs, git) and from the editor's own
// saves, creations and deletions, which arrive even where the watcher is slow.
import * as vscode from 'vscode';
import type { Controller } from './controller';
import { foldersToRerun, isMarkdownlintConfig, MARKDOWNLINT_CONFIG_GLOB } from './decisions/configFiles';
import { PathBatch } from './pathBatch';
import { pathOf, uriOf } from './paths';
import { SAVE_DEBOUNCE_MS } from './saveWatcher';

export class ConfigWatcher implements vscode.Disposable {
  private readonly batch: PathBatch;
  private readonly watcher: vscode.FileSystemWatcher;
  private readonly subscriptions: vscode.Disposable[];

  constructor(private readonly controller: Controller) {
    this.batch = new PathBatch(SAVE_DEBOUNCE_MS, (files) => this.rerun(files));
    this.watcher = vscode.workspace.createFileSystemWatcher(MARKDOWNLINT_CONFIG_GLOB);
    const changed = (uri: vscode.Uri) => this.batch.add(pathOf(uri));
    const changedInEditor = (uris: readonly vscode.Uri[]) => {
      for (const uri of uris) if (isMarkdownlintConfig(uri.path)) changed(uri);
    };
    this.subscriptions = [
      this.watcher.onDidChange(changed),
      this.watcher.onDidCreate(changed),
      this.watcher.onDidDelete(changed),
      vscode.workspace.onDidSaveTextDocument((doc) => changedInEditor([doc.uri])),
      vscode.workspace.onDidCreateFiles((e) => changedInEditor(e.files)),
      vscode.workspace.onDidDeleteFiles((e) => changedInEditor(e.files)),
      vscode.workspace.onDidRenameFiles((e) => changedInEditor(e.files.flatMap((f) => [f.oldUri, f.newUri]))),
    ];
  }

  private rerun(files: readonly string[]): void {
    // Nothing analysed yet: the first run reads the configuration anyway.
    if (this.controller.results.size === 0) return;
    const folders = foldersToRerun(files);
    if (folders.length > 0) void this.controller.request({ trigger: 'config', roots: folders.map(uriOf) });
  }

  dispose(): void {
    this.batch.dispose();
    for (const s of this.subscriptions) s.dispose();
    this.watcher.dispose();
  }
}
