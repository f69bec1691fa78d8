// One fresh process analysing one huge file (streamed): prints MB/s and how much
// the peak RSS grew over the idle process, sampled every 20 ms.
import { createRequire } from 'node:module';
import * as fs from 'node:fs';
import * as path from 'node:path';

const require = createRequire(import.meta.url);
const { Engine } = require('../dist/engine.js');
const file = process.argv[2];
const idleRss = process.memoryUsage.rss();
let peak = idleRss;
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 20);
const engine = new Engine({ concurrency: 'auto', timeoutMs: 3_600_000 });
const t = performance.now();
const run = engine.run({ roots: [path.dirname(file)], discover: { maxFileSize: 1 << 30, streamLarge: true }, keepOutcomes: true });
const { summary, outcomes } = await run.done;
const ms = performance.now() - t;
clearInterval(sampler);
peak = Math.max(peak, process.memoryUsage.rss(), summary.peakRss);
const size = fs.statSync(file).size;
console.log(JSON.stringify({ ms, bytes: size, mbPerSec: size / 1e6 / (ms / 1000), idleRss, peakRss: peak, rssGrowth: peak - idleRss, outcome: outcomes[0]?.kind, reason: outcomes[0]?.reason, detail: outcomes[0]?.detail }));
await engine.close();
