// One fresh process over a huge generated tree: documents/s and peak RSS.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const { Engine } = require('../dist/engine.js');
const root = process.argv[2];
let peak = process.memoryUsage.rss();
const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 50);
const engine = new Engine({ concurrency: 'auto' });
const t = performance.now();
const { summary } = await engine.run({ roots: [root], keepOutcomes: false }).done;
const ms = performance.now() - t;
clearInterval(sampler);
peak = Math.max(peak, summary.peakRss);
console.log(JSON.stringify({ ms, documents: summary.counts.discovered, processed: summary.counts.processed, accounted: summary.accounted, docsPerSec: (summary.counts.discovered * 1000) / ms, peakRss: peak }));
await engine.close();
