// The peers' own tools against ours on the same tree, in the same run, whole
// processes as a user runs them (report written): remark-validate-links against
// `--ops links`, markdownlint-cli2 against `--ops lint`; cold, and warm with --cache.
// Each process is timed as bench/whole-run.mjs times ours (its `timed`): wall time to the
// millisecond (GNU time's %e has 10 ms steps, a twenty-fifth of a warm links run over
// rust-rfcs: 13.2 read 0.26 s for anything from 0.255 to 0.265), peak RSS from GNU time.
//   node bench/peers-run.mjs DIR [links|lint ...]   -> one JSON line
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { timed } from './whole-run.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const project = path.resolve(here, '..');
const bin = (name) => path.join(project, 'node_modules', '.bin', name);
const [dir, ...which] = process.argv.slice(2);
const ops = which.length > 0 ? which : ['links', 'lint'];
const REPEAT = Number(process.env.BENCH_PEER_REPEAT ?? 3);
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-peers-'));

function median(runs) {
  const s = [...runs].sort((a, b) => a.ms - b.ms);
  return { ...s[Math.floor(s.length / 2)], runsMs: runs.map((r) => Math.round(r.ms)) };
}

function ours(op, cache) {
  const out = path.join(scratch, `${op}.json`);
  const args = [path.join(project, 'dist', 'cli.js'), dir, '--ops', op, '--format', 'json', '--out', out, '--no-progress', '--fail-on', 'none'];
  if (cache) args.push('--cache', cache);
  return timed([process.execPath, ...args]);
}

const PEERS = {
  // remark-validate-links needs repository:false outside a git repository (the corpora are not ones).
  links: () => timed([bin('remark'), '--use', 'remark-validate-links=repository:false', '--no-stdout', '--quiet', '--silently-ignore', dir]),
  // markdownlint-cli2 from the tree's folder, every Markdown file, not following tldr's pages.en link.
  lint: () => timed([bin('markdownlint-cli2'), '**/*.{md,markdown}', '#**/node_modules', '#pages.en/**'], { cwd: dir }),
};

const result = { dir, ops: {} };
try {
  for (const op of ops) {
    const peer = median(Array.from({ length: REPEAT }, () => PEERS[op]()));
    const cold = median(Array.from({ length: REPEAT }, () => ours(op)));
    const cache = path.join(scratch, `${op}.cache`);
    fs.rmSync(cache, { force: true });
    ours(op, cache); // fills the cache
    const warm = median(Array.from({ length: REPEAT }, () => ours(op, cache)));
    result.ops[op] = { peer, cold, warm, coldSpeedup: peer.ms / cold.ms, warmSpeedup: peer.ms / warm.ms, rssShare: cold.peakRss / peer.peakRss };
    if (op === 'lint') {
      // markdownlint alone on one thread (bench/lint-floor.mjs): with every core busy and nothing
      // else to do, a run cannot take less than floor.ms / cores; that bounds the speedup here.
      const r = spawnSync(process.execPath, [path.join(here, 'lint-floor.mjs'), dir], { encoding: 'utf8', maxBuffer: 1 << 24 });
      if (r.status === 0) {
        const floor = JSON.parse(r.stdout);
        result.ops[op].floor = { ...floor, cores: os.availableParallelism(), bestSpeedup: peer.ms / (floor.ms / os.availableParallelism()) };
      }
    }
  }
} finally {
  fs.rmSync(scratch, { recursive: true, force: true });
}
console.log(JSON.stringify(result));
