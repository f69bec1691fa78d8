// The lint core against markdownlint-cli2 on real trees: each runs in a fresh
// process over every Markdown document, single-threaded; this prints both times,
// the findings counts and every difference in (file, line, rule).
//   node bench/lint-peer.mjs [dir...]        (default: /tmp/corpora/rfcs /tmp/corpora/tldr)
//   node bench/lint-peer.mjs --fix dir       --fix on two temporary copies of dir, ours
//                                            and cli2's, then every file compared byte for byte
// Symbolic links are not followed by either side (tldr's pages.en links to pages).
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const [mode, ...rest] = process.argv.slice(2);

if (mode === '--cli2') await runCli2(rest[0], rest[1], rest[2] === 'fix');
else if (mode === '--ours') await runOurs(rest[0], rest[1]);
else if (mode === '--ours-fix') await fixOurs(rest[0], rest[1]);
else if (mode === '--fix') await compareFixes(rest[0]);
else await compare(mode ? [mode, ...rest] : ['/tmp/corpora/rfcs', '/tmp/corpora/tldr']);

/** Symbolic links directly under root, for cli2's negated globs (globby would follow them). */
function linksUnder(root) {
  const links = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isSymbolicLink()) links.push(path.relative(root, p).split(path.sep).join('/'));
      else if (e.isDirectory() && e.name !== 'node_modules' && e.name !== '.git') walk(p);
    }
  };
  walk(root);
  return links;
}

async function runCli2(root, out, fix) {
  const { main } = await import('markdownlint-cli2');
  const argv = ['**/*.{md,markdown}', ...linksUnder(root).flatMap((l) => [`!${l}`, `!${l}/**`]), ...(fix ? ['--fix'] : [])];
  let results = [];
  const cpu = process.cpuUsage();
  const started = performance.now();
  await main({
    directory: root,
    argv,
    noImport: true,
    optionsOverride: { noBanner: true, noProgress: true, outputFormatters: [[(o) => void (results = o.results)]] },
  });
  const ms = performance.now() - started;
  const cpuMs = cpuMsSince(cpu);
  const keys = results.map((r) => `${r.fileName}:${r.lineNumber}:${r.ruleNames[0]}`);
  fs.writeFileSync(out, JSON.stringify({ ms, cpuMs, keys, rss: process.memoryUsage().rss }));
}

/** User + system CPU time since `start` (the machine is shared: wall time alone misleads). */
function cpuMsSince(start) {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

/** Bundles the lint core as the engine's build does (esbuild, CommonJS) and loads it. */
async function loadCore() {
  const esbuild = await import('esbuild');
  const outfile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lint-core-')), 'lint-core.cjs');
  await esbuild.build({
    stdin: {
      contents: `export { createLint } from './src/operations/lint';
export { LintConfigResolver } from './src/operations/lint/resolver';
export { runMarkdownlint, toProblems } from './src/operations/lint/markdownlint';
export { lintFindings } from './src/operations/lint';
export { applyLintFixes } from './src/operations/lint/fix';`,
      resolveDir: repo,
      loader: 'ts',
    },
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    mainFields: ['module', 'main'],
    outfile,
    logLevel: 'warning',
  });
  const core = (await import(outfile)).default;
  fs.rmSync(path.dirname(outfile), { recursive: true, force: true });
  return core;
}

/** Markdown files under root, symbolic links not followed. */
function markdownFiles(root) {
  const files = [];
  const walk = (dir) => {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (e.name !== 'node_modules') walk(p);
      } else if (e.isFile() && /\.(md|markdown)$/.test(e.name)) files.push(p);
    }
  };
  walk(root);
  return files;
}

/** Our fixes written into root's files (a temporary copy). */
async function fixOurs(root, out) {
  const core = await loadCore();
  const op = core.createLint({});
  let fixed = 0;
  for (const file of markdownFiles(root)) {
    const raw = fs.readFileSync(file, 'utf8');
    const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    const result = op.finishDocument(text, { path: file, root });
    const after = core.applyLintFixes(raw, core.lintFindings(result));
    if (after !== raw) {
      fs.writeFileSync(file, after, 'utf8');
      fixed++;
    }
  }
  fs.writeFileSync(out, JSON.stringify({ fixed }));
}

async function compareFixes(dir) {
  const source = path.resolve(dir);
  const copy = () => {
    const target = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-fix-'));
    fs.cpSync(source, target, { recursive: true, verbatimSymlinks: true });
    return target;
  };
  const [theirsRoot, oursRoot] = [copy(), copy()];
  child(['--cli2', theirsRoot], ['fix']);
  const { fixed } = child(['--ours-fix', oursRoot]);
  let different = 0;
  for (const file of markdownFiles(source)) {
    const rel = path.relative(source, file);
    const a = fs.readFileSync(path.join(theirsRoot, rel));
    const b = fs.readFileSync(path.join(oursRoot, rel));
    if (!a.equals(b)) {
      different++;
      if (different <= 20) console.log(`  differs: ${rel}`);
    }
  }
  console.log(`${source}: ours fixed ${fixed} files; ${different} files differ from markdownlint-cli2 --fix`);
  fs.rmSync(theirsRoot, { recursive: true, force: true });
  fs.rmSync(oursRoot, { recursive: true, force: true });
  process.exitCode = different === 0 ? 0 : 1;
}

