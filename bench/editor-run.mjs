// The editor bench's launcher: opens <dir> as the workspace of a real VS Code
// (the integration tests' code-server stand-in, headless chromium) and runs
// bench/editor/index.ts in its extension host. Its last line of output is one
// JSON line: { runs } (the stand-in's own output comes before it).
//   node bench/editor-run.mjs <dir>
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runTests } from '@vscode/test-electron';
import { bundleForExtensionHost } from '../test/integration/build.mjs';
import { CODE_SERVER_MARKER, PROJECT_ROOT, STAND_IN } from '../test/integration/harness/paths.mjs';

const [dir] = process.argv.slice(2);
if (!fs.existsSync(CODE_SERVER_MARKER)) {
  console.log(JSON.stringify({ skipped: 'the code-server stand-in is not installed (bash scripts/install-code-server.sh)' }));
  process.exit(0);
}
const outDir = path.join(PROJECT_ROOT, 'out', 'bench-editor');
await bundleForExtensionHost({ index: path.join(PROJECT_ROOT, 'bench', 'editor', 'index.ts') }, outDir);
const result = path.join(os.tmpdir(), `bench-editor-${process.pid}.json`);
await runTests({
  vscodeExecutablePath: STAND_IN,
  extensionDevelopmentPath: PROJECT_ROOT,
  extensionTestsPath: path.join(outDir, 'index.js'),
  launchArgs: [dir],
  extensionTestsEnv: { BOM_BENCH_OUT: result, ...(process.env.BOM_BENCH_NO_PROBLEMS ? { BOM_BENCH_NO_PROBLEMS: '1' } : {}), ...(process.env.BOM_BENCH_PROFILE ? { BOM_BENCH_PROFILE: process.env.BOM_BENCH_PROFILE } : {}) },
});
const { runs } = JSON.parse(fs.readFileSync(result, 'utf8'));
fs.rmSync(result, { force: true });
console.log(JSON.stringify({ runs }));
