// The result cache's file as the editor meets it: loading and saving a saved cache
// in one go (the command line) and in slices (the extension host), with the
// longest time the event loop could not turn. Spawned fresh by bench.mjs.
//   node bench/cache-io-run.mjs <cache file>  -> one JSON line
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { ResultCache } = require('../dist/engine.js');
const [file] = process.argv.slice(2);
const out = path.join(os.tmpdir(), `bench-cache-io-${process.pid}.json`);
const options = { maxEntries: 200_000, maxBytes: 256 * 2 ** 20, ttlMs: 7 * 24 * 3600 * 1000 };

/** Total ms of `work`, and the longest gap between two turns of the event loop while it ran. */
async function measure(work) {
  let last = performance.now();
  let longest = 0;
  let ticking = true;
  const tick = () => {
    const now = performance.now();
    longest = Math.max(longest, now - last);
    last = now;
    if (ticking) setImmediate(tick);
  };
  setImmediate(tick);
  await new Promise((resolve) => setImmediate(resolve));
  const started = performance.now();
  await work();
  const ms = performance.now() - started;
  longest = Math.max(longest, performance.now() - last);
  ticking = false;
  return { ms, longestBlockMs: longest };
}

const whole = new ResultCache(options);
const sliced = new ResultCache(options);
/** A refused save returns its reason: the figures of a save that wrote nothing would mean nothing. */
const written = async (save) => {
  const r = await save();
  if (r.kind !== 'written') throw new Error(`cache not saved: ${r.detail ?? r.kind}`);
};
const result = {
  load: await measure(() => whole.load(file)),
  loadSliced: await measure(() => sliced.loadSliced(file)),
  save: await measure(() => written(() => whole.save(out))),
  saveSliced: await measure(() => written(() => sliced.saveSliced(out))),
  entries: whole.stats().entries,
};
fs.rmSync(out, { force: true });
console.log(JSON.stringify(result));
