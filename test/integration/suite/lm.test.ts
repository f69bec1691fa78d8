// Review / Enhance with Language Model against a fake chat model registered with
// vscode.lm (test/fixtures/fake-lm-extension, through the chatProvider proposal):
// the confirmation (answered through the testing hook, which also shows what it
// said), splitting, a garbage answer, Blocked back-off, cancel, the cache, and
// Enhance's one-undo edit. Waits are on events and promises, never sleeps.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { testingEntryOf, type BatchOperationsTesting } from '../../../src/api/testing';
import type { LmCommandResult } from '../../../src/ui/lm/lmCommands';
import type { LmConfirmation } from '../../../src/ui/decisions/lm';
import { diagnosticsWhen, scratchFolder, waitFor } from './waits';

const EXTENSION_ID = 'batch-operations.batch-operations';
const FAKE_ID = 'batch-operations-tests.fake-lm';
let api: BatchOperationsTesting;
const tempDirs: string[] = [];

interface FakeStats {
  readonly mode: string;
  readonly requests: number;
  readonly answered: number;
  readonly blocked: number;
  readonly cancelled: number;
}
const fake = {
  setMode: (mode: string) => vscode.commands.executeCommand('fakeLm.setMode', mode),
  stats: () => vscode.commands.executeCommand<FakeStats>('fakeLm.stats'),
  nextRequest: () => vscode.commands.executeCommand<number>('fakeLm.nextRequest'),
};

/** Review of `dir`, the confirmation answered `yes`; what the confirmation showed and what the command answered. */
async function review(dir: string, yes = true): Promise<{ shown: LmConfirmation | undefined; result: LmCommandResult }> {
  while (api.isRunning()) await waitFor(api.onDidFinishRun, () => true, 'the run before');
  let shown: LmConfirmation | undefined;
  api.setLmHooks({
    confirm: (c) => {
      shown = c;
      return yes;
    },
  });
  const result = (await vscode.commands.executeCommand<LmCommandResult>('batchOperations.reviewFolder', vscode.Uri.file(dir)))!;
  return { shown, result };
}

const scratch = (name: string, files: Record<string, string>) => scratchFolder(`lm-${name}`, files, tempDirs);
const outcomeOf = (result: LmCommandResult, file: string) => result.report?.outcomes.find((o) => o.path === file);

