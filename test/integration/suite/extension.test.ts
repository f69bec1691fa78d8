// The editor layer on the real fixture files, in a real extension host.
// Every wait is on an event of the extension's test API (no sleeps).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testingEntryOf, type BatchOperationsTesting } from '../../../src/api/testing';
import type { Outcome, Progress, RunReport } from '../../../src/engine/index';
import { waitFor } from './waits';

const EXTENSION_ID = 'batch-operations.batch-operations';
type Finished = { trigger: string; report: RunReport };

let api: BatchOperationsTesting;
const tempDirs: string[] = [];

function folderA(): vscode.WorkspaceFolder {
  const f = vscode.workspace.workspaceFolders?.find((w) => path.basename(w.uri.fsPath) === 'workspace-a');
  assert.ok(f, 'workspace-a is open');
  return f;
}

/** A git-ignored scratch folder inside workspace-a (test/fixtures/*\/tmp-*\/), removed after the test. */
function tempFolder(name: string, files: Record<string, string> = {}): string {
  const dir = path.join(folderA().uri.fsPath, `tmp-${name}`);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  tempDirs.push(dir);
  return dir;
}

/**
 * A scratch folder of `count` 15 KB documents, written asynchronously: written with
 * writeFileSync, 6,000 of them held this extension host (the tests run in it) long
 * enough for the workbench to report it unresponsive.
 */
async function bigFolder(count: number): Promise<string> {
  const dir = tempFolder('big');
  const para = 'The quick brown fox jumps over the lazy dog. Read this again.\n'.repeat(250);
  for (let d = 0; d * 100 < count; d++) fs.mkdirSync(path.join(dir, `d${d}`));
  for (let from = 0; from < count; from += 200) {
    const writes: Promise<void>[] = [];
    for (let i = from; i < Math.min(count, from + 200); i++) writes.push(fs.promises.writeFile(path.join(dir, `d${Math.floor(i / 100)}`, `f${i}.md`), `# Document ${i}\n${para}`));
    await Promise.all(writes);
  }
  return dir;
}

/**
 * The run-control tests time pauses, queues and cancels over big scratch folders:
 * they run analyze alone (lint and links over 600 documents at one worker take
 * longer than their waits; the findings suite covers those operations).
 */
async function analyzeOnly(on: boolean): Promise<void> {
  await vscode.workspace.getConfiguration('batchOperations').update('operations', on ? ['analyze'] : undefined, vscode.ConfigurationTarget.Global);
}

const finishOf = (trigger?: string) => waitFor<Finished>(api.onDidFinishRun, (f) => !trigger || f.trigger === trigger, `a finished ${trigger ?? ''} run`);

async function idle(): Promise<void> {
  while (api.isRunning()) await finishOf();
}

/** Every file of the workspace's folders, as discovery should find them. */
function fixtureFiles(): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else out.push(p);
    }
  };
  for (const f of vscode.workspace.workspaceFolders ?? []) walk(f.uri.fsPath);
  return out.sort();
}

/** The Problems panel's markers of a document (lint and links report on the same files). */
const markerDiagnostics = (uri: vscode.Uri) => vscode.languages.getDiagnostics(uri).filter((d) => d.source === 'analyze');

const settled = (p: Progress) => p.counts.processed + p.counts.cached + p.counts.skipped + p.counts.failed;
const paths = (r: RunReport) => r.outcomes.map((o) => o.path).sort();

async function processWorkspace(trigger = 'palette'): Promise<RunReport> {
  await idle();
  const done = finishOf(trigger);
  await vscode.commands.executeCommand('batchOperations.processWorkspace');
  return (await done).report;
}

