// The engine's own worker threads with nothing of the engine around them: no
// queue, no cache, no outcomes kept, no report. Each run starts fresh workers
// (their JIT cold, as in a cold run), hands them every file in batches of 64, two
// batches in flight per thread as the engine does, and times until the last answer.
//   node --import tsx bench/worker-floor.ts DIR     -> one JSON line per run
//   node --import tsx bench/worker-floor.ts DIR --cold -> one JSON line: as many threads
//     as cores, reading the files (what a cold run's workers do; npm run bench prints it
//     as the floor under target 17.1)
// Runs: 1 and 2 threads, each reading the files ("disk") and with the texts
// already in memory ("memory": the analysis and the messages alone). Issue 17's
// closing notes judge 17.1 against these: what the workers take before the
// engine's main thread adds anything.
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_CHUNKER } from '../src/engine/process/chunk';
import type { DocJob } from '../src/engine/process/job';
import { DEFAULT_GENERATED } from '../src/engine/read/generated';
import { DEFAULT_READ } from '../src/engine/read/read';
import { WorkerPool } from '../src/engine/schedule/executors';

const root = path.resolve(process.argv[2] ?? '/tmp/corpora/tldr');
const coldOnly = process.argv.includes('--cold');
const workerFile = path.resolve(__dirname, '..', 'dist', 'worker.js');
if (!fs.existsSync(workerFile)) throw new Error(`${workerFile} not found: npm run build first`);

const files: string[] = [];
(function walk(dir: string) {
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.isFile()) files.push(p);
  }
})(root);
const texts = new Map<string, string>();
for (const f of coldOnly ? [] : files) {
  const bytes = fs.readFileSync(f);
  if (!bytes.includes(0)) texts.set(f, bytes.toString('utf8'));
}

async function run(threads: number, memory: boolean): Promise<Record<string, unknown>> {
  const jobs: DocJob[] = files.map((f) => {
    const text = texts.get(f);
    return memory && text !== undefined ? { path: f, root, size: Buffer.byteLength(text), mtimeMs: 0, text } : { path: f, root, size: -1, mtimeMs: -1 };
  });
  const cpu = process.cpuUsage();
  const started = performance.now();
  const pool = new WorkerPool({ threads, workerFile, lowerPriority: false });
  pool.configure([{ id: 'analyze' }], { files: { maxFileSize: 10 * 1024 * 1024, streamLarge: false }, read: DEFAULT_READ, chunk: DEFAULT_CHUNKER, generated: DEFAULT_GENERATED });
  let next = 0;
  let processed = 0;
  const lane = async () => {
    while (next < jobs.length) {
      const batch = jobs.slice(next, (next += 64));
      for (const o of (await pool.run(batch)).outcomes) if (o.kind === 'processed') processed++;
    }
  };
  await Promise.all(Array.from({ length: threads * 2 }, lane));
  const ms = performance.now() - started;
  await pool.close();
  const used = process.cpuUsage(cpu);
  return { threads, input: memory ? 'memory' : 'disk', documents: processed, ms: Math.round(ms), cpuMs: Math.round((used.user + used.system) / 1000) };
}

void (async () => {
  if (coldOnly) console.log(JSON.stringify({ dir: root, ...(await run(os.availableParallelism(), false)) }));
  else for (const memory of [false, true]) for (const threads of [1, 2]) console.log(JSON.stringify({ dir: root, ...(await run(threads, memory)) }));
})();
