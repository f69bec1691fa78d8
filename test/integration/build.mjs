// Bundle the integration suite for the extension host:
//   test/integration/suite/index.ts   -> out/integration/suite/index.js
//   test/integration/suite/*.test.ts  -> out/integration/suite/*.test.js
// CommonJS for Node; `vscode` is provided by the extension host. mocha is
// bundled in (mocha 12 is ESM and a desktop extension host's Node may not
// require() ESM).
import * as esbuild from 'esbuild';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const suiteDir = path.join(root, 'test', 'integration', 'suite');
export const outDir = path.join(root, 'out', 'integration', 'suite');

export async function buildSuite() {
  const tests = fs.readdirSync(suiteDir).filter((f) => f.endsWith('.test.ts')).sort();
  const entryPoints = Object.fromEntries([
    ['index', path.join(suiteDir, 'index.ts')],
    ...tests.map((f) => [f.replace(/\.ts$/, ''), path.join(suiteDir, f)]),
  ]);
  await bundleForExtensionHost(entryPoints, outDir);
  return { outDir, index: path.join(outDir, 'index.js'), tests };
}

/** Bundles code that runs in an extension host (CommonJS for its Node, `vscode` external) into a fresh outDir. */
export async function bundleForExtensionHost(entryPoints, outDir) {
  fs.rmSync(outDir, { recursive: true, force: true });
  await esbuild.build({
    absWorkingDir: root,
    entryPoints,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    outdir: outDir,
    external: ['vscode'],
    sourcemap: 'inline',
    logLevel: 'warning',
    // mocha's optional/dynamic requires (reporters by path, parallel mode, ...)
    logOverride: { 'require-resolve-not-external': 'silent', 'unsupported-require-call': 'silent' },
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const { index, tests } = await buildSuite();
  console.log(`built ${path.relative(root, index)} + ${tests.length} test file(s)`);
}
