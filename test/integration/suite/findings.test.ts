// Findings in the editor: the Problems panel, the severity setting, the quick
// fixes and the Results view's grouping by rule, on scratch files of workspace-a.
// Every wait is on an event (onDidChangeDiagnostics, the run's end); no sleeps.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testingEntryOf, type BatchOperationsTesting } from '../../../src/api/testing';
import { diagnosticsWhen, languageExtensionsActivated, processFolder as processFolderOf, scratchFolder, waitFor } from './waits';

const EXTENSION_ID = 'batch-operations.batch-operations';
let api: BatchOperationsTesting;
const tempDirs: string[] = [];

const scratch = (name: string, files: Record<string, string>) => scratchFolder(name, files, tempDirs);
const processFolder = (dir: string) => processFolderOf(api, dir);
const codeOf = (d: vscode.Diagnostic) => (typeof d.code === 'object' ? d.code.value : d.code);

/** The code actions at `range` of the open document `uri`, once the extensions of its language have registered their providers (see languageExtensionsActivated). */
async function codeActions(uri: vscode.Uri, range: vscode.Range, kind?: string): Promise<vscode.CodeAction[]> {
  await languageExtensionsActivated((await vscode.workspace.openTextDocument(uri)).languageId);
  const all = await vscode.commands.executeCommand<(vscode.CodeAction | vscode.Command)[]>('vscode.executeCodeActionProvider', uri, range, kind);
  return (all ?? []).filter((a): a is vscode.CodeAction => 'edit' in a || 'kind' in a);
}

