// The published API, end to end: a sample extension (test/fixtures/sample-extension,
// loaded beside ours) registers a worker operation (a module its workers load) and a
// host operation (a function on this extension host) through getAPI(1); their
// findings reach the Problems panel, their results the exported report, and
// unregistering removes their findings. Every wait is on an event (no sleeps).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { diagnosticsWhen } from './waits';
import type { BatchOperationsApi, BatchOperationsExtension } from '../../../api/batch-operations';
import { testingEntryOf } from '../../../src/api/testing';

const EXTENSION_ID = 'batch-operations.batch-operations';
const SAMPLE_ID = 'batch-operations-tests.batch-ops-sample';

interface SampleExports {
  readonly api: BatchOperationsApi;
  hostCalls(): string[];
  unregister(): void;
}

const sourceOf = (d: vscode.Diagnostic) => d.source ?? '';

describe('the API (getAPI(1)) with a sample extension', function () {
  this.timeout(60000);
  let exports: BatchOperationsExtension;
  let sample: SampleExports;
  let dir: string;
  let doc: vscode.Uri;

  before(async () => {
    exports = (await vscode.extensions.getExtension<BatchOperationsExtension>(EXTENSION_ID)!.activate());
    const folder = vscode.workspace.workspaceFolders!.find((w) => path.basename(w.uri.fsPath) === 'workspace-a')!;
    dir = path.join(folder.uri.fsPath, 'tmp-api');
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, 'both.md'), '# Both\n\nSAMPLE-WORKER on line three\nand SAMPLE-HOST on line four\n');
    fs.writeFileSync(path.join(dir, 'plain.txt'), 'SAMPLE-WORKER SAMPLE-HOST but not markdown\n');
    doc = vscode.Uri.file(path.join(dir, 'both.md'));
  });

  after(async () => {
    sample?.unregister();
    const testing = testingEntryOf(exports);
    while (testing.isRunning()) await new Promise((resolve) => testing.onDidFinishRun(resolve));
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('getAPI(1) is the published API and nothing else; another version throws a clear error', () => {
    assert.throws(() => exports.getAPI(2 as 1), /offers API version 1, not 2/);
    const api = exports.getAPI(1);
    assert.equal(api, exports.getAPI(1), 'one object');
    assert.deepEqual(Object.keys(api).sort(), ['getFindings', 'getResults', 'onDidFinishRun', 'onDidProcess', 'registerOperation', 'run', 'version']);
    assert.deepEqual(Object.keys(exports), ['getAPI'], 'the testing entry is not among the exports\' keys');
    assert.throws(() => api.registerOperation({ id: 'lint', version: 1, run: () => ({}) }), /already registered or built in/);
  });

  it('runs both registered operations: findings in the Problems panel and the API, results in the exported JSON report, a warm run calls no host function', async () => {
    sample = (await vscode.extensions.getExtension<SampleExports>(SAMPLE_ID)!.activate());
    const api = exports.getAPI(1);
    const finished: string[] = [];
    const sub = api.onDidFinishRun((f) => finished.push(f.trigger));
    const processed: string[] = [];
    const sub2 = api.onDidProcess((o) => processed.push(path.basename(o.uri.fsPath)));
    const diagnostics = diagnosticsWhen(doc, (d) => d.some((x) => sourceOf(x) === 'sample.worker') && d.some((x) => sourceOf(x) === 'sample.host'), 'both operations\' findings', 20000);
    const summary = await api.run({ roots: [vscode.Uri.file(dir)], trigger: 'api test' });
    sub.dispose();
    sub2.dispose();
    assert.equal(summary.state, 'finished');
    assert.equal(summary.counts.failed, 0);
    assert.deepEqual(summary.operations['sample.host'], { documents: 1, findings: 1 });
    assert.deepEqual(summary.operations['sample.worker'], { hits: 1 });
    assert.deepEqual(finished, ['api test']);
    assert.deepEqual(processed.sort(), ['both.md', 'plain.txt']);

    const found = await diagnostics;
    const worker = found.find((d) => sourceOf(d) === 'sample.worker')!;
    assert.equal(worker.range.start.line, 2);
    assert.equal(worker.range.start.character, 0);
    const host = found.find((d) => sourceOf(d) === 'sample.host')!;
    assert.deepEqual([host.range.start.line, host.range.start.character, host.range.end.character], [3, 4, 15]);
    assert.equal(host.severity, vscode.DiagnosticSeverity.Information);
    assert.deepEqual(vscode.languages.getDiagnostics(vscode.Uri.file(path.join(dir, 'plain.txt'))).filter((d) => sourceOf(d).startsWith('sample.')), [], 'the filter keeps .txt out');

    assert.deepEqual(api.getFindings(doc).filter((f) => f.operation.startsWith('sample.')).map((f) => [f.operation, f.rule, f.range.start.line]), [['sample.worker', 'worker-marker', 3], ['sample.host', 'host-marker', 4]]);
    const [result] = api.getResults(doc);
    assert.deepEqual((result!.results!['sample.host'] as { data: unknown }).data, { characters: fs.readFileSync(doc.fsPath, 'utf8').length, scheme: 'file' });
    assert.deepEqual(sample.hostCalls().map((p) => path.basename(p)), ['both.md']);

    const out = fs.mkdtempSync(path.join(os.tmpdir(), 'bom-api-export-'));
    try {
      const target = vscode.Uri.file(path.join(out, 'report.json'));
      await vscode.commands.executeCommand('batchOperations.exportReport', 'json', target);
      const json = JSON.parse(fs.readFileSync(target.fsPath, 'utf8')) as { documents: { file?: string; path?: string; results?: Record<string, unknown> }[]; summary: { operations: Record<string, unknown> } };
      assert.deepEqual(json.summary.operations['sample.host'], { documents: 1, findings: 1 });
      const both = json.documents.find((d) => d.path === doc.fsPath)!;
      assert.deepEqual(both.results!['sample.worker'], { hits: [[3, 1]] });
      assert.deepEqual((both.results!['sample.host'] as { findings: { rule: string }[] }).findings.map((f) => f.rule), ['host-marker']);
    } finally {
      fs.rmSync(out, { recursive: true, force: true });
    }

    const warm = await api.run({ roots: [vscode.Uri.file(dir)], trigger: 'api test, warm' });
    assert.equal(warm.counts.cached, 2);
    assert.equal(sample.hostCalls().length, 1, 'the host function was not called again');
  });

  it('unregistering removes the operations\' findings from the Problems panel and the API', async () => {
    const api = exports.getAPI(1);
    const gone = diagnosticsWhen(doc, (d) => !d.some((x) => sourceOf(x).startsWith('sample.')), 'the sample\'s findings to go', 20000);
    sample.unregister();
    await gone;
    assert.deepEqual(api.getFindings(doc).filter((f) => f.operation.startsWith('sample.')), []);
    const summary = await api.run({ roots: [vscode.Uri.file(dir)], trigger: 'api test, after' });
    assert.equal(summary.operations['sample.host'], undefined, 'later runs do not run it');
  });
});
