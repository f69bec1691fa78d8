// One engine process for the benchmark: runs the engine over a tree `runs` times
// in this process (the first cold unless a cache file is loaded), and prints one
// JSON line of figures per run. Spawned fresh by bench.mjs so "cold" is cold.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Engine } = require('../dist/engine.js');

const [root, runsText, loadCache, saveCache] = process.argv.slice(2);
const runs = Number(runsText ?? 1);
const idleRss = process.memoryUsage.rss();
const started = performance.now();
const engine = new Engine({ concurrency: 'auto' });
let loadMs = 0;
if (loadCache && loadCache !== '-') {
  const t = performance.now();
  const { warning } = engine.cache.load(loadCache);
  loadMs = performance.now() - t;
  if (warning) console.error(warning);
}
for (let i = 0; i < runs; i++) {
  const h = monitorEventLoopDelay({ resolution: 1 });
  h.enable();
  const t = performance.now();
  const run = engine.run({ roots: [root], keepOutcomes: false });
  const { summary } = await run.done;
  const ms = performance.now() - t;
  h.disable();
  console.log(
    JSON.stringify({
      run: i,
      ms,
      // The first run of a process that loaded a cache pays for the load too.
      msWithLoad: ms + (i === 0 ? loadMs : 0),
      msSinceStart: performance.now() - started,
      loadMs: i === 0 ? loadMs : 0,
      documents: summary.counts.discovered,
      counts: summary.counts,
      bytes: summary.bytes,
      accounted: summary.accounted,
      peakRss: summary.peakRss,
      idleRss,
      hitRate: summary.cache.hitRate,
      loopP99Ms: h.percentile(99) / 1e6,
      loopMaxMs: h.max / 1e6,
      skipped: summary.skippedByReason,
      failed: summary.failedByReason,
    }),
  );
}
if (saveCache && saveCache !== '-') {
  // A refused save returns its reason (it does not throw): a restart measured without the file would be a cold run.
  const saved = engine.cache.save(saveCache);
  if (saved.kind !== 'written') throw new Error(`cache not saved: ${saved.detail ?? saved.kind}`);
}
await engine.close();
