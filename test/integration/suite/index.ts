// Mocha entry point loaded by the extension host (--extensionTestsPath).
// Bundled by test/integration/build.mjs into out/integration/suite/index.js,
// next to one bundle per *.test.ts; mocha is bundled in, `vscode` is external.
import * as fs from 'node:fs';
import * as path from 'node:path';
import Mocha from 'mocha';

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    // 'spec' writes through console.log, which the extension host forwards
    // (to the desktop runner's stdout, or to the web stand-in's codeAutomationLog).
    reporter: 'spec',
    color: false,
    timeout: Number(process.env.BOM_TEST_TIMEOUT_MS || 20000),
    grep: process.env.BOM_TEST_GREP || undefined,
  });
  const dir = __dirname;
  // The 'untrusted' run (restricted mode, see run.mjs) runs untrusted.test.js alone; the other runs all but it.
  const untrusted = process.env.BOM_UNTRUSTED_WORKSPACE === '1';
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.test.js') && (f === 'untrusted.test.js') === untrusted)
    .sort();
  for (const f of files) mocha.addFile(path.join(dir, f));

  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => {
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed.`));
        else resolve();
      });
    } catch (err) {
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
