// After one file of a large workspace changes, how long until the findings that
// depend on it are updated: links over the whole tree once (the editor's window
// keeps the findings store and the workspace resolvers across runs), then a
// changed file is run alone, as a save does. Prints one JSON line per case.
//   node bench/links-incremental.mjs DIR
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Engine, FindingsStore } = require('../dist/engine.js');

const root = path.resolve(process.argv[2] ?? '/tmp/corpora/tldr');
const engine = new Engine({ concurrency: 'auto' });
const findings = new FindingsStore();
const resolvers = new Map();
const ops = [{ id: 'links' }];

let t = performance.now();
const first = await engine.run({ roots: [root], operations: ops, findings, resolvers, keepOutcomes: false }).done;
const coldMs = performance.now() - t;

// A Markdown document to change: the first one, in discovery order, of a folder with others.
const target = findFirst(root, (p) => p.endsWith('.md'));
const original = fs.readFileSync(target);
const broken = (n) => `\n[broken ${n}](./no-such-file-${n}.md)\n`;
const cases = [];
try {
  for (let i = 0; i < 5; i++) {
    fs.writeFileSync(target, Buffer.concat([original, Buffer.from(broken(i))]));
    cases.push(await timeSave(`add a broken link (${i + 1})`, (fs) => fs.some((f) => f.rule === 'missing-file' && f.message.includes(`no-such-file-${i}`))));
  }
  fs.writeFileSync(target, original);
  cases.push(await timeSave('restore the file', (fs) => !fs.some((f) => f.message.includes('no-such-file-'))));
} finally {
  fs.writeFileSync(target, original);
  await engine.close();
}
console.log(JSON.stringify({ root, documents: first.summary.counts.discovered, coldMs, target: path.relative(root, target), cases }));

/** A save: the file runs alone with the window's store and resolvers; the time until its findings show the change. */
async function timeSave(name, updated) {
  const changed = new Promise((resolve) => {
    const off = findings.onDidChange((paths) => {
      if (paths.includes(target) && updated(findings.forFile(target))) {
        off();
        resolve(performance.now());
      }
    });
  });
  const started = performance.now();
  const run = engine.run({ roots: [target], operations: ops, findings, resolvers });
  const [at] = await Promise.all([changed, run.done]);
  return { name, ms: at - started, totalMs: performance.now() - started };
}

function findFirst(dir, ok) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    const p = path.join(dir, e.name);
    if (e.isFile() && ok(p)) return p;
  }
  for (const e of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (e.isDirectory() && !e.name.startsWith('.')) {
      const found = findFirst(path.join(dir, e.name), ok);
      if (found) return found;
    }
  }
  return undefined;
}
