import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

const EXTENSION_ID = 'batch-operations.batch-operations';
const EXPECTED_FOLDERS: Record<string, string[]> = {
  'single-folder': ['workspace-a'],
  'multi-root': ['workspace-a', 'workspace-b'],
};

describe('smoke', () => {
  it('reports the environment', () => {
    console.log(
      `    vscode ${vscode.version}, uiKind ${vscode.env.uiKind === vscode.UIKind.Web ? 'Web' : 'Desktop'}, remoteName ${vscode.env.remoteName ?? '(none)'}`,
    );
  });

  it('has the extension and activates it', async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, `extension ${EXTENSION_ID} is not loaded`);
    await ext.activate();
    assert.equal(ext.isActive, true);
  });

  it('opened the fixture workspace of this run', () => {
    const names = (vscode.workspace.workspaceFolders ?? []).map((f) => path.basename(f.uri.path));
    // BOM_INTEGRATION_RUN comes from test/integration/run.mjs (extensionTestsEnv).
    // Also proves that the runner's environment reaches the extension host.
    const run = process.env.BOM_INTEGRATION_RUN;
    assert.ok(run, 'BOM_INTEGRATION_RUN is not set: run the suite through test/integration/run.mjs');
    const expected = EXPECTED_FOLDERS[run];
    if (expected) {
      assert.deepEqual(names, expected);
    } else {
      assert.ok(
        names.some((n) => n === 'workspace-a' || n === 'workspace-b'),
        `expected a fixture folder, got [${names.join(', ')}]`,
      );
    }
  });

  it('reads a fixture file through vscode.workspace.fs', async () => {
    const folder = (vscode.workspace.workspaceFolders ?? []).find(
      (f) => path.basename(f.uri.path) === 'workspace-a',
    ) ?? vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder');
    const uri = vscode.Uri.joinPath(folder.uri, 'README.md');
    const bytes = await vscode.workspace.fs.readFile(uri);
    // The extension host runs on this machine (desktop, or the stand-in's server).
    assert.deepEqual(Buffer.from(bytes), fs.readFileSync(uri.fsPath));
    const text = new TextDecoder().decode(bytes);
    const firstLine = text.split('\n')[0];
    assert.equal(firstLine, '# Workspace A');
    assert.match(text, /TODO/);
  });
});
