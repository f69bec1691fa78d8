// Issue 17's whole-process targets: `node dist/cli.js DIR --format json --out FILE [--cache FILE]`
// timed from outside as a user runs it (process start, cache load and save, report written),
// against ripgrep (its counts written to a file) and `node -e 0`, all in the same run, interleaved,
// so the judged figures are ratios taken at the same moments of a shared machine's load.
//   node bench/whole-run.mjs [TLDR_DIR] [--rfcs DIR] [--json] [--repeat N] [--small-repeat N]
// Judged with --ops analyze (target 7); the same figures printed for --ops analyze,links.
// Wall time: bash's `time` (ms resolution) around GNU time, which gives the child's peak RSS
// (`-f %M`); without /usr/bin/time a preload (bench/rss-preload.cjs) writes the CLI's
// process.resourceUsage().maxRSS at exit instead.
import { execFileSync, spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.resolve(here, '..');
const cli = path.join(project, 'dist', 'cli.js');
const GNU_TIME = fs.existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** The ops judged, and the ops only printed (target 7). */
export const JUDGED_OPS = 'analyze';
export const PRINTED_OPS = ['analyze,links'];

const MiB = 2 ** 20;

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

/**
 * One whole process, timed from outside: { ms, peakRss (bytes, undefined if unknown), status, stderr }.
 * Its standard output goes to `stdoutFile` (ripgrep's counts) or /dev/null.
 */
export function timed(argv, { stdoutFile = '/dev/null', cwd = project } = {}) {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-whole-t-'));
  const rssFile = path.join(tmp, 'rss');
  const errFile = path.join(tmp, 'err');
  try {
    let cmd = argv;
    const env = { ...process.env };
    if (GNU_TIME) cmd = [GNU_TIME, '-o', rssFile, '-f', '%M', ...argv];
    else if (argv[0] === process.execPath) {
      cmd = [argv[0], '-r', path.join(here, 'rss-preload.cjs'), ...argv.slice(1)];
      env.BENCH_RSS_FILE = rssFile;
    }
    const script = 'TIMEFORMAT=%3R; { time "${@:3}" > "$1" 2> "$2"; } 2>&1';
    const r = spawnSync('bash', ['-c', script, 'timed', stdoutFile, errFile, ...cmd], { cwd, env, encoding: 'utf8' });
    const lines = r.stdout.trim().split('\n');
    const secs = Number(lines.pop());
    const stderr = fs.existsSync(errFile) ? fs.readFileSync(errFile, 'utf8') : '';
    if (r.error || !Number.isFinite(secs)) throw new Error(`${argv.join(' ')}: no timing: ${r.error?.message ?? r.stdout + r.stderr}`);
    let peakRss;
    if (fs.existsSync(rssFile)) {
      // GNU time prints "Command exited with non-zero status N" before the figure when the child fails.
      const kb = Number(fs.readFileSync(rssFile, 'utf8').trim().split('\n').pop());
      if (Number.isFinite(kb)) peakRss = GNU_TIME ? kb * 1024 : kb * 1024; // both in KiB (resourceUsage().maxRSS is KiB too)
    }
    const status = /exited with non-zero status (\d+)/.exec(fs.existsSync(rssFile) ? fs.readFileSync(rssFile, 'utf8') : '')?.[1];
    return { ms: secs * 1000, peakRss, status: status ? Number(status) : 0, stderr };
  } finally {
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

/** Regular files under dir, as ripgrep --no-ignore sees them. */
function countFiles(dir) {
  let files = 0;
  const stack = [dir];
  while (stack.length) {
    const d = stack.pop();
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.isDirectory()) stack.push(path.join(d, e.name));
      else if (e.isFile()) files++;
    }
  }
  return files;
}

/** ripgrep with its counts written to a file, as bench.mjs times it. */
function ripgrep(dir, scratch) {
  const r = timed(['rg', '-c', '', '--no-ignore', dir], { stdoutFile: path.join(scratch, 'rg.txt') });
  if (r.status > 1) throw new Error(`ripgrep failed (${r.status}): ${r.stderr}`);
  return r;
}

/** The report's document count, read from its head (the summary comes first; the report may be large). */
function reportDocuments(file) {
  const fd = fs.openSync(file, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const m = /"discovered":\s*(\d+)/.exec(buf.toString('utf8', 0, n));
    return m ? Number(m[1]) : undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** One CLI run: the whole process with a JSON report. */
function ours(dir, scratch, { ops, cache, concurrency } = {}) {
  const out = path.join(scratch, 'report.json');
  fs.rmSync(out, { force: true });
  const args = [process.execPath, cli, dir, '--format', 'json', '--out', out, '--no-progress', '--fail-on', 'none'];
  if (ops) args.push('--ops', ops);
  if (cache) args.push('--cache', cache);
  if (concurrency !== undefined) args.push('--concurrency', String(concurrency));
  const r = timed(args);
  if (r.status !== 0) throw new Error(`batch-ops ${args.slice(2).join(' ')} failed (${r.status}): ${r.stderr.slice(-600)}`);
  return { ...r, documents: reportDocuments(out) };
}

const nodeStart = () => timed([process.execPath, '-e', '0']);

function floorWhole(dir, mode) {
  return timed([process.execPath, path.join(here, 'floor-run.mjs'), dir, mode]);
}

/** The floor under a warm run with a report (bench/warm-floor.mjs) over a saved cache of JUDGED_OPS. */
function warmFloorWhole(dir, cache, scratch, mode) {
  const r = timed([process.execPath, path.join(here, 'warm-floor.mjs'), dir, cache, path.join(scratch, `warm-floor-${mode}.json`), mode]);
  if (r.status !== 0) throw new Error(`warm-floor.mjs ${mode} failed (${r.status}): ${r.stderr.slice(-600)}`);
  return r;
}

/** Medians of { ms, peakRss } over runs, with each run's ms kept. */
function summarize(runs) {
  const ms = median(runs.map((r) => r.ms));
  const peakRss = runs.some((r) => r.peakRss === undefined) ? undefined : Math.max(...runs.map((r) => r.peakRss));
  return { ms, peakRss, runsMs: runs.map((r) => Math.round(r.ms)), documents: runs[0].documents };
}

/** Targets 1-3 on a large corpus: cold and warm whole processes against ripgrep, per ops set. */
export function benchLarge(dir, { repeat = 3, opsSets = [JUDGED_OPS, ...PRINTED_OPS], log = () => {} } = {}) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-whole-'));
  try {
    const files = countFiles(dir);
    ripgrep(dir, scratch); // the page cache, warm for everyone
    const caches = Object.fromEntries(opsSets.map((ops, i) => [ops, path.join(scratch, `cache-${i}.json`)]));
    for (const ops of opsSets) {
      log(`  filling the cache for --ops ${ops}...`);
      ours(dir, scratch, { ops, cache: caches[ops] });
    }
    const rg = [];
    const node = [];
    const floorCold = [];
    const floorRestart = [];
    const floorWarmReport = [];
    const floorWarmCopy = [];
    const cold = Object.fromEntries(opsSets.map((o) => [o, []]));
    const warm = Object.fromEntries(opsSets.map((o) => [o, []]));
    for (let i = 0; i < repeat; i++) {
      log(`  ${path.basename(dir)}: repetition ${i + 1} of ${repeat}...`);
      for (const ops of opsSets) {
        rg.push(ripgrep(dir, scratch));
        cold[ops].push(ours(dir, scratch, { ops }));
        rg.push(ripgrep(dir, scratch));
        warm[ops].push(ours(dir, scratch, { ops, cache: caches[ops] }));
      }
      node.push(nodeStart());
      floorCold.push(floorWhole(dir, 'cold-only'));
      floorRestart.push(floorWhole(dir, 'restart'));
      if (caches[JUDGED_OPS]) {
        floorWarmReport.push(warmFloorWhole(dir, caches[JUDGED_OPS], scratch, 'report'));
        floorWarmCopy.push(warmFloorWhole(dir, caches[JUDGED_OPS], scratch, 'copy'));
      }
    }
    const rgMs = median(rg.map((r) => r.ms));
    const rgDps = (files * 1000) / rgMs;
    const rate = (s, docs = files) => ({ ...s, docsPerSec: (docs * 1000) / s.ms, vsRipgrep: (docs * 1000) / s.ms / rgDps });
    return {
      dir,
      files,
      loadavg: os.loadavg(),
      rg: rate(summarize(rg)),
      node: summarize(node),
      floorCold: rate(summarize(floorCold)),
      floorRestart: rate(summarize(floorRestart)),
      ...(floorWarmReport.length > 0 ? { floorWarmReport: rate(summarize(floorWarmReport)), floorWarmCopy: rate(summarize(floorWarmCopy)) } : {}),
      ops: Object.fromEntries(
        opsSets.map((ops) => {
          const c = summarize(cold[ops]);
          const w = summarize(warm[ops]);
          return [ops, { cold: rate(c, c.documents ?? files), warm: rate(w, w.documents ?? files) }];
        }),
      ),
    };
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

/** The generated code tree (bench/gen-code-tree.mjs), made once per machine and kept in the temporary folder. */
function codeTree() {
  const dir = path.join(os.tmpdir(), 'bench-code-tree-2000');
  const marker = `${dir}.complete`;
  if (!fs.existsSync(marker)) {
    fs.rmSync(dir, { recursive: true, force: true });
    execFileSync(process.execPath, [path.join(here, 'gen-code-tree.mjs'), dir, '2000', '30']);
    fs.writeFileSync(marker, '');
  }
  return dir;
}

/** Target 4: default concurrency against --concurrency 0 on small trees, and a one-file folder against `node -e 0`. */
export function benchSmall(rfcsDir, { repeat = 9, opsSets = [JUDGED_OPS, ...PRINTED_OPS], log = () => {} } = {}) {
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-whole-small-'));
  try {
    const one = path.join(scratch, 'one');
    fs.mkdirSync(one);
    fs.writeFileSync(path.join(one, 'README.md'), '# One file\n\nA folder with one document in it. TODO: more.\n');
    const trees = [
      ...(rfcsDir ? [{ name: 'rust-rfcs', dir: rfcsDir }] : []),
      { name: 'generated code tree', dir: codeTree() },
    ];
    const out = { loadavg: undefined, trees: [], one: {} };
    for (const tree of trees) {
      const row = { name: tree.name, files: countFiles(tree.dir), ops: {} };
      for (const ops of opsSets) {
        log(`  ${tree.name}, --ops ${ops}: default against --concurrency 0...`);
        ours(tree.dir, scratch, { ops }); // page cache
        const auto = [];
        const none = [];
        for (let i = 0; i < repeat; i++) {
          // Alternating which goes first, so neither is always the one after a pause.
          if (i % 2 === 0) {
            auto.push(ours(tree.dir, scratch, { ops }));
            none.push(ours(tree.dir, scratch, { ops, concurrency: 0 }));
          } else {
            none.push(ours(tree.dir, scratch, { ops, concurrency: 0 }));
            auto.push(ours(tree.dir, scratch, { ops }));
          }
        }
        const a = summarize(auto);
        const z = summarize(none);
        // The median of each pair's ratio, not the ratio of the medians: the two runs of a pair
        // share the machine's speed of the moment, which drifted by more than the 5% judged.
        row.ops[ops] = { auto: a, none: z, ratio: median(auto.map((r, i) => r.ms / none[i].ms)) };
      }
      out.trees.push(row);
    }
    for (const ops of opsSets) {
      log(`  one-file folder, --ops ${ops}, against node -e 0...`);
      const runs = [];
      const node = [];
      for (let i = 0; i < repeat * 2; i++) {
        node.push(nodeStart());
        runs.push(ours(one, scratch, { ops }));
      }
      const r = summarize(runs);
      const n = summarize(node);
      out.one[ops] = { run: r, node: n, ratio: r.ms / n.ms };
    }
    out.loadavg = os.loadavg();
    return out;
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
  }
}

const fx = (n, d = 2) => n.toLocaleString('en-US', { maximumFractionDigits: d, minimumFractionDigits: d });
const mib = (b) => (b === undefined ? '?' : `${fx(b / MiB, 0)} MiB`);
const la = (l) => l.map((x) => x.toFixed(2)).join(' ');

/** The judged targets of issue 17 (ids 17.1 ...), from benchLarge's and benchSmall's results. */
export function wholeTargets(large, small) {
  const targets = [];
  const target = (id, what, goal, measured, met) => targets.push({ id, what, goal, measured, met });
  if (large) {
    const j = large.ops[JUDGED_OPS];
    const name = path.basename(large.dir);
    target(17.1, `cold whole process, JSON report (${name})`, '>= 0.2x rg', `${fx(j.cold.vsRipgrep)}x (${fx(j.cold.ms / 1000)} s vs rg ${fx(large.rg.ms / 1000)} s)`, j.cold.vsRipgrep >= 0.2);
    target(17.2, `warm new process --cache, JSON report`, '>= 0.5x rg', `${fx(j.warm.vsRipgrep)}x (${fx(j.warm.ms / 1000)} s)`, j.warm.vsRipgrep >= 0.5);
    const rssMet = j.cold.peakRss !== undefined && j.warm.peakRss !== undefined && j.cold.peakRss <= 200 * MiB && j.warm.peakRss <= 150 * MiB;
    target(17.3, 'peak RSS, run 1 / run 2 (max of runs)', '<= 200 / 150 MiB', `${mib(j.cold.peakRss)} / ${mib(j.warm.peakRss)}`, rssMet);
  }
  if (small) {
    for (const t of small.trees) {
      const r = t.ops[JUDGED_OPS];
      target(17.4, `default vs --concurrency 0, ${t.name}`, '<= 1.05x', `${fx(r.ratio)}x paired (medians ${fx(r.auto.ms, 0)} vs ${fx(r.none.ms, 0)} ms)`, r.ratio <= 1.05);
    }
    const o = small.one[JUDGED_OPS];
    target(17.4, 'one-file folder vs node -e 0', '<= 1.6x', `${fx(o.ratio)}x (${fx(o.run.ms, 0)} vs ${fx(o.node.ms, 0)} ms)`, o.ratio <= 1.6);
  }
  return targets;
}

/** The figures, every ops set, as a table (lines). */
export function wholeTable(large, small) {
  const lines = [];
  if (large) {
    lines.push(`\nwhole processes on ${path.basename(large.dir)} (${fx(large.files, 0)} files), JSON report written; medians, peak RSS the largest; load average ${la(large.loadavg)}`);
    lines.push(['run'.padEnd(52), 'ms'.padStart(7), 'docs/s'.padStart(8), 'x rg'.padStart(6), 'peak RSS'.padStart(9), '  runs (ms)'].join(' '));
    const row = (name, s) => lines.push([name.padEnd(52), fx(s.ms, 0).padStart(7), (s.docsPerSec ? fx(s.docsPerSec, 0) : '').padStart(8), (s.vsRipgrep ? fx(s.vsRipgrep) : '').padStart(6), (s.peakRss ? mib(s.peakRss) : '').padStart(9), `  ${s.runsMs.join(', ')}`].join(' '));
    row('ripgrep rg -c \'\' --no-ignore > file', large.rg);
    row('node -e 0', large.node);
    row('Node floor, cold: read + SHA-1 (whole process)', large.floorCold);
    row('Node floor, restart: walk + stat (whole proc.)', large.floorRestart);
    if (large.floorWarmReport) {
      row('Node floor, warm: + saved results into a report', large.floorWarmReport);
      row('Node floor, warm: + the saved results in one copy', large.floorWarmCopy);
    }
    for (const [ops, r] of Object.entries(large.ops)) {
      row(`batch-ops --ops ${ops}: cold${ops === JUDGED_OPS ? ' (judged)' : ''}`, r.cold);
      row(`batch-ops --ops ${ops}: warm, new process --cache`, r.warm);
    }
  }
  if (small) {
    lines.push(`\nsmall trees, whole processes (medians); load average ${la(small.loadavg)}`);
    for (const t of small.trees) {
      for (const [ops, r] of Object.entries(t.ops)) {
        lines.push(`  ${t.name} (${fx(t.files, 0)} files), --ops ${ops}: default ${fx(r.auto.ms, 0)} ms [${r.auto.runsMs.join(', ')}], --concurrency 0 ${fx(r.none.ms, 0)} ms [${r.none.runsMs.join(', ')}]: ${fx(r.ratio)}x (median of the pairs' ratios)`);
      }
    }
    for (const [ops, o] of Object.entries(small.one)) {
      lines.push(`  one-file folder, --ops ${ops}: ${fx(o.run.ms, 0)} ms, node -e 0 ${fx(o.node.ms, 0)} ms: ${fx(o.ratio)}x; peak RSS ${mib(o.run.peakRss)}`);
    }
  }
  return lines;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const argv = process.argv.slice(2);
  const opt = (name, fallback) => (argv.includes(name) ? argv[argv.indexOf(name) + 1] : fallback);
  const json = argv.includes('--json');
  const positional = argv.filter((a, i) => !a.startsWith('--') && !['--rfcs', '--repeat', '--small-repeat'].includes(argv[i - 1]));
  const large = positional[0] ?? '/tmp/corpora/tldr';
  const rfcs = opt('--rfcs', fs.existsSync('/tmp/corpora/rfcs') ? '/tmp/corpora/rfcs' : undefined);
  const log = json ? () => {} : (m) => process.stderr.write(m + '\n');
  const largeResult = argv.includes('--skip-large') ? undefined : benchLarge(large, { repeat: Number(opt('--repeat', 3)), log });
  const smallResult = argv.includes('--skip-small') ? undefined : benchSmall(rfcs, { repeat: Number(opt('--small-repeat', 9)), log });
  const targets = wholeTargets(largeResult, smallResult);
  if (json) console.log(JSON.stringify({ large: largeResult, small: smallResult, targets }));
  else {
    console.log(`machine: ${os.availableParallelism()} cores, Node ${process.version}, load average now ${la(os.loadavg())}`);
    for (const l of wholeTable(largeResult, smallResult)) console.log(l);
    console.log('\ntargets (issue 17):');
    for (const t of targets) console.log(`  ${t.met ? 'MET    ' : 'NOT MET'}  ${t.id}. ${t.what.padEnd(52)} goal ${t.goal.padEnd(18)} measured ${t.measured}`);
  }
}