describe('Findings in the editor', function () {
  this.timeout(60000);

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    api = testingEntryOf(await ext.activate());
  });

  afterEach(async () => {
    await vscode.workspace.getConfiguration('batchOperations').update('severity', undefined, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('batchOperations.groupByFile');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('puts a marker in the Problems panel as a finding of analyze, at the user\'s severity', async () => {
    const dir = scratch('findings', { 'plan.md': '# Plan\n\nShip it. TODO: write the tests\n' });
    const uri = vscode.Uri.file(path.join(dir, 'plan.md'));
    const markers = (ds: readonly vscode.Diagnostic[]) => ds.filter((x) => x.source === 'analyze');
    const shown = diagnosticsWhen(uri, (ds) => markers(ds).length === 1, 'the marker diagnostic');
    await processFolder(dir);
    const [d] = markers(await shown);
    assert.equal(d!.source, 'analyze');
    assert.equal(codeOf(d!), 'marker');
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(d!.message, 'Ship it. TODO: write the tests');
    assert.deepEqual([d!.range.start.line, d!.range.start.character, d!.range.end.line, d!.range.end.character], [2, 9, 2, 13]);

    // batchOperations.severity: 'operation/rule' or 'rule' -> a level, or 'off'.
    const warned = diagnosticsWhen(uri, (ds) => markers(ds)[0]?.severity === vscode.DiagnosticSeverity.Warning, 'the marker as a warning');
    await vscode.workspace.getConfiguration('batchOperations').update('severity', { 'analyze/marker': 'warning' }, vscode.ConfigurationTarget.Global);
    await warned;
    const off = diagnosticsWhen(uri, (ds) => markers(ds).length === 0, 'the marker turned off');
    await vscode.workspace.getConfiguration('batchOperations').update('severity', { marker: 'off' }, vscode.ConfigurationTarget.Global);
    await off;
  });

  it('groups the Results view by rule and back', async () => {
    const dir = scratch('groups', { 'a.md': 'TODO: one\n', 'b.md': 'FIXME: two\nTODO: three\n' });
    await processFolder(dir);
    await vscode.commands.executeCommand('batchOperations.groupByRule');
    const groups = api.treeSnapshot().results;
    const marker = groups.find((g) => /^marker \(\d+\)$/i.test(g.label) || /^Marker \(\d+\)$/.test(g.label));
    assert.ok(marker, JSON.stringify(groups.map((g) => g.label)));
    const b = marker.children?.find((c) => c.label === 'b.md');
    assert.deepEqual(b?.children?.map((f) => f.label), ['1:1 FIXME: two', '2:1 TODO: three']);
    await vscode.commands.executeCommand('batchOperations.groupByFile');
    assert.ok(api.treeSnapshot().results.some((n) => n.label === 'workspace-a'));
    // The Run view counts findings per operation.
    assert.match(api.treeSnapshot().run.find((r) => r.label === 'Findings: analyze')?.description ?? '', /^[\d,]+$/);
  });

  it('reports a broken link with its fix; the quick fix is offered while the text is what was analysed, and applies', async () => {
    const dir = scratch('fix', { 'guide.md': '# Guide\n\nSee [setup](#set-up) below.\n\nAnd [here](#set-up).\n\n## Setup\n' });
    const uri = vscode.Uri.file(path.join(dir, 'guide.md'));
    const links = (ds: readonly vscode.Diagnostic[]) => ds.filter((x) => x.source === 'links');
    const shown = diagnosticsWhen(uri, (ds) => links(ds).length === 2, 'the two broken links');
    await processFolder(dir);
    const d = links(await shown).sort((a, b) => a.range.start.line - b.range.start.line)[0]!;
    assert.equal(codeOf(d), 'missing-fragment');
    assert.equal(d.severity, vscode.DiagnosticSeverity.Error);
    assert.deepEqual([d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character], [2, 13, 2, 19]);
    assert.match(d.message, /#set-up/);

    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const offered = await codeActions(uri, new vscode.Range(2, 15, 2, 15), vscode.CodeActionKind.QuickFix.value);
    const fixes = offered.filter((a) => a.title === 'Change the fragment to #setup');
    assert.equal(fixes.length, 1, JSON.stringify(offered.map((a) => a.title)));
    assert.equal(fixes[0]!.isPreferred, true);
    const ruleFixAll = offered.find((a) => a.title === 'Fix all Missing fragment problems in this file');
    assert.equal(ruleFixAll?.edit?.get(uri).length, 2, 'the fix of each missing-fragment finding, in one edit');
    const fixAll = await codeActions(uri, new vscode.Range(0, 0, 0, 0), 'source.fixAll.batchOperations');
    assert.equal(fixAll.length, 1, 'source.fixAll.batchOperations is offered');
    assert.ok((fixAll[0]!.edit?.get(uri).length ?? 0) >= 2);

    assert.ok(fixes[0]!.edit && (await vscode.workspace.applyEdit(fixes[0]!.edit)));
    assert.equal(doc.getText(), '# Guide\n\nSee [setup](#setup) below.\n\nAnd [here](#set-up).\n\n## Setup\n');
    // The buffer is no longer the analysed text: no fix until the document is analysed again.
    const stale = await codeActions(uri, new vscode.Range(4, 14, 4, 14), vscode.CodeActionKind.QuickFix.value);
    assert.deepEqual(stale.map((a) => a.title).filter((t) => /^(Change the fragment|Fix all)/.test(t)), []);
    // Saving analyses it again (the save run): the fixed link is gone from the Problems panel, the other one stays.
    const saved = waitFor(api.onDidFinishRun, (f) => f.trigger === 'save', 'the save run');
    const one = diagnosticsWhen(uri, (ds) => links(ds).length === 1, 'one broken link left');
    assert.ok(await doc.save());
    await saved;
    assert.equal(links(await one)[0]!.range.start.line, 4);
    assert.equal((await codeActions(uri, new vscode.Range(4, 14, 4, 14), vscode.CodeActionKind.QuickFix.value)).filter((a) => a.title === 'Change the fragment to #setup').length, 1);
  });

  it('finds a broken fragment into another file of an unopened document; its quick fix fixes it and the finding goes', async () => {
    const dir = scratch('cross', { 'index.md': '# Index\n\nRead [the setup](guide.md#instalation).\n', 'guide.md': '# Guide\n\n## Installation\n\nSteps.\n' });
    const index = vscode.Uri.file(path.join(dir, 'index.md'));
    const links = (ds: readonly vscode.Diagnostic[]) => ds.filter((x) => x.source === 'links');
    const shown = diagnosticsWhen(index, (ds) => links(ds).length === 1, 'the broken fragment in index.md');
    await processFolder(dir);
    const [d] = links(await shown);
    assert.equal(codeOf(d!), 'missing-fragment-in-file');
    assert.equal(d!.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(d!.range.start.line, 2);
    assert.match(d!.message, /instalation/);
    assert.ok(!vscode.workspace.textDocuments.some((t) => t.uri.toString() === index.toString()), 'index.md was never opened');

    // As from the Problems panel: the document is loaded (code actions need its model), then its quick fix applied.
    const doc = await vscode.workspace.openTextDocument(index);
    const offered = await codeActions(index, d!.range, vscode.CodeActionKind.QuickFix.value);
    const fix = offered.find((a) => a.title === 'Change the fragment to #installation');
    assert.ok(fix?.edit, JSON.stringify(offered.map((a) => a.title)));
    assert.ok(await vscode.workspace.applyEdit(fix.edit));
    assert.equal(doc.getText(), '# Index\n\nRead [the setup](guide.md#installation).\n');
    const gone = diagnosticsWhen(index, (ds) => links(ds).length === 0, 'the finding gone after the save');
    assert.ok(await doc.save());
    await gone;
  });

  it("renaming the linked file's heading makes the linking file's finding appear, without running it", async () => {
    const dir = scratch('rename', { 'index.md': '# Index\n\nSee [usage](guide.md#usage).\n', 'guide.md': '# Guide\n\n## Usage\n\nRun it.\n' });
    const index = vscode.Uri.file(path.join(dir, 'index.md'));
    const guide = vscode.Uri.file(path.join(dir, 'guide.md'));
    const links = (ds: readonly vscode.Diagnostic[]) => ds.filter((x) => x.source === 'links');
    await processFolder(dir);
    assert.deepEqual(links(vscode.languages.getDiagnostics(index)), [], 'the link resolves at first');

    const appears = diagnosticsWhen(index, (ds) => links(ds).length === 1, "index.md's broken link after guide.md changed");
    const doc = await vscode.workspace.openTextDocument(guide);
    const editor = await vscode.window.showTextDocument(doc);
    assert.ok(await editor.edit((e) => e.replace(new vscode.Range(2, 3, 2, 8), 'How to use it')));
    const saved = waitFor(api.onDidFinishRun, (f) => f.trigger === 'save', 'the save run of guide.md');
    assert.ok(await doc.save());
    const finished = await saved;
    assert.deepEqual(finished.report.outcomes.map((o) => path.basename(o.path)), ['guide.md'], 'only the saved file was run');
    const [d] = links(await appears);
    assert.equal(codeOf(d!), 'missing-fragment-in-file');
    assert.match(d!.message, /#usage/);
  });
});

