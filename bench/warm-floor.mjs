// The floor under target 17.2: a warm run over a saved cache that does only what any
// warm run with a JSON report must do, in Node, built as leanly as this machine allows.
// Two worker threads stat the files as the main thread walks (as floor-run.mjs's restart
// does); meanwhile the main thread reads the cache file (bytes: no checksum, no result
// parsed) and indexes it by path; then it compares each file's size and mtime with the
// saved ones and writes the report. No ignore rules, queue, accounting, summary or
// findings: what is left is the walk, the stats, the saved results and the bytes out.
//   node bench/warm-floor.mjs DIR CACHE OUT [report|copy]
//     report: a JSON report, documents in path order, each a short head and its saved
//             result's bytes copied (what a report of cached results must hold)
//     copy:   the cache file's body written out in one piece: no report could be faster
// CACHE is a batch-ops cache file (src/engine/cache/cache-file.ts, version 3) of one
// operation, as `batch-ops DIR --ops analyze --cache CACHE` leaves it.
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';

const [root, cacheFile, out, mode = 'report'] = process.argv.slice(2);
if (!root || !cacheFile || !out || !['report', 'copy'].includes(mode)) {
  console.error('usage: node bench/warm-floor.mjs DIR CACHE OUT [report|copy]');
  process.exit(2);
}

const STAT_WORKER = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
parentPort.on('message', ({ id, joined }) => {
  const paths = joined.split('\\0');
  const stats = new Float64Array(paths.length * 2).fill(-1);
  for (let i = 0; i < paths.length; i++) {
    const st = fs.statSync(paths[i], { throwIfNoEntry: false });
    if (st) {
      stats[2 * i] = st.size;
      stats[2 * i + 1] = st.mtimeMs;
    }
  }
  parentPort.postMessage({ id, stats }, [stats.buffer]);
});`;

const workers = Array.from({ length: os.availableParallelism() }, () => new Worker(STAT_WORKER, { eval: true }));
const batches = [];
const answers = [];
let unanswered = 0;
let walked = false;
let statsDone;
const allStatted = new Promise((resolve) => (statsDone = resolve));
for (const w of workers) {
  w.on('message', ({ id, stats }) => {
    answers[id] = stats;
    if (--unanswered === 0 && walked) statsDone();
  });
}

// The walk, handing 512 paths at a time to the workers round-robin.
let batch = [];
const send = () => {
  if (batch.length === 0) return;
  const id = batches.length;
  batches.push(batch);
  unanswered++;
  workers[id % workers.length].postMessage({ id, joined: batch.join('\0') });
  batch = [];
};
const stack = [root];
while (stack.length > 0) {
  const dir = stack.pop();
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) stack.push(p);
    else if (e.isFile()) {
      batch.push(p);
      if (batch.length === 512) send();
    }
  }
}
send();
walked = true;

// Meanwhile, the saved results: one line per entry, `scope\0path`, size, mtime, hash, cost,
// expiry, brief, then the results' JSON; kept as offsets into the file's bytes.
const bytes = fs.readFileSync(cacheFile);
const bodyStart = bytes.indexOf(0x0a) + 1;
const saved = new Map();
for (let at = bodyStart; at < bytes.length; ) {
  let end = bytes.indexOf(0x0a, at);
  if (end < 0) end = bytes.length;
  const tabs = [];
  for (let t = bytes.indexOf(0x09, at); tabs.length < 7; t = bytes.indexOf(0x09, t + 1)) tabs.push(t);
  const key = bytes.toString('utf8', at, tabs[0]);
  saved.set(key.slice(key.indexOf('\0') + 1), {
    size: Number(bytes.toString('latin1', tabs[0] + 1, tabs[1])),
    mtimeMs: Number(bytes.toString('latin1', tabs[1] + 1, tabs[2])),
    start: tabs[6] + 1,
    end,
  });
  at = end + 1;
}
if (unanswered > 0) await allStatted;

const hits = [];
for (let b = 0; b < batches.length; b++) {
  const paths = batches[b];
  const stats = answers[b];
  for (let i = 0; i < paths.length; i++) {
    const s = saved.get(paths[i]);
    if (s !== undefined && s.size === stats[2 * i] && s.mtimeMs === stats[2 * i + 1]) hits.push([paths[i], s]);
  }
}

const fd = fs.openSync(out, 'w');
if (mode === 'copy') fs.writeSync(fd, bytes.subarray(bodyStart));
else {
  hits.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  let pieces = [Buffer.from('{\n  "documents": [')];
  let pending = 0;
  for (let i = 0; i < hits.length; i++) {
    const [p, s] = hits[i];
    pieces.push(Buffer.from(`${i === 0 ? '' : ','}\n    {"path":${JSON.stringify(p)},"kind":"cached","size":${s.size},"results":`), bytes.subarray(s.start, s.end), Buffer.from('}'));
    pending += s.end - s.start;
    if (pending > 1 << 20) {
      fs.writeSync(fd, Buffer.concat(pieces));
      pieces = [];
      pending = 0;
    }
  }
  pieces.push(Buffer.from('\n  ]\n}\n'));
  fs.writeSync(fd, Buffer.concat(pieces));
}
fs.fsyncSync(fd);
fs.closeSync(fd);
console.log(JSON.stringify({ mode, files: batches.reduce((n, b) => n + b.length, 0), hits: hits.length }));
process.exit(0); // the workers are done; terminating them would only add time
