// Integration tests: the mocha suites in test/integration/suite run inside a
// real extension host, launched by @vscode/test-electron's runTests().
//
// - VSCODE_EXECUTABLE=/path/to/code  use that (desktop) VS Code;
// - otherwise the offline stand-in (code-server + headless chromium, see
//   harness/stand-in.mjs), installing it first with scripts/install-code-server.sh
//   when .vscode-test/code-server is missing.
//
// After the suites, test/integration/ui/workbench.mjs drives the workbench UI in the
// browser (command palette, status bar, the Batch Operations view; screenshots in
// test-results/), test/integration/ui/lm.mjs pictures Review with Language Model and
// test/integration/ui/fix-preview.mjs Fix All's refactor preview. BOM_UI_TEST=0 skips them; they need the stand-in (not VSCODE_EXECUTABLE).
//
// Each entry of RUNS opens a workspace and runs the whole suite in it (the
// 'untrusted' run: only suite/untrusted.test.ts, in restricted mode).
//   BOM_INTEGRATION_RUNS=single-folder,multi-root  pick runs by name
//   BOM_BUILD=1                                   rebuild dist/ first (`npm test` already does)
//   BOM_TEST_GREP=pattern                         mocha --grep inside the host
//   BOM_UI_ONLY=fix-preview,lm                    only these UI scripts (UI_SCRIPTS), no suites
//   BOM_STANDIN_VERBOSE=1 / BOM_STANDIN_KEEP=1    stand-in debugging (harness/stand-in.mjs)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { buildSuite } from './build.mjs';
import { CODE_SERVER_MARKER, INSTALL_SCRIPT, PROJECT_ROOT, STAND_IN } from './harness/paths.mjs';

const fixtures = path.join(PROJECT_ROOT, 'test', 'fixtures');
/** Loaded beside ours: an extension that registers operations through the API (suite/api.test.ts). */
const SAMPLE_EXTENSION = path.join(fixtures, 'sample-extension');
/** Loaded beside ours: a fake chat model registered with vscode.lm (suite/lm.test.ts), through the chatProvider API proposal. */
const FAKE_LM_EXTENSION = path.join(fixtures, 'fake-lm-extension');
const FAKE_LM_ID = 'batch-operations-tests.fake-lm';

/** Add a run here to run the suite in another workspace. env reaches the tests. */
const RUNS = [
  { name: 'single-folder', workspace: path.join(fixtures, 'workspace-a') },
  { name: 'multi-root', workspace: path.join(fixtures, 'multi.code-workspace') },
  // Restricted mode: workspace trust on and workspace-a not trusted; only suite/untrusted.test.ts runs
  // (suite/index.ts). The stand-in only: runTests always hands a desktop VS Code --disable-workspace-trust.
  { name: 'untrusted', workspace: path.join(fixtures, 'workspace-a'), env: { BOM_UNTRUSTED_WORKSPACE: '1' }, standInOnly: true },
];

/**
 * The browser UI scripts (test/integration/ui/<name>.mjs), run in this order after the suites:
 * workbench (command palette, status bar, the Batch Operations view), lm (Review with Language
 * Model against the fake chat model), fix-preview (Fix All's refactor preview, applied).
 */
const UI_SCRIPTS = [
  { name: 'workbench', failure: 'ui' },
  { name: 'lm', failure: 'ui-lm' },
  { name: 'fix-preview', failure: 'ui-fix-preview' },
];

function sh(cmd, args) {
  const r = spawnSync(cmd, args, { cwd: PROJECT_ROOT, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`[integration] '${cmd} ${args.join(' ')}' failed (${r.status ?? r.signal})`);
    process.exit(1);
  }
}

