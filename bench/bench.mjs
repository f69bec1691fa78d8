// npm run bench: the engine against ripgrep and a naive Node loop, over the same
// real trees in the same run, so figures are ratios immune to a noisy machine.
//   node bench/bench.mjs [--json] [--corpus tldr|rust-rfcs|all]
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.resolve(here, '..');
const shared = path.resolve(project, '..', 'shared', 'corpora');
const scratch = process.env.BENCH_DIR ?? '/tmp/corpora';
const json = process.argv.includes('--json');
const corpusArg = process.argv.includes('--corpus') ? process.argv[process.argv.indexOf('--corpus') + 1] : 'all';
const REPEAT = Number(process.env.BENCH_REPEAT ?? 3);

const CORPORA = [
  { name: 'tldr', archive: 'tldr-pages.tgz', dir: 'tldr' },
  { name: 'rust-rfcs', archive: 'rust-rfcs.tgz', dir: 'rfcs' },
].filter((c) => corpusArg === 'all' || c.name === corpusArg);

function log(msg) {
  if (!json) process.stderr.write(msg + '\n');
}

function unpack(corpus) {
  const dir = path.join(scratch, corpus.dir);
  if (fs.existsSync(dir)) return dir;
  const archive = path.join(shared, corpus.archive);
  if (!fs.existsSync(archive)) throw new Error(`corpus ${archive} not found (see ../shared/corpora/README.md)`);
  fs.mkdirSync(scratch, { recursive: true });
  log(`unpacking ${corpus.archive} into ${scratch}`);
  execFileSync('tar', ['-xzf', archive, '-C', scratch]);
  return dir;
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/** Regular files under dir, as both baselines see them (no ignore rules). */
function countFiles(dir) {
  let files = 0;
  let bytes = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) {
        files++;
        bytes += fs.statSync(p).size;
      }
    }
  }
  return { files, bytes };
}

function ripgrep(dir) {
  const which = spawnSync('rg', ['--version']);
  if (which.status !== 0) throw new Error('ripgrep (rg) is needed for the baseline: apt-get install -y ripgrep');
  const times = [];
  for (let i = 0; i < REPEAT; i++) {
    const t = performance.now();
    const r = spawnSync('rg', ['-c', '', '--no-ignore', dir], { maxBuffer: 1 << 28 });
    times.push(performance.now() - t);
    if (r.status !== 0 && r.status !== 1) throw new Error(`rg failed: ${r.stderr}`);
  }
  return median(times);
}

async function naive(dir) {
  const times = [];
  for (let i = 0; i < REPEAT; i++) {
    const t = performance.now();
    const stack = [dir];
    while (stack.length) {
      const d = stack.pop();
      for (const e of await fs.promises.readdir(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) stack.push(p);
        else if (e.isFile()) {
          await fs.promises.readFile(p);
        }
      }
    }
    times.push(performance.now() - t);
  }
  return median(times);
}

function engineProcess(dir, runs, load, save) {
  const r = spawnSync(process.execPath, [path.join(here, 'engine-run.mjs'), dir, String(runs), load ?? '-', save ?? '-'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  if (r.status !== 0) throw new Error(`engine run failed: ${r.stderr}`);
  return r.stdout.trim().split('\n').map((l) => JSON.parse(l));
}

async function benchCorpus(corpus) {
  const dir = unpack(corpus);
  const { files, bytes } = countFiles(dir);
  // Warm the page cache so every contender reads from memory.
  ripgrep(dir);
  const rgMs = ripgrep(dir);
  const naiveMs = await naive(dir);
  const cacheFile = path.join(os.tmpdir(), `bench-cache-${corpus.name}-${process.pid}.json`);
  const colds = [];
  const warms = [];
  for (let i = 0; i < REPEAT; i++) {
    const [cold, warm] = engineProcess(dir, 2, undefined, cacheFile);
    colds.push(cold);
    warms.push(warm);
  }
  const restarts = [];
  for (let i = 0; i < REPEAT; i++) restarts.push(engineProcess(dir, 1, cacheFile)[0]);
  fs.rmSync(cacheFile, { force: true });
  const pick = (runs, key) => runs.slice().sort((a, b) => a[key] - b[key])[Math.floor(runs.length / 2)];
  const cold = pick(colds, 'ms');
  const warm = pick(warms, 'ms');
  const restart = pick(restarts, 'msWithLoad');
  const rgDps = (files * 1000) / rgMs;
  const row = (name, ms, docs, extra = {}) => ({
    name,
    ms,
    docsPerSec: (docs * 1000) / ms,
    mbPerSec: bytes / 1e6 / (ms / 1000),
    vsRipgrep: (docs * 1000) / ms / rgDps,
    ...extra,
  });
  return {
    corpus: corpus.name,
    files,
    bytes,
    rows: [
      row('ripgrep rg -c \'\' --no-ignore', rgMs, files),
      row('naive Node loop (readdir + readFile)', naiveMs, files),
      row('engine cold (fresh process)', cold.ms, cold.documents, { peakRss: cold.peakRss, loopP99Ms: cold.loopP99Ms, hitRate: cold.hitRate, accounted: cold.accounted }),
      row('engine warm (same process)', warm.ms, warm.documents, { peakRss: warm.peakRss, loopP99Ms: warm.loopP99Ms, hitRate: warm.hitRate, accounted: warm.accounted }),
      row('engine warm after restart (load incl.)', restart.msWithLoad, restart.documents, { peakRss: restart.peakRss, loopP99Ms: restart.loopP99Ms, hitRate: restart.hitRate, accounted: restart.accounted, loadMs: restart.loadMs }),
    ],
    engine: { cold, warm, restart },
  };
}

function table(result) {
  const f = (n, d = 0) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
  const lines = [`\n${result.corpus}: ${f(result.files)} files, ${f(result.bytes / 1e6, 1)} MB`];
  lines.push(['run'.padEnd(42), 'ms'.padStart(8), 'docs/s'.padStart(10), 'MB/s'.padStart(8), 'x rg'.padStart(6), 'peak RSS'.padStart(9), 'loop p99'.padStart(9), 'hit'.padStart(6)].join(' '));
  for (const r of result.rows) {
    lines.push(
      [
        r.name.padEnd(42),
        f(r.ms).padStart(8),
        f(r.docsPerSec).padStart(10),
        f(r.mbPerSec, 1).padStart(8),
        f(r.vsRipgrep, 2).padStart(6),
        (r.peakRss ? `${f(r.peakRss / 1e6)} MB` : '').padStart(9),
        (r.loopP99Ms !== undefined ? `${f(r.loopP99Ms, 1)} ms` : '').padStart(9),
        (r.hitRate !== undefined ? `${f(r.hitRate * 100)}%` : '').padStart(6),
      ].join(' '),
    );
  }
  return lines.join('\n');
}

const results = [];
for (const corpus of CORPORA) {
  log(`benchmarking ${corpus.name} (${REPEAT} repetitions, medians)...`);
  results.push(await benchCorpus(corpus));
}
const machine = { cpus: os.availableParallelism(), node: process.version, at: new Date().toISOString() };
if (json) process.stdout.write(JSON.stringify({ machine, results }, null, 2) + '\n');
else {
  console.log(`machine: ${machine.cpus} cores, Node ${machine.node}`);
  for (const r of results) console.log(table(r));
}
