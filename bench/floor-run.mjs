// The floor of each tldr figure in Node, for reference next to the engine's: what
// any Node engine built like ours (the main thread walks, one worker per core
// does the file work, 64 files or 512 stats per message) pays before it does any
// work of its own. No analysis, no cache, no priority, no accounting.
//   node bench/floor-run.mjs <dir> cold     -> { coldMs, warmMs, documents }
//     cold: a fresh process; workers open, read and SHA-1-hash every file and answer
//           one small JSON result per file (started inside the timed span, as the
//           engine's pool starts them on first use)
//     warm: then, in the same process, the walk again with every file statted on
//           the workers: what an unchanged file costs at least
//   node bench/floor-run.mjs <dir> cold-only -> { coldMs, documents }
//     the cold pass alone, for timing the whole process from outside (bench/whole-run.mjs)
//   node bench/floor-run.mjs <dir> restart  -> { restartMs, documents }
//     a fresh process's first walk with stats on the workers (loading no cache)
import * as fs from 'node:fs';
import * as os from 'node:os';
import { Worker } from 'node:worker_threads';

const [root, mode = 'cold'] = process.argv.slice(2);
const started = performance.now();
const WORKER = `
const { parentPort } = require('node:worker_threads');
const fs = require('node:fs');
const { createHash } = require('node:crypto');
let buf = Buffer.alloc(1 << 16);
function read(paths) {
  const out = [];
  for (const p of paths) {
    const fd = fs.openSync(p, 'r');
    try {
      const st = fs.fstatSync(fd);
      if (st.size > buf.length) buf = Buffer.alloc(st.size);
      const n = fs.readSync(fd, buf, 0, st.size, 0);
      const hash = createHash('sha1').update(buf.subarray(0, n)).digest('hex');
      out.push(JSON.stringify({ size: st.size, mtimeMs: st.mtimeMs, hash }));
    } finally {
      fs.closeSync(fd);
    }
  }
  return out;
}
function stat(joined) {
  const paths = joined.split('\\0');
  const out = new Float64Array(paths.length * 2);
  for (let i = 0; i < paths.length; i++) {
    const st = fs.statSync(paths[i], { throwIfNoEntry: false });
    if (st) {
      out[2 * i] = st.size;
      out[2 * i + 1] = st.mtimeMs;
    }
  }
  return out;
}
parentPort.on('message', (m) => {
  if (typeof m === 'string') {
    const out = stat(m);
    parentPort.postMessage(out, [out.buffer]);
  } else parentPort.postMessage(read(m));
});`;
const workers = Array.from({ length: os.availableParallelism() }, () => new Worker(WORKER, { eval: true }));

/** Walks root on this thread, handing regular files to `file` as they are found. */
function walk(file) {
  const stack = [root];
  while (stack.length) {
    const d = stack.pop();
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = `${d}/${e.name}`;
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) file(p);
    }
  }
}

/** Sends batches round-robin as the walk fills them; resolves with the number of files when every answer is back. */
function fanOut(batchSize, pack) {
  return new Promise((resolve) => {
    let documents = 0;
    let sent = 0;
    let answered = 0;
    let walked = false;
    let next = 0;
    let batch = [];
    for (const w of workers) {
      w.removeAllListeners('message');
      w.on('message', () => {
        answered++;
        if (walked && answered === sent) resolve(documents);
      });
    }
    const flush = () => {
      if (batch.length === 0) return;
      workers[next++ % workers.length].postMessage(pack(batch));
      sent++;
      batch = [];
    };
    walk((p) => {
      documents++;
      batch.push(p);
      if (batch.length === batchSize) flush();
    });
    flush();
    walked = true;
    if (answered === sent) resolve(documents);
  });
}

if (mode === 'restart') {
  const documents = await fanOut(512, (b) => b.join('\0'));
  console.log(JSON.stringify({ restartMs: performance.now() - started, documents }));
} else if (mode === 'cold-only') {
  const documents = await fanOut(64, (b) => b);
  console.log(JSON.stringify({ coldMs: performance.now() - started, documents }));
} else {
  const documents = await fanOut(64, (b) => b);
  const coldMs = performance.now() - started;
  const t = performance.now();
  await fanOut(512, (b) => b.join('\0'));
  const warmMs = performance.now() - t;
  console.log(JSON.stringify({ coldMs, warmMs, documents }));
}
await Promise.all(workers.map((w) => w.terminate()));