describe('Batch Operations in the editor', function () {
  this.timeout(60000);

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    api = testingEntryOf(await ext.activate());
    // Scratch files come and go: keep the editor's local history out of it.
    await vscode.workspace.getConfiguration('workbench').update('localHistory.enabled', false, vscode.ConfigurationTarget.Global);
  });

  afterEach(async () => {
    await idle();
    await analyzeOnly(false);
    api.setConcurrency(undefined);
    api.answerPrompt(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('contributes its commands', async () => {
    const all = await vscode.commands.getCommands(true);
    for (const id of ['processWorkspace', 'processFolder', 'cancel', 'pause', 'resume', 'exportReport', 'clearCache', 'showStatistics', 'runFromStatistics']) {
      assert.ok(all.includes(`batchOperations.${id}`), `batchOperations.${id} is registered`);
    }
  });

  it('the palette command processes every folder of the workspace, every document accounted for', async () => {
    const report = await processWorkspace();
    assert.equal(report.summary.accounted, true);
    assert.deepEqual(paths(report), fixtureFiles());
    const c = report.summary.counts;
    assert.equal(c.processed + c.cached + c.skipped + c.failed, fixtureFiles().length);
    if (process.env.BOM_INTEGRATION_RUN === 'multi-root') {
      const png = report.outcomes.find((o) => o.path.endsWith('pixel.png'));
      assert.equal(png?.kind, 'skipped');
      assert.equal(png?.kind === 'skipped' && png.reason, 'binary');
    }
  });

  it('the explorer command processes one folder', async () => {
    const docs = vscode.Uri.joinPath(folderA().uri, 'docs');
    const done = finishOf('explorer');
    await vscode.commands.executeCommand('batchOperations.processFolder', docs, [docs]);
    const { report } = await done;
    assert.deepEqual(paths(report), [path.join(docs.fsPath, 'guide.md')]);
  });

  it('the explorer command processes a multi-selection of folders', async () => {
    const dir = tempFolder('select', { 'one/a.md': 'alpha beta', 'two/b.md': 'gamma delta epsilon', 'three/c.md': 'not selected' });
    const one = vscode.Uri.file(path.join(dir, 'one'));
    const two = vscode.Uri.file(path.join(dir, 'two'));
    const done = finishOf('explorer');
    await vscode.commands.executeCommand('batchOperations.processFolder', one, [one, two]);
    const { report } = await done;
    assert.deepEqual(paths(report), [path.join(dir, 'one', 'a.md'), path.join(dir, 'two', 'b.md')]);
  });

  it('Show Batch Statistics (the status bar command) shows figures and offers a run', async () => {
    await processWorkspace();
    // Without an action it shows a non-modal message and returns at once.
    await vscode.commands.executeCommand('batchOperations.showStatistics');
    const done = finishOf('statusBar');
    await vscode.commands.executeCommand('batchOperations.showStatistics', { action: 'run' });
    const { report } = await done;
    assert.equal(report.summary.counts.discovered, fixtureFiles().length);
  });

  it('the API starts a run with trigger api', async () => {
    await idle();
    const done = finishOf('api');
    await api.processWorkspace();
    const { report } = await done;
    assert.equal(report.summary.counts.discovered, fixtureFiles().length);
  });

  it('processes the documents of open editors first', async () => {
    api.setConcurrency(1);
    await vscode.commands.executeCommand('batchOperations.clearCache');
    const order = (async () => {
      const seen: Outcome[] = [];
      const sub = api.onDidProcess((o) => seen.push(o));
      await processWorkspace();
      sub.dispose();
      return seen.filter((o) => o.kind === 'processed').map((o) => o.path);
    })();
    const before = await order;
    // The document discovery reaches last is the one to open.
    const target = before[before.length - 1]!;
    await vscode.window.showTextDocument(vscode.Uri.file(target));
    await vscode.commands.executeCommand('batchOperations.clearCache');
    const seen: Outcome[] = [];
    const sub = api.onDidProcess((o) => seen.push(o));
    await processWorkspace();
    sub.dispose();
    assert.equal(seen[0]?.path, target, `first outcome ${seen[0]?.path}, expected ${target} (order without editors: ${before.join(', ')})`);
  });

  it('analyses the unsaved text of an open document', async () => {
    const dir = tempFolder('unsaved', { 'draft.md': 'one two three\n' });
    const file = path.join(dir, 'draft.md');
    const doc = await vscode.workspace.openTextDocument(file);
    await vscode.window.showTextDocument(doc);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(doc.uri, new vscode.Range(0, 0, doc.lineCount, 0), 'alpha beta gamma delta epsilon zeta\n');
    assert.ok(await vscode.workspace.applyEdit(edit));
    assert.equal(doc.isDirty, true);
    const done = finishOf('explorer');
    await vscode.commands.executeCommand('batchOperations.processFolder', vscode.Uri.file(dir));
    const { report } = await done;
    const o = report.outcomes.find((x) => x.path === file);
    assert.ok(o && o.kind === 'processed', `processed: ${JSON.stringify(o)}`);
    assert.equal(o.source, 'memory');
    assert.equal((o.results.analyze as { words: number }).words, 6);
    // Throw the edit away (the fixture folder is deleted after the test).
    await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    assert.equal(doc.isDirty, false, 'the draft was reverted');
  });

  it('pauses, resumes and cancels a run, with the tree and status bar following', async () => {
    // Large enough (90 MB) that no machine finishes it between the first progress event and the pause.
    const dir = await bigFolder(6000);
    await analyzeOnly(true);
    api.setConcurrency(1);
    await vscode.commands.executeCommand('batchOperations.clearCache');
    const finished = finishOf('explorer');
    const moving = waitFor(api.onDidProgress, (p) => p.counts.processed > 0, 'progress');
    await vscode.commands.executeCommand('batchOperations.processFolder', vscode.Uri.file(dir));
    await moving;
    assert.equal(api.isRunning(), true);
    // The status bar draws progress at most twice a second: the next progress event after it has.
    const progressText = /^\$\(sync\) \d+% · [\d,]+ docs\/s · [\d,.]+ (bytes|KiB|MiB|GiB)$/;
    await waitFor(api.onDidProgress, () => progressText.test(api.statusBarText()), 'progress in the status bar');
    assert.match(api.statusBarText(), progressText);
    // The figure is the extension's own memory; the extension host's RSS only in the tooltip, labelled as shared.
    // (A sample taken before the first worker started says there is none.)
    assert.match(api.statusBarTooltip(), /^Batch Operations memory: .* \((worker threads: .*|no worker threads); result cache: .*\)$/m);
    assert.match(api.statusBarTooltip(), /^Extension host process \(shared with other extensions\): [\d.]+ (KiB|MiB|GiB)$/m);
    assert.equal(api.treeSnapshot().run[0]!.description, 'running');

    const paused = waitFor(api.onDidChangeState, (s) => s === 'paused', 'paused');
    await vscode.commands.executeCommand('batchOperations.pause');
    await paused;
    // Batches already handed to the worker finish; then the counts must stand still.
    let last = -1;
    await waitFor(api.onDidProgress, (p) => {
      const n = settled(p);
      const still = n === last;
      last = n;
      return still;
    }, 'counts to settle');
    const frozen = last;
    await waitFor(api.onDidProgress, () => true);
    const p2 = await waitFor(api.onDidProgress, () => true);
    assert.equal(settled(p2), frozen, 'no document settles while paused');
    assert.ok(frozen < 6000, 'paused before the end');
    assert.equal(api.state(), 'paused');
    assert.equal(api.treeSnapshot().run[0]!.description, 'paused');
    assert.match(api.statusBarText(), /paused/);

    const resumed = waitFor(api.onDidProgress, (p) => settled(p) > frozen, 'progress after resume');
    await vscode.commands.executeCommand('batchOperations.resume');
    await resumed;
    await vscode.commands.executeCommand('batchOperations.cancel');
    const { report } = await finished;
    const s = report.summary;
    assert.equal(s.state, 'cancelled');
    assert.equal(s.accounted, true);
    assert.equal(s.counts.discovered, 6000);
    assert.ok((s.skippedByReason.cancelled ?? 0) > 0, 'the rest is accounted as cancelled');
    assert.equal(api.state(), 'cancelled');
    assert.equal(api.treeSnapshot().run[0]!.description, 'cancelled');
  });

  it('a second command during a run asks, and queues or restarts', async () => {
    const dir = await bigFolder(600);
    await analyzeOnly(true);
    // Pauses from inside the first document event, before the dispatcher can hand out more work.
    const pauseAtFirstDocument = () =>
      new Promise<void>((resolve) => {
        const once = api.onDidProcess(() => {
          once.dispose();
          void vscode.commands.executeCommand('batchOperations.pause').then(() => resolve());
        });
      });
    api.setConcurrency(1);
    await vscode.commands.executeCommand('batchOperations.clearCache');
    const docs = vscode.Uri.joinPath(folderA().uri, 'docs');
    const order: string[] = [];
    const sub = api.onDidFinishRun((f) => order.push(`${f.report.summary.state}:${f.report.summary.counts.discovered}`));
    try {
      // Queue: the second run waits for the first.
      // Paused at its first document, the first run cannot finish before the second command arrives, however fast the machine.
      let started = pauseAtFirstDocument();
      await vscode.commands.executeCommand('batchOperations.processFolder', vscode.Uri.file(dir));
      await started;
      assert.equal(api.state(), 'paused');
      api.answerPrompt('Queue');
      let second = waitFor(api.onDidFinishRun, (f) => f.report.summary.counts.discovered === 1, 'the queued run');
      await vscode.commands.executeCommand('batchOperations.processFolder', docs);
      assert.equal(api.state(), 'paused', 'queuing does not touch the running batch');
      await vscode.commands.executeCommand('batchOperations.resume');
      await second;
      assert.deepEqual(order, ['finished:600', 'finished:1']);

      // Cancel and restart: the first is cancelled, the second runs.
      order.length = 0;
      await vscode.commands.executeCommand('batchOperations.clearCache');
      started = pauseAtFirstDocument();
      await vscode.commands.executeCommand('batchOperations.processFolder', vscode.Uri.file(dir));
      await started;
      assert.equal(api.state(), 'paused');
      api.answerPrompt('Cancel and Restart');
      second = waitFor(api.onDidFinishRun, (f) => f.report.summary.counts.discovered === 1, 'the restarted run');
      await vscode.commands.executeCommand('batchOperations.processFolder', docs);
      await second;
      // How much of the 600 the cancelled run had found depends on how far its walk got before the pause.
      assert.deepEqual(order.map((o) => o.replace(/:\d+$/, '')), ['cancelled', 'finished']);
      assert.equal(order[1], 'finished:1');
    } finally {
      sub.dispose();
    }
  });

  it('shows the results in the tree and the status bar', async () => {
    const report = await processWorkspace();
    const total = report.summary.counts.discovered;
    assert.equal(api.statusBarText(), `$(checklist) ${total} docs`);
    const snap = api.treeSnapshot();
    assert.equal(snap.run[0]!.description, 'finished');
    const row = (label: string) => snap.run.find((r) => r.label === label)?.description;
    assert.equal(Number(row('Processed')) + Number(row('Cached')), report.summary.counts.processed + report.summary.counts.cached);
    const rootA = snap.results.find((n) => n.label === 'workspace-a');
    assert.ok(rootA, JSON.stringify(snap.results.map((n) => n.label)));
    const notes = rootA.children?.find((n) => n.label === 'notes.md');
    assert.ok(notes);
    assert.match(notes.description, /^[\d,]+ words · [\d.]+ min · [\d,]+ findings?$/);
    // Each marker is a finding, "line:column message", among lint's and links' findings of the document.
    const labels = notes.children?.map((m) => m.label) ?? [];
    for (const marker of ['8:1 TODO: send the summary to everyone.', '9:1 FIXME: the date in the header of the last report is wrong.', '16:3 - TODO: ask about the budget', '17:3 - FIXME: broken link in the index']) {
      assert.ok(labels.includes(marker), `${marker} in ${JSON.stringify(labels)}`);
    }
    assert.ok(rootA.children?.find((n) => n.label === 'docs')?.children?.some((n) => n.label === 'guide.md'));
    if (process.env.BOM_INTEGRATION_RUN === 'multi-root') {
      const skipped = snap.results.find((n) => n.label.startsWith('Skipped ('));
      assert.equal(skipped?.label, 'Skipped (1)');
      assert.equal(skipped?.children?.[0]?.label, 'pixel.png');
      assert.equal(skipped?.children?.[0]?.description, 'binary');
    }
  });

  it('reports markers as diagnostics; saving re-processes that file alone and clears them', async () => {
    const dir = tempFolder('diag', { 'note.md': 'Intro line\nTODO: fix this\n', 'other.md': 'FIXME: not touched\n' });
    const file = path.join(dir, 'note.md');
    const uri = vscode.Uri.file(file);
    const done = finishOf('explorer');
    await vscode.commands.executeCommand('batchOperations.processFolder', vscode.Uri.file(dir));
    await done;
    const diags = markerDiagnostics(uri);
    assert.equal(diags.length, 1);
    const code = diags[0]!.code;
    assert.equal(typeof code === 'object' ? code.value : code, 'marker');
    assert.equal(diags[0]!.source, 'analyze');
    assert.equal(diags[0]!.severity, vscode.DiagnosticSeverity.Information);
    assert.equal(diags[0]!.range.start.line, 1);
    assert.equal(markerDiagnostics(vscode.Uri.file(path.join(dir, 'other.md'))).length, 1);

    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const edit = new vscode.WorkspaceEdit();
    edit.replace(uri, new vscode.Range(1, 0, 1, 'TODO: fix this'.length), 'Done: fixed');
    assert.ok(await vscode.workspace.applyEdit(edit));
    const saved = finishOf('save');
    assert.ok(await doc.save());
    const { report } = await saved;
    assert.equal(report.summary.counts.discovered, 1);
    assert.deepEqual(paths(report), [file]);
    assert.equal(report.outcomes[0]!.kind, 'processed');
    assert.equal(markerDiagnostics(uri).length, 0);
    assert.equal(markerDiagnostics(vscode.Uri.file(path.join(dir, 'other.md'))).length, 1, 'the other file keeps its marker');
  });

  it('keeps the Problems panel through a re-run, then drops the markers of a file that is gone', async () => {
    const dir = tempFolder('rerun', { 'kept.md': 'TODO: stays\n', 'gone.md': 'FIXME: goes\n' });
    const kept = vscode.Uri.file(path.join(dir, 'kept.md'));
    const gone = vscode.Uri.file(path.join(dir, 'gone.md'));
    const first = finishOf('explorer');
    await vscode.commands.executeCommand('batchOperations.processFolder', vscode.Uri.file(dir));
    await first;
    assert.equal(markerDiagnostics(kept).length, 1);
    assert.equal(markerDiagnostics(gone).length, 1);

    fs.rmSync(gone.fsPath);
    // At the start of the re-run, the markers are still shown (the panel does not empty and refill).
    const atStart = waitFor(api.onDidStartRun).then(() => [markerDiagnostics(kept).length, markerDiagnostics(gone).length]);
    const second = finishOf('explorer');
    await vscode.commands.executeCommand('batchOperations.processFolder', vscode.Uri.file(dir));
    assert.deepEqual(await atStart, [1, 1]);
    await second;
    assert.equal(markerDiagnostics(kept).length, 1);
    assert.equal(markerDiagnostics(gone).length, 0, 'the removed file has no markers left');
  });

  it('exports the report as JSON, CSV, Markdown and SARIF', async () => {
    const report = await processWorkspace();
    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bom-export-'));
    try {
      for (const format of ['json', 'csv', 'md', 'sarif']) {
        const target = vscode.Uri.file(path.join(out, `report.${format}`));
        const written = await vscode.commands.executeCommand<vscode.Uri>('batchOperations.exportReport', format, target);
        assert.equal(written?.fsPath, target.fsPath);
      }
      const json = JSON.parse(fs.readFileSync(path.join(out, 'report.json'), 'utf8'));
      assert.equal(json.documents.length, report.outcomes.length);
      assert.equal(json.summary.counts.discovered, report.summary.counts.discovered);
      const csv = fs.readFileSync(path.join(out, 'report.csv'), 'utf8').trim().split('\r\n');
      assert.match(csv[0]!, /^root,file,status,reason/);
      assert.equal(csv.length, report.outcomes.length + 1);
      const md = fs.readFileSync(path.join(out, 'report.md'), 'utf8');
      assert.match(md, /^# Batch report/);
      assert.match(md, /notes\.md/);
      // SARIF: one run per operation of the run, each naming its rules; workspace-a's README has a broken fragment.
      const sarif = JSON.parse(fs.readFileSync(path.join(out, 'report.sarif'), 'utf8'));
      assert.equal(sarif.version, '2.1.0');
      const links = sarif.runs.find((r: { tool: { driver: { name: string } } }) => r.tool.driver.name === 'batch-ops links');
      assert.ok(links, JSON.stringify(sarif.runs.map((r: { tool: { driver: { name: string } } }) => r.tool.driver.name)));
      assert.ok(links.tool.driver.rules.some((r: { id: string }) => r.id === 'missing-fragment-in-file'));
      assert.ok(
        links.results.some((r: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string } } }[] }) => r.ruleId === 'missing-fragment-in-file' && r.locations[0]!.physicalLocation.artifactLocation.uri === 'README.md'),
        JSON.stringify(links.results),
      );
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }
  });

  it('serves the run after a reload from the persisted cache; Clear Batch Cache deletes it', async () => {
    await processWorkspace();
    // The cache is saved in slices after the run, off the run's path.
    await api.cacheSaved();
    const file = api.cacheFile();
    assert.ok(file && fs.existsSync(file), `cache file ${file}`);
    await api.simulateReload();
    const warm = await processWorkspace();
    const c = warm.summary.counts;
    assert.equal(c.processed, 0);
    assert.ok(c.cached > 0);
    assert.equal(c.cached, c.discovered - c.skipped - c.failed);

    await vscode.commands.executeCommand('batchOperations.clearCache');
    assert.equal(fs.existsSync(file), false);
    const cold = await processWorkspace();
    assert.equal(cold.summary.counts.cached, 0);
    await api.cacheSaved();
    assert.ok(fs.existsSync(file), 'the cold run after the clear saved its results again');
  });
});
