#!/usr/bin/env node
// Mutation testing of one part of the source, with the tests that mirror it:
//
//   npm run mutate -- src/engine/schedule/queue.ts          one file, with test/unit/engine/schedule/queue*.test.ts
//   npm run mutate -- src/report                   a folder, with test/unit/report/**/*.test.ts
//   npm run mutate -- src/cli --spec 'test/unit/cli/args*.test.ts' ...   the tests that call the code
//   npm run mutate -- src/util --force             ignore the incremental results, test every mutant again
//
// StrykerJS with its mocha runner (stryker.config.json holds the rest: tsx, concurrency 1,
// per-test coverage). Results are incremental per target under reports/ (git-ignored):
// a second run tests only mutants whose code or tests changed. The HTML report of a target
// is reports/mutation/<target>.html. Slow on two cores: mutate one folder or file at a time.
// Not part of CI. The sandbox builds its own dist/ (stryker.config.json's buildCommand) from
// the instrumented sources, so tests that start worker threads (dist/worker.js) run; but a
// mutant is switched on only in the test runner's own thread, so one in code that runs only
// on a worker thread (schedule/worker.ts, and process/ when a test reaches it only through a
// WorkerPool) is never active there: it survives or is not covered. Tests that run the same
// code inline (InlineExecutor, new Engine({ concurrency: 0 })) can kill it. After adding tests for module-level constants, run with --force: the
// incremental results keep a survived static mutant (one in code run when a module loads)
// as survived even when new tests now kill it. The TypeScript checker is not used: on two
// cores it took minutes for a file whose mutants run in 16 s without it.
import * as fs from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

// Before Stryker loads its mocha runner plugin (see the file).
createRequire(import.meta.url)('./mocha12-compat.cjs');
const { Stryker } = await import('@stryker-mutator/core');

const USAGE = 'usage: npm run mutate -- <src file or folder>... (or --mutate <src file or folder>) [--spec GLOB]... [--force] [--concurrency N] [--timeout MS]';

const targets = [];
const specs = [];
let force = false;
let concurrency;
// A mutant that loops forever costs this much before it counts as killed (Timeout); 20 s made an engine folder a six-hour run.
let timeoutMS = 2500;
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const a = argv[i];
  if (a === '--spec') specs.push(argv[++i]);
  else if (a === '--mutate') targets.push(argv[++i].replace(/\\/g, '/').replace(/\/+$/, ''));
  else if (a === '--force') force = true;
  else if (a === '--concurrency') concurrency = Number(argv[++i]);
  else if (a === '--timeout') timeoutMS = Number(argv[++i]);
  else if (a === '-h' || a === '--help') {
    console.log(USAGE);
    process.exit(0);
  } else if (a.startsWith('-')) {
    console.error(`mutate: unknown option ${a}\n${USAGE}`);
    process.exit(2);
  } else targets.push(a.replace(/\\/g, '/').replace(/\/+$/, ''));
}
if (targets.length === 0) {
  console.error(USAGE);
  process.exit(2);
}

const mutate = [];
for (const target of targets) {
  if (!target.startsWith('src/') || !fs.existsSync(target)) {
    console.error(`mutate: ${target} is not a file or folder under src/`);
    process.exit(2);
  }
  if (fs.statSync(target).isDirectory()) mutate.push(`${target}/**/*.ts`);
  else mutate.push(target);
  if (specs.length === 0) specs.push(...mirroredTests(target));
}
// Never the generated WebAssembly module or the AssemblyScript source.
mutate.push('!src/**/*.wasm.ts', '!src/**/*.as.ts');

/** The tests of src/<dir>/<name>.ts: test/unit/<dir>/<name>*.test.ts if there are any, else the tests of its folder. */
function mirroredTests(target) {
  const rel = path.posix.relative('src', target);
  const isDir = fs.statSync(target).isDirectory();
  const dir = isDir ? rel : path.posix.dirname(rel);
  const testDir = path.posix.join('test/unit', dir === '.' ? '' : dir);
  if (!isDir) {
    const stem = path.posix.basename(rel, '.ts');
    const named = fs.existsSync(testDir) ? fs.readdirSync(testDir).filter((f) => f.startsWith(stem) && f.endsWith('.test.ts')) : [];
    if (named.length > 0) return named.map((f) => path.posix.join(testDir, f));
  }
  if (dir !== '.' && fs.existsSync(testDir)) return [`${testDir}/**/*.test.ts`];
  console.warn(`mutate: no tests mirror ${target}; running all unit tests (or pass --spec)`);
  return ['test/unit/**/*.test.ts'];
}

const name = targets.map((t) => t.replace(/^src\//, '').replace(/[/.]/g, '-')).join('+');
console.log(`mutate: ${mutate.filter((m) => !m.startsWith('!')).join(', ')}\nmutate: tests ${specs.join(', ')}`);

const stryker = new Stryker({
  mutate,
  mochaOptions: { config: '.mocharc.json', spec: specs },
  incrementalFile: `reports/stryker-incremental/${name}.json`,
  htmlReporter: { fileName: `reports/mutation/${name}.html` },
  jsonReporter: { fileName: `reports/mutation/${name}.json` },
  ...(force ? { force: true } : {}),
  ...(concurrency ? { concurrency } : {}),
  timeoutMS,
  // Its own sandbox per target: two runs at once no longer copy each other's half-deleted one.
  tempDirName: `.stryker-tmp/${name}`,
});
const results = await stryker.runMutationTest();
const count = (...states) => results.filter((r) => states.includes(r.status)).length;
const detected = count('Killed', 'Timeout');
const valid = detected + count('Survived', 'NoCoverage');
console.log(`mutate: ${name}: ${detected} of ${valid} mutants detected (${valid === 0 ? '-' : ((100 * detected) / valid).toFixed(2)}%), ${count('Survived')} survived, ${count('NoCoverage')} not covered`);
