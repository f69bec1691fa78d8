// Restricted mode: the 'untrusted' run of test/integration/run.mjs opens workspace-a
// with workspace trust on and nobody trusting it (the stand-in only; runTests hands a
// desktop VS Code --disable-workspace-trust). index.ts runs this file alone there, and
// never in the other runs. The extension activates (limited support), and Review /
// Enhance with Language Model refuse before asking for a model, a confirmation or
// reading a document.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { testingEntryOf, type BatchOperationsTesting } from '../../../src/api/testing';
import type { LmCommandResult } from '../../../src/ui/lm/lmCommands';

const EXTENSION_ID = 'batch-operations.batch-operations';
let api: BatchOperationsTesting;

describe('An untrusted workspace (restricted mode)', function () {
  this.timeout(60000);

  before(async () => {
    const ext = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(ext, 'the extension is loaded in restricted mode');
    api = testingEntryOf(await ext.activate());
  });

  afterEach(() => api.setLmHooks(undefined));

  it('is not trusted', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'the untrusted run opened a trusted workspace: check BOM_UNTRUSTED_WORKSPACE in the stand-in');
  });

  it('refuses Review and Enhance with Language Model: no model chosen, nothing confirmed, no request, no run', async () => {
    const asked: string[] = [];
    api.setLmHooks({
      // Declined, should the refusal ever go: nothing is sent and workspace-a is not edited.
      confirm: () => {
        asked.push('confirm');
        return false;
      },
      pickModel: () => {
        asked.push('pickModel');
        return 0;
      },
      instruction: 'Fix the typos.',
    });
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const commands: [string, ...unknown[]][] = [
      ['batchOperations.reviewWorkspace'],
      ['batchOperations.reviewFolder', folder],
      ['batchOperations.enhanceWorkspace'],
      ['batchOperations.enhanceFolder', folder],
    ];
    for (const [command, ...args] of commands) {
      const result = await vscode.commands.executeCommand<LmCommandResult>(command, ...args);
      assert.deepEqual(result, { outcome: 'untrusted' }, command);
    }
    assert.deepEqual(asked, []);
    assert.deepEqual(api.lmRequests(), []);
    assert.equal(api.isRunning(), false);
    assert.equal(api.lastReport(), undefined, 'no run was started');
  });
});
