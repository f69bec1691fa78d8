import assert from 'node:assert/strict';
import type * as vscode from 'vscode';
import type { RunReport } from '../../../src/engine/index';
import { logNoticesOnce } from '../../../src/ui/notices';

describe('notices in the log', () => {
  it('logs each notice once a window, the first time a run says it', () => {
    let fire: (e: { report: RunReport }) => void = () => {};
    const onDidFinishRun = ((listener: (e: { report: RunReport }) => void) => {
      fire = listener;
      return { dispose() {} };
    }) as unknown as vscode.Event<{ readonly report: RunReport }>;
    const warned: string[] = [];
    const log = { warn: (m: string) => warned.push(m) } as unknown as vscode.LogOutputChannel;
    logNoticesOnce(onDidFinishRun, log);
    const run = (notices?: string[]) => fire({ report: { notices } as unknown as RunReport });
    run(['JavaScript configuration not loaded']);
    run(['JavaScript configuration not loaded', 'another']);
    run(undefined);
    run(['another']);
    assert.deepEqual(warned, ['JavaScript configuration not loaded', 'another']);
  });
});
