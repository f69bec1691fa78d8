// Fix All (the one WorkspaceEdit grouped by rule, saved after, undone in one step)
// and the markdownlint configuration watcher, on scratch folders of workspace-a.
// The edit is captured through the extension's test hook (testing.lastFixAll), and
// applied without the refactor preview (testing.skipFixPreview); waits are on events.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testingEntryOf, type BatchOperationsTesting } from '../../../src/api/testing';
import { processFolder as processFolderOf, scratchFolder, waitFor } from './waits';

const EXTENSION_ID = 'batch-operations.batch-operations';
let api: BatchOperationsTesting;
const tempDirs: string[] = [];

const scratch = (name: string, files: Record<string, string>) => scratchFolder(name, files, tempDirs);
const processFolder = (dir: string) => processFolderOf(api, dir);

/** A document's text once `ok` holds for it: now, or at a later change. */
function textWhen(doc: vscode.TextDocument, ok: (text: string) => boolean, what: string): Promise<string> {
  if (ok(doc.getText())) return Promise.resolve(doc.getText());
  return waitFor(vscode.workspace.onDidChangeTextDocument, (e) => e.document === doc && ok(doc.getText()), what).then(() => doc.getText());
}

describe('Fix all and the configuration watcher', function () {
  this.timeout(60000);

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    api = testingEntryOf(await ext.activate());
    api.skipFixPreview(true);
  });

  after(async () => {
    api.skipFixPreview(false);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('builds one edit of every fix, each entry needing confirmation and labelled by its rule; applied, it fixes unopened files on disk, leaves no dirty editor, and one undo restores every file', async () => {
    const files = {
      'spaces.md': '# Spaces\n\nTrailing   \n',
      'links.md': '# Links\n\nSee [the guide](guide.md).\n\nAnd [gone](guid.md).\n',
      'guide.md': '# Guide\n',
    };
    const dir = scratch('fixall', files);
    await processFolder(dir);
    const fixable = api.findings().all().filter((f) => f.file.startsWith(dir + path.sep) && f.fix);
    assert.deepEqual(fixable.map((f) => `${path.basename(f.file)}:${f.operation}/${f.rule}`).sort(), ['links.md:links/missing-file', 'spaces.md:lint/MD009']);
    const dirtyBefore = vscode.workspace.textDocuments.filter((d) => d.isDirty).length;

    await vscode.commands.executeCommand('batchOperations.fixAllFolder', vscode.Uri.file(dir));
    const record = api.lastFixAll();
    assert.ok(record?.applied, 'the edit applied');
    assert.ok(record.entries.length >= 2 && record.entries.every((e) => e.needsConfirmation), 'every entry needs confirmation (the refactor preview)');
    const labels = new Set(record.entries.map((e) => e.label));
    assert.ok(labels.has('MD009/no-trailing-spaces: Trailing spaces'), JSON.stringify([...labels]));
    assert.equal(labels.size, 2, `one group per rule: ${JSON.stringify([...labels])}`);
    assert.deepEqual(record.fixed, { documents: 2, problems: 2, partly: 0 }, 'what the message counts: the fixes applied');
    // The files were not open: fixed on disk, and saved (no new dirty editors).
    assert.equal(fs.readFileSync(path.join(dir, 'spaces.md'), 'utf8'), '# Spaces\n\nTrailing\n');
    assert.equal(fs.readFileSync(path.join(dir, 'links.md'), 'utf8'), '# Links\n\nSee [the guide](guide.md).\n\nAnd [gone](guide.md).\n');
    // Saved by the command, or by VS Code itself (files.refactoring.autoSave): either way not dirty.
    assert.ok(record.saved.every((p) => p.startsWith(dir)));
    for (const name of ['links.md', 'spaces.md']) {
      const doc = vscode.workspace.textDocuments.find((d) => d.uri.fsPath === path.join(dir, name));
      assert.ok(!doc?.isDirty, `${name} is not left dirty`);
    }
    assert.equal(vscode.workspace.textDocuments.filter((d) => d.isDirty).length, dirtyBefore, 'no new dirty editors');

    // One undo restores both files (the edit is one undoable step across files).
    const spaces = await vscode.workspace.openTextDocument(path.join(dir, 'spaces.md'));
    const links = await vscode.workspace.openTextDocument(path.join(dir, 'links.md'));
    await vscode.window.showTextDocument(spaces);
    const restored = Promise.all([textWhen(spaces, (t) => t === files['spaces.md'], 'spaces.md restored'), textWhen(links, (t) => t === files['links.md'], 'links.md restored')]);
    await vscode.commands.executeCommand('undo');
    await restored;
    for (const doc of [spaces, links]) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });

  it('re-runs the documents under a folder whose .markdownlint.jsonc changes, and no other', async () => {
    const dir = scratch('config', { 'sub/a.md': '# A\n\nText.\n', 'sub/inner/b.md': '# B\n\nText.\n', 'other/c.md': '# C\n\nText.\n', 'sub/.markdownlint.jsonc': '{}\n' });
    await processFolder(dir);
    const rerun = waitFor(api.onDidFinishRun, (f) => f.trigger === 'config', 'the configuration run');
    // Edited and saved in the editor, as a user changes it.
    const config = await vscode.workspace.openTextDocument(path.join(dir, 'sub', '.markdownlint.jsonc'));
    const edit = new vscode.WorkspaceEdit();
    edit.replace(config.uri, new vscode.Range(0, 0, 0, 2), '{ "MD013": false }');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.ok(await config.save());
    const { report } = await rerun;
    const processed = report.outcomes.filter((o) => o.kind === 'processed' && o.path.endsWith('.md')).map((o) => path.relative(dir, o.path).split(path.sep).join('/'));
    assert.deepEqual(processed.sort(), ['sub/a.md', 'sub/inner/b.md']);
    assert.ok(report.outcomes.every((o) => o.path.startsWith(path.join(dir, 'sub'))), 'nothing outside the folder');
  });
});
