// The links operation against remark-validate-links over a real corpus:
//   node bench/links-peer.mjs [folder]        (default /tmp/corpora/rfcs)
// Prints each side's time and peak RSS, both finding counts, and every
// difference (each side run in a child process of its own, so times and RSS
// are not mixed up). Our side runs the operation's TypeScript through tsx: the
// per-document phase (read + one parse per document, one thread) and the
// workspace phase (resolver) are timed apart. The peer runs twice: its CLI
// cold, as a user would (`remark --use remark-validate-links=repository:false`),
// and its engine in-process, for the findings.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as path from 'node:path';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const sideIndex = process.argv.indexOf('--side');

if (sideIndex >= 0) {
  const side = process.argv[sideIndex + 1];
  const dir = process.argv[sideIndex + 2];
  const { runOurs, runPeer } = await import('./links-compare.ts');
  const t0 = performance.now();
  const out = side === 'ours' ? await runOurs(dir) : { findings: await runPeer(dir) };
  const ms = performance.now() - t0;
  process.stdout.write(JSON.stringify({ ...out, ms, maxRssKB: process.resourceUsage().maxRSS }));
  process.exit(0);
}

const dir = path.resolve(process.argv[2] ?? '/tmp/corpora/rfcs');

function child(side) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), '--side', side, dir], { cwd: repo, encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`${side} failed: ${r.stderr}`);
  return { ...JSON.parse(r.stdout), wallMs: performance.now() - t0 };
}

function peerCli() {
  const t0 = performance.now();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, path.join(repo, 'node_modules/remark-cli/cli.js'), '--use', 'remark-validate-links=repository:false', '--no-stdout', '--quiet', '--no-color', dir], {
    cwd: repo, // remark resolves --use plugins from its working folder
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const wallMs = performance.now() - t0;
  const lines = r.stderr.trim().split('\n');
  return { wallMs, maxRssKB: Number(lines.at(-1)), warnings: Number(/⚠ (\d+) warnings?/.exec(r.stderr)?.[1] ?? 0) };
}

const s = (ms) => `${(ms / 1000).toFixed(2)} s`;
const mb = (kb) => `${(kb / 1024).toFixed(0)} MB`;

const ours = child('ours');
const peer = child('peer');
const cli = peerCli();
const { compareFindings } = await import('./links-compare.ts').catch(() => ({}));
console.log(`folder: ${dir} (${ours.documents} Markdown documents)`);
console.log(`ours: per-document phase ${s(ours.perDocumentMs)} (${(ours.perDocumentMs / ours.documents).toFixed(1)} ms/document, one thread), workspace phase ${s(ours.resolveMs)}, process ${s(ours.wallMs)} wall, peak RSS ${mb(ours.maxRssKB)}`);
console.log(`peer: remark CLI ${s(cli.wallMs)} wall, peak RSS ${mb(cli.maxRssKB)}, ${cli.warnings} warnings; in-process engine ${s(peer.ms)}, process ${s(peer.wallMs)}, peak RSS ${mb(peer.maxRssKB)}`);
console.log(`findings: ours ${ours.findings.length} of the peer's kinds (+${ours.otherFindings} reference/definition findings the peer has no rule for), peer ${peer.findings.length}`);
if (!compareFindings) {
  console.log('(run with node --import tsx to list the differences)');
} else {
  const { onlyPeer, onlyOurs } = compareFindings(ours.findings, peer.findings);
  console.log(`\nonly the peer (${onlyPeer.length}):`);
  for (const f of onlyPeer) console.log(`  ${f.file}:${f.line} ${f.kind} ${f.message}`);
  console.log(`\nonly ours (${onlyOurs.length}):`);
  for (const f of onlyOurs) console.log(`  ${f.file}:${f.line} ${f.kind} ${f.message}`);
}