async function main() {
  const t0 = Date.now();
  let vscodeExecutablePath = process.env.VSCODE_EXECUTABLE;
  if (vscodeExecutablePath) {
    console.log(`[integration] using VS Code at ${vscodeExecutablePath}`);
  } else {
    if (!fs.existsSync(CODE_SERVER_MARKER)) {
      console.log('[integration] code-server stand-in not installed: running scripts/install-code-server.sh');
      sh('bash', [INSTALL_SCRIPT]);
    }
    vscodeExecutablePath = STAND_IN;
  }

  // The extension under test: `npm test` builds dist/ before this script;
  // build it here only when missing (or when BOM_BUILD=1).
  if (process.env.BOM_BUILD === '1' || !fs.existsSync(path.join(PROJECT_ROOT, 'dist', 'extension.js'))) {
    sh('npm', ['run', 'build', '--silent']);
  }
  // The suite bundle (out/integration/suite/).
  const { index } = await buildSuite();

  const uiOnly = process.env.BOM_UI_ONLY?.split(',').map((s) => s.trim()).filter(Boolean);
  if (uiOnly && !uiOnly.every((n) => UI_SCRIPTS.some((s) => s.name === n))) {
    console.error(`[integration] BOM_UI_ONLY=${process.env.BOM_UI_ONLY}: the UI scripts are ${UI_SCRIPTS.map((s) => s.name).join(', ')}`);
    process.exit(1);
  }
  const only = process.env.BOM_INTEGRATION_RUNS?.split(',').map((s) => s.trim()).filter(Boolean);
  const runs = only ? RUNS.filter((r) => only.includes(r.name)) : RUNS;
  if (runs.length === 0) {
    console.error(`[integration] no run matches BOM_INTEGRATION_RUNS=${process.env.BOM_INTEGRATION_RUNS}`);
    process.exit(1);
  }

  const failed = [];
  for (const run of uiOnly ? [] : runs) {
    if (run.standInOnly && process.env.VSCODE_EXECUTABLE) {
      console.log(`\n[integration] ${run.name}: skipped (the stand-in only, not VSCODE_EXECUTABLE)`);
      continue;
    }
    const t = Date.now();
    console.log(`\n[integration] ${run.name}: ${path.relative(PROJECT_ROOT, run.workspace)}`);
    try {
      await runTests({
        vscodeExecutablePath,
        extensionDevelopmentPath: [PROJECT_ROOT, SAMPLE_EXTENSION, FAKE_LM_EXTENSION],
        extensionTestsPath: index,
        // The stand-in (code-server) lets extensions under development use API proposals; a stable desktop VS Code needs the flag.
        launchArgs: [run.workspace, `--enable-proposed-api=${FAKE_LM_ID}`],
        extensionTestsEnv: { BOM_INTEGRATION_RUN: run.name, ...(run.env ?? {}) },
      });
      console.log(`[integration] ${run.name}: ok (${((Date.now() - t) / 1000).toFixed(1)} s)`);
    } catch (err) {
      console.error(`[integration] ${run.name}: FAILED (${err.message})`);
      failed.push(run.name);
      if (err.signal || err.code === 130 || err.code === 143) {
        console.error('[integration] interrupted: skipping the remaining runs');
        break;
      }
    }
  }
  // The browser-driven UI tests (need the code-server stand-in; BOM_UI_TEST=0 skips them).
  if (process.env.BOM_UI_TEST !== '0' && !process.env.VSCODE_EXECUTABLE && failed.length === 0) {
    const scripts = uiOnly ? UI_SCRIPTS.filter((s) => uiOnly.includes(s.name)) : UI_SCRIPTS;
    for (const script of scripts) {
      const file = path.join(PROJECT_ROOT, 'test', 'integration', 'ui', `${script.name}.mjs`);
      console.log(`\n[integration] ui: ${path.relative(PROJECT_ROOT, file)}`);
      const r = spawnSync(process.execPath, [file], { cwd: PROJECT_ROOT, stdio: 'inherit' });
      if (r.status !== 0) failed.push(script.failure);
    }
  }
  const secs = ((Date.now() - t0) / 1000).toFixed(1);
  if (failed.length) {
    console.error(`\n[integration] failed runs: ${failed.join(', ')} (of ${uiOnly ? `UI scripts ${uiOnly.join(', ')}` : runs.length}, ${secs} s)`);
    process.exit(1);
  }
  console.log(uiOnly ? `\n[integration] UI scripts ${uiOnly.join(', ')} ok (${secs} s)` : `\n[integration] all ${runs.length} run(s) ok (${secs} s)`);
}

main().catch((err) => {
  console.error('[integration] error:', err);
  process.exit(1);
});