describe('Review and Enhance with Language Model (fake chat model)', function () {
  this.timeout(60000);

  before(async () => {
    const fakeExt = vscode.extensions.getExtension(FAKE_ID);
    assert.ok(fakeExt, 'the fake model extension is loaded');
    await fakeExt.activate();
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext);
    api = testingEntryOf(await ext.activate());
    const models = await vscode.lm.selectChatModels({ vendor: 'fake-lm' });
    assert.equal(models.length, 1, 'selectChatModels finds the fake model');
  });

  beforeEach(() => fake.setMode('good'));

  after(async () => {
    api.setLmHooks(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const dir of tempDirs.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('asks before sending anything, showing the model, the documents and the estimated tokens; declined, nothing is sent', async () => {
    const dir = scratch('decline', { 'a.md': '# A\n\nREVIEW-ME please.\n', 'b.md': '# B\n\nFine.\n', 'c.png': 'not text' });
    const before = await fake.stats();
    const { shown, result } = await review(dir, false);
    assert.equal(result.outcome, 'declined');
    assert.ok(shown, 'the confirmation was shown');
    assert.equal(shown.model, 'Fake LM');
    assert.equal(shown.vendor, 'fake-lm');
    assert.equal(shown.documents, 2, 'the two Markdown documents');
    assert.ok(shown.tokens > 0 && shown.tokens < 1000, `tokens ${shown.tokens}`);
    assert.ok(shown.fitsOneRequestEach);
    assert.equal(shown.requests, 2);
    assert.match(shown.detail, /Model: Fake LM \(fake-lm\)/);
    assert.match(shown.detail, /Estimated tokens sent: \d+/);
    assert.match(shown.detail, /fits one request/);
    assert.equal((await fake.stats()).requests, before.requests, 'no request before the confirmation');
  });

  it('reviews after the confirmation: findings in the Problems panel and the Results view, each request logged without content; a warm second review sends no request', async () => {
    const dir = scratch('review', { 'a.md': '# A\n\nFine.\n\nREVIEW-ME please.\n', 'b.md': '# B\n\nFine.\n' });
    const a = path.join(dir, 'a.md');
    const before = await fake.stats();
    const logged = api.lmRequests().length;
    const { result } = await review(dir);
    assert.equal(result.outcome, 'done', JSON.stringify(result));
    assert.equal(outcomeOf(result, a)?.kind, 'processed');
    const findings = api.findings().forFile(a).filter((f) => f.operation === 'review');
    assert.deepEqual(findings.map((f) => f.range.start.line), [5]);
    await diagnosticsWhen(vscode.Uri.file(a), (d) => d.some((x) => x.source === 'review' && x.range.start.line === 4), 'the review finding in Problems');
    assert.ok(JSON.stringify(api.treeSnapshot().results).includes('The fake model questions this line.'), 'the finding is in the Results view');
    const after = await fake.stats();
    assert.equal(after.requests - before.requests, 2, 'one request per document');
    const records = api.lmRequests().slice(logged);
    assert.equal(records.length, 2);
    for (const r of records) {
      assert.deepEqual(Object.keys(r).sort(), ['ms', 'operation', 'outcome', 'part', 'parts', 'path', 'tokensIn', 'tokensOut']);
      assert.equal(r.outcome, 'ok');
    }

    // Warm: the same documents, the same model: results from the cache, no request.
    const warm = await review(dir);
    assert.equal(warm.result.outcome, 'done');
    assert.equal(outcomeOf(warm.result, a)?.kind, 'cached');
    assert.equal((await fake.stats()).requests, after.requests, 'the warm review sends no request');
    assert.deepEqual(
      api.findings().forFile(a).filter((f) => f.operation === 'review').map((f) => f.range.start.line),
      [5],
    );
  });

  it('splits a document longer than a request into several requests, and places findings at their lines', async () => {
    const filler = Array.from({ length: 200 }, (_, i) => `Line ${i + 1} of a long document, written to be longer than one request.`);
    filler[179] = 'REVIEW-ME near the end.';
    const dir = scratch('long', { 'long.md': filler.join('\n') + '\n' });
    const file = path.join(dir, 'long.md');
    const logged = api.lmRequests().length;
    const { shown, result } = await review(dir);
    assert.ok(shown && !shown.fitsOneRequestEach, 'the confirmation says it does not fit one request');
    assert.ok(shown.requests > 1, `requests ${shown.requests}`);
    assert.equal(result.outcome, 'done');
    const records = api.lmRequests().slice(logged).filter((r) => r.path === file);
    assert.equal(records.length, shown.requests, 'as many requests as estimated');
    assert.ok(records.every((r) => r.parts === shown.requests && r.tokensIn <= 1000));
    assert.deepEqual(
      api.findings().forFile(file).filter((f) => f.operation === 'review').map((f) => f.range.start.line),
      [180],
    );
  });

  it('fails a document whose answer is garbage with operation-error; the others go on', async () => {
    await fake.setMode('garbage');
    const dir = scratch('garbage', { 'a.md': '# A\n\nText.\n' });
    const { result } = await review(dir);
    const o = outcomeOf(result, path.join(dir, 'a.md'));
    assert.equal(o?.kind, 'failed');
    assert.equal(o.kind === 'failed' ? o.reason : '', 'operation-error');
    assert.ok(api.lmRequests().some((r) => r.path === path.join(dir, 'a.md') && r.outcome === 'invalid-answer'));
  });

  it('backs off when the model says Blocked, then succeeds', async () => {
    await fake.setMode('blocked-then-good');
    const dir = scratch('blocked', { 'a.md': '# A\n\nREVIEW-ME\n' });
    const file = path.join(dir, 'a.md');
    const { result } = await review(dir);
    assert.equal(outcomeOf(result, file)?.kind, 'processed');
    assert.equal((await fake.stats()).blocked, 1);
    assert.deepEqual(
      api.lmRequests().filter((r) => r.path === file).map((r) => r.outcome),
      ['blocked', 'ok'],
    );
    assert.equal(api.findings().forFile(file).filter((f) => f.operation === 'review').length, 1);
  });

  it('stops the run when the model refuses (NoPermissions)', async () => {
    await fake.setMode('no-permissions');
    const dir = scratch('refused', { 'a.md': '# A\n', 'b.md': '# B\n', 'c.md': '# C\n' });
    const { result } = await review(dir);
    assert.equal(result.outcome, 'stopped');
    assert.equal(result.stoppedBy, 'no-permissions');
    assert.ok(api.lmRequests().some((r) => r.path.startsWith(dir) && r.outcome === 'no-permissions'));
  });

  it('cancels within a second while a request is in flight', async () => {
    await fake.setMode('slow');
    const dir = scratch('cancel', { 'a.md': '# A\n', 'b.md': '# B\n', 'c.md': '# C\n' });
    const arrived = fake.nextRequest();
    const running = review(dir);
    await arrived;
    const t0 = Date.now();
    const finished = waitFor(api.onDidFinishRun, (f) => f.trigger === 'lm', 'the cancelled run');
    await vscode.commands.executeCommand('batchOperations.cancel');
    const { report } = await finished;
    const ms = Date.now() - t0;
    assert.equal(report.summary.state, 'cancelled');
    assert.ok(ms < 1000, `cancelled in ${ms} ms`);
    assert.equal((await running).result.outcome, 'cancelled');
  });

  it('enhances: one edit of the suggestions, grouped per file, each entry needing confirmation; one undo restores every file; a document changed since is not patched', async () => {
    const files = { 'a.md': '# A\n\nThis is teh text.\n', 'b.md': '# B\n\nAnd teh other.\n', 'c.md': '# C\n\nChanged teh.\n' };
    const dir = scratch('enhance', files);
    const c = path.join(dir, 'c.md');
    let shown: LmConfirmation | undefined;
    api.setLmHooks({
      instruction: 'Fix spelling and grammar',
      skipPreview: true,
      confirm: (conf) => {
        shown = conf;
        return true;
      },
      // c.md changes after the model saw it: not patched.
      beforeCheck: async () => fs.promises.writeFile(c, '# C\n\nChanged by someone else, teh.\n'),
    });
    const result = (await vscode.commands.executeCommand<LmCommandResult>('batchOperations.enhanceFolder', vscode.Uri.file(dir)))!;
    assert.equal(result.outcome, 'done', JSON.stringify(result.outcome));
    assert.equal(shown?.instruction, 'Fix spelling and grammar');
    const fix = result.fix;
    assert.ok(fix?.applied, 'the edit applied');
    assert.ok(fix.entries.length === 2 && fix.entries.every((e) => e.needsConfirmation), JSON.stringify(fix.entries));
    assert.deepEqual([...new Set(fix.entries.map((e) => path.basename(e.label)))].sort(), ['a.md', 'b.md'], 'one group per file');
    assert.deepEqual(fix.plan.stale, [c]);
    assert.equal(fs.readFileSync(path.join(dir, 'a.md'), 'utf8'), '# A\n\nThis is the text.\n');
    assert.equal(fs.readFileSync(path.join(dir, 'b.md'), 'utf8'), '# B\n\nAnd the other.\n');
    assert.equal(fs.readFileSync(c, 'utf8'), '# C\n\nChanged by someone else, teh.\n', 'the changed document is left alone');

    const docA = await vscode.workspace.openTextDocument(path.join(dir, 'a.md'));
    const docB = await vscode.workspace.openTextDocument(path.join(dir, 'b.md'));
    await vscode.window.showTextDocument(docA);
    const restored = Promise.all(
      [
        [docA, files['a.md']],
        [docB, files['b.md']],
      ].map(([doc, text]) => {
        const d = doc as vscode.TextDocument;
        if (d.getText() === text) return Promise.resolve();
        return waitFor(vscode.workspace.onDidChangeTextDocument, (e) => e.document === d && d.getText() === text, `${path.basename(d.uri.fsPath)} restored`);
      }),
    );
    await vscode.commands.executeCommand('undo');
    await restored;
    for (const doc of [docA, docB]) {
      await vscode.window.showTextDocument(doc);
      await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
    }
  });
});
