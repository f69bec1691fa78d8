// The floor under any markdownlint-based linter on a tree: the markdownlint library
// alone (its public sync API, one document per call as an editor lints), the texts
// already in memory, no walking, no reading, no report. Single thread, and its CPU
// time beside it (V8's GC helper threads make a "single-threaded" process use more
// than one core). Issue 14's 4x target is judged against this in the closing note.
//   node bench/lint-floor.mjs DIR   -> one JSON line
import * as fs from 'node:fs';
import * as path from 'node:path';
import { lint } from 'markdownlint/sync';

const dir = process.argv[2];
const files = [];
(function walk(d) {
  for (const e of fs.readdirSync(d, { withFileTypes: true })) {
    const p = path.join(d, e.name);
    if (e.isDirectory()) { if (e.name !== 'node_modules' && e.name !== '.git') walk(p); }
    else if (e.isFile() && /\.(md|markdown)$/.test(e.name)) files.push(p);
  }
})(dir);
const texts = files.map((f) => fs.readFileSync(f, 'utf8'));
const cpu0 = process.cpuUsage();
const t0 = performance.now();
let problems = 0;
for (const text of texts) problems += lint({ strings: { d: text } }).d.length;
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
console.log(JSON.stringify({ dir, documents: texts.length, problems, ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000) }));