async function runOurs(root, out) {
  const core = await loadCore();
  const cpu = process.cpuUsage();
  const t0 = performance.now();
  const files = markdownFiles(root);
  const resolver = new core.LintConfigResolver();
  const keys = [];
  const lintMs = [];
  let readMs = 0;
  let configMs = 0;
  let mapMs = 0;
  let bytes = 0;
  for (const file of files) {
    let t = performance.now();
    const raw = fs.readFileSync(file, 'utf8');
    const text = raw.charCodeAt(0) === 0xfeff ? raw.slice(1) : raw;
    bytes += Buffer.byteLength(raw);
    readMs += performance.now() - t;
    t = performance.now();
    const c = resolver.configFor(file, root);
    configMs += performance.now() - t;
    if (c.ignored) continue;
    t = performance.now();
    const errors = core.runMarkdownlint(text, c.options);
    const t2 = performance.now();
    lintMs.push(t2 - t);
    const problems = core.toProblems(text, errors);
    mapMs += performance.now() - t2;
    const rel = path.relative(root, file).split(path.sep).join('/');
    for (const p of problems) keys.push(`${rel}:${p.l}:${p.r}`);
  }
  const ms = performance.now() - t0;
  const cpuMs = cpuMsSince(cpu);
  lintMs.sort((a, b) => a - b);
  const sum = lintMs.reduce((a, b) => a + b, 0);
  const q = (f) => lintMs[Math.min(lintMs.length - 1, Math.floor(f * lintMs.length))] ?? 0;
  fs.writeFileSync(
    out,
    JSON.stringify({
      ms,
      cpuMs,
      keys,
      rss: process.memoryUsage().rss,
      documents: files.length,
      bytes,
      phases: { readMs, configMs, markdownlintMs: sum, mapMs },
      perDocument: { meanMs: sum / Math.max(1, lintMs.length), p50Ms: q(0.5), p99Ms: q(0.99), maxMs: q(1) },
    }),
  );
}

function child(args, after = []) {
  const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'lint-peer-')), 'out.json');
  const started = performance.now();
  const r = spawnSync(process.execPath, [fileURLToPath(import.meta.url), ...args, out, ...after], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}`);
  const answer = JSON.parse(fs.readFileSync(out, 'utf8'));
  fs.rmSync(path.dirname(out), { recursive: true, force: true });
  return { ...answer, processMs: performance.now() - started };
}

async function compare(dirs) {
  let differences = 0;
  for (const dir of dirs) {
    const root = path.resolve(dir);
    const theirs = child(['--cli2', root]);
    const ours = child(['--ours', root]);
    const a = new Map();
    for (const k of theirs.keys) a.set(k, (a.get(k) ?? 0) + 1);
    for (const k of ours.keys) a.set(k, (a.get(k) ?? 0) - 1);
    const onlyTheirs = [...a].filter(([, n]) => n > 0);
    const onlyOurs = [...a].filter(([, n]) => n < 0);
    differences += onlyTheirs.length + onlyOurs.length;
    const mb = ours.bytes / 1e6;
    console.log(`\n${root}: ${ours.documents} documents, ${mb.toFixed(1)} MB`);
    console.log(`  markdownlint-cli2: ${theirs.ms.toFixed(0)} ms in main(), CPU ${theirs.cpuMs.toFixed(0)} ms (${theirs.processMs.toFixed(0)} ms process), ${theirs.keys.length} findings, RSS ${(theirs.rss / 2 ** 20).toFixed(0)} MiB`);
    console.log(`  ours:              ${ours.ms.toFixed(0)} ms walk+read+resolve+lint, CPU ${ours.cpuMs.toFixed(0)} ms (${ours.processMs.toFixed(0)} ms process), ${ours.keys.length} findings, RSS ${(ours.rss / 2 ** 20).toFixed(0)} MiB`);
    const p = ours.phases;
    console.log(`    read ${p.readMs.toFixed(0)} ms, configuration ${p.configMs.toFixed(0)} ms, markdownlint ${p.markdownlintMs.toFixed(0)} ms, to findings ${p.mapMs.toFixed(0)} ms`);
    const d = ours.perDocument;
    console.log(`    markdownlint per document: mean ${d.meanMs.toFixed(2)} ms, p50 ${d.p50Ms.toFixed(2)}, p99 ${d.p99Ms.toFixed(2)}, max ${d.maxMs.toFixed(0)}; ${(mb / (p.markdownlintMs / 1000)).toFixed(2)} MB/s`);
    console.log(`  differences in (file, line, rule): ${onlyTheirs.length} only in cli2, ${onlyOurs.length} only in ours`);
    for (const [k, n] of onlyTheirs.slice(0, 20)) console.log(`    cli2 only: ${k}${n > 1 ? ` x${n}` : ''}`);
    for (const [k, n] of onlyOurs.slice(0, 20)) console.log(`    ours only: ${k}${n < -1 ? ` x${-n}` : ''}`);
  }
  process.exitCode = differences === 0 ? 0 : 1;
}
