// Hostile input: the engine, on worker threads, over a tree of everything a real
// workspace can throw at it (test/hostile/generate.ts). THE RULE: every
// discovered document ends as exactly one outcome, processed + cached + skipped
// + failed = discovered, each with its specific reason and a detail, the run
// ends in bounded time and not one user file is touched.
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { Engine } from '../../src/engine/engine';
import type { RunReport } from '../../src/engine/run/run';
import type { Outcome, Summary } from '../../src/engine/types';
import type { AnalyzeResult } from '../../src/operations/analyze';
import { generateHostileTree, hostileRoot, removeHostileTree, type HostileCase } from '../hostile/generate';

/** Empty files in one folder; the one place the suite pays for a big folder (~5 s to create). */
const MANY_EMPTY_FILES = 50_000;
/** The run over the whole tree (50k files, 2M lines, 5 MB minified) must end within this. */
const RUN_BOUND_MS = 30_000;
const TABLE_FILE = '/tmp/hostile-outcomes.md';

/**
 * Expectations the engine does not meet yet, by case name: their assertions are
 * pending (it.skip) rather than failing the suite, while the rest of each case
 * (accounted for, exactly once, not failed) is still checked. Add an entry
 * `[case name, why]` to park an expectation; remove it to switch it on.
 *
 * Empty: the 5 MB minified file ('minified 5 MB one-line JS') was parked here
 * until the engine learnt the skip reason 'generated'; it is now asserted.
 */
const PENDING: ReadonlyMap<string, string> = new Map<string, string>([]);

interface Snapshot {
  readonly entries: ReadonlyMap<string, string>;
}

/** Every entry under `dir` without following links: regular files by size, mtime and content hash. */
function snapshot(dir: string): Snapshot {
  const entries = new Map<string, string>();
  const stack = [dir];
  while (stack.length > 0) {
    const d = stack.pop()!;
    let listing: fs.Dirent[];
    try {
      listing = fs.readdirSync(d, { withFileTypes: true });
    } catch (err) {
      // Past PATH_MAX: what is below cannot be reached by path (and so not by the engine either).
      if ((err as NodeJS.ErrnoException).code !== 'ENAMETOOLONG') throw err;
      entries.set(d, 'dir past PATH_MAX');
      continue;
    }
    for (const e of listing) {
      const p = path.join(d, e.name);
      if (Buffer.byteLength(p) >= 4096) {
        entries.set(p, 'past PATH_MAX');
        continue;
      }
      const st = fs.lstatSync(p);
      if (e.isDirectory()) {
        entries.set(p, 'dir');
        stack.push(p);
      } else if (e.isSymbolicLink()) {
        entries.set(p, `link -> ${fs.readlinkSync(p)}`);
      } else if (e.isFile()) {
        const hash = st.size === 0 ? 'empty' : crypto.createHash('sha1').update(fs.readFileSync(p)).digest('hex');
        entries.set(p, `file ${st.size} ${st.mtimeMs} ${hash}`);
      } else {
        entries.set(p, `special ${st.mode} ${st.mtimeMs}`);
      }
    }
  }
  return { entries };
}

function diffSnapshots(a: Snapshot, b: Snapshot): string[] {
  const out: string[] = [];
  for (const [p, v] of a.entries) if (b.entries.get(p) !== v) out.push(`${JSON.stringify(p)}: ${v} -> ${b.entries.get(p) ?? 'gone'}`);
  for (const p of b.entries.keys()) if (!a.entries.has(p)) out.push(`${JSON.stringify(p)}: new`);
  return out;
}

/** The counts, recomputed from the outcomes alone. */
function recount(outcomes: readonly Outcome[]) {
  const c = { processed: 0, cached: 0, skipped: 0, failed: 0 };
  for (const o of outcomes) c[o.kind]++;
  return c;
}

function checkAccounting(report: RunReport): void {
  const { summary, outcomes } = report;
  const c = summary.counts;
  assert.equal(summary.accounted, true, 'summary.accounted');
  assert.equal(summary.state, 'finished');
  assert.equal(c.processed + c.cached + c.skipped + c.failed, c.discovered, 'processed + cached + skipped + failed = discovered');
  assert.equal(outcomes.length, c.discovered, 'one outcome per discovered document');
  assert.equal(new Set(outcomes.map((o) => o.path)).size, outcomes.length, 'no document settled twice');
  const r = recount(outcomes);
  assert.deepEqual(r, { processed: c.processed, cached: c.cached, skipped: c.skipped, failed: c.failed }, 'counts recomputed from the outcomes');
  const sum = (m: Summary['skippedByReason'] | Summary['failedByReason']) => Object.values(m).reduce((a: number, b) => a + (b ?? 0), 0);
  assert.equal(sum(summary.skippedByReason), c.skipped, 'skippedByReason adds up');
  assert.equal(sum(summary.failedByReason), c.failed, 'failedByReason adds up');
  assert.equal(c.queued, 0);
}

const shown = (p: string) => JSON.stringify(p).slice(1, -1);

describe('hostile input', function () {
  let root = '';
  let tree = '';
  let cases: HostileCase[] = [];
  let engine: Engine | undefined;
  let before0: Snapshot;
  let first: RunReport;
  let firstMs = 0;
  let generateMs = 0;
  const warnings: string[] = [];
  const events: Outcome[] = [];

  before(async function () {
    this.timeout(60_000);
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'bom-hostile-'));
    tree = hostileRoot(root);
    const t = performance.now();
    cases = generateHostileTree(root, { manyEmptyFiles: MANY_EMPTY_FILES, pastPathMax: true });
    generateMs = performance.now() - t;
    before0 = snapshot(tree);
  });

  before('first run, on two worker threads', async function () {
    // The bound on the run: the hook fails if the run has not ended by then.
    this.timeout(RUN_BOUND_MS);
    engine = new Engine({ concurrency: 2 });
    const run = engine.run({ roots: [tree] });
    run.on('warning', (w) => warnings.push(`${w.message}${w.path ? ` (${w.path})` : ''}`));
    run.on('document', (o) => events.push(o));
    const t = performance.now();
    first = await run.done;
    firstMs = performance.now() - t;
  });

  after(async () => {
    await engine?.close();
    if (root) removeHostileTree(root);
  });

  let byPath: Map<string, Outcome> | undefined;
  const outcomeOf = (p: string) => (byPath ??= new Map(first.outcomes.map((o) => [o.path, o]))).get(p);

  it('the tree holds what it should (self-check of the generator)', () => {
    assert.ok(cases.length >= 40, `${cases.length} cases`);
    assert.equal(new Set(cases.map((c) => c.name)).size, cases.length, 'case names are unique');
    const many = cases.find((c) => c.paths.length === MANY_EMPTY_FILES);
    assert.ok(many, 'the many-files case is there');
    assert.equal(fs.readdirSync(path.dirname(many.paths[0]!)).length, MANY_EMPTY_FILES);
    const sparse = cases.find((c) => c.name.startsWith('sparse'))!.paths[0]!;
    const st = fs.statSync(sparse);
    assert.equal(st.size, 11 * 1024 * 1024);
    assert.ok(st.blocks * 512 < 1024 * 1024, `sparse file uses ${st.blocks * 512} bytes of disk`);
    assert.ok(fs.lstatSync(cases.find((c) => c.name === 'FIFO')!.paths[0]!).isFIFO());
    assert.equal(Buffer.byteLength(path.basename(cases.find((c) => c.name === '255-byte UTF-8 name')!.paths[0]!)), 255);
    console.log(`      (generated ${cases.length} cases, ${before0.entries.size} entries in ${Math.round(generateMs)} ms; run took ${Math.round(firstMs)} ms)`);
  });

  it(`finishes within ${RUN_BOUND_MS / 1000} s, with no warning`, () => {
    assert.ok(firstMs < RUN_BOUND_MS, `${Math.round(firstMs)} ms`);
    assert.deepEqual(warnings, []);
  });

  it('THE RULE: processed + cached + skipped + failed = discovered, each document exactly once', () => {
    checkAccounting(first);
    assert.deepEqual(events, first.outcomes, 'every outcome was also a document event, in the same order');
    const expectedDiscovered = cases.reduce((n, c) => n + (c.expect === 'not-discovered' ? 0 : c.paths.length), 0);
    assert.equal(first.summary.counts.discovered, expectedDiscovered, 'exactly the expected documents were discovered');
  });

  it('every case ends with its expected kind and specific reason; every skip and failure has a detail', () => {
    const mismatches: string[] = [];
    const rows: string[] = [];
    const known = new Set<string>();
    for (const c of cases) {
      for (const p of c.paths) known.add(p);
      const got = c.paths.map(outcomeOf);
      // One representative per case for the table; a many-file case reports how many agree.
      const o = got[0];
      const want = c.expect === 'not-discovered' ? 'not discovered' : `${c.expect.kind}${c.expect.reason ? ` / ${c.expect.reason}` : ''}`;
      const gave = o ? `${o.kind}${'reason' in o ? ` / ${o.reason}` : ''}` : 'not discovered';
      const detail = o && 'detail' in o ? (o.detail ?? '') : o && o.kind === 'processed' ? `${o.encoding}, ${(o.results.analyze as AnalyzeResult).lines} lines, ${Math.round(o.ms)} ms` : '';
      const pending = PENDING.get(c.name);
      rows.push(`| ${c.name.replace(/\|/g, '\\|')} | ${want} | ${gave}${c.paths.length > 1 ? ` (x${c.paths.length})` : ''} | ${detail.replace(/\|/g, '\\|')} |${pending ? ` PENDING: ${pending}` : ''}`);
      if (pending) continue;
      got.forEach((g, i) => {
        const p = shown(c.paths[i]!);
        if (c.expect === 'not-discovered') {
          if (g) mismatches.push(`${c.name}: ${p} should not be discovered, got ${g.kind}`);
          return;
        }
        if (!g) return void mismatches.push(`${c.name}: ${p} was not discovered`);
        if (g.kind !== c.expect.kind) return void mismatches.push(`${c.name}: ${p} expected ${c.expect.kind}, got ${g.kind}${'reason' in g ? ` ${g.reason}: ${g.detail}` : ''}`);
        if ((g.kind === 'skipped' || g.kind === 'failed') && g.reason !== c.expect.reason) mismatches.push(`${c.name}: ${p} expected reason ${c.expect.reason}, got ${g.reason} (${g.detail})`);
        if (g.kind === 'processed' && c.encoding && g.encoding !== c.encoding) mismatches.push(`${c.name}: ${p} encoding ${g.encoding}, expected ${c.encoding}`);
        if (g.kind === 'processed' && c.lines !== undefined && (g.results.analyze as AnalyzeResult).lines !== c.lines) mismatches.push(`${c.name}: ${p} ${(g.results.analyze as AnalyzeResult).lines} lines, expected ${c.lines}`);
      });
    }
    const table = [
      `# Hostile input: outcomes (concurrency 2, worker threads; ${first.summary.counts.discovered} discovered, run ${Math.round(firstMs)} ms)`,
      '',
      '| case | expected | engine gave | detail |',
      '|---|---|---|---|',
      ...rows,
      '',
    ].join('\n');
    fs.writeFileSync(TABLE_FILE, table);
    console.log(table);

    // Nothing discovered that the cases do not account for.
    for (const o of first.outcomes) if (!known.has(o.path)) mismatches.push(`unexpected document ${shown(o.path)}: ${o.kind}`);
    // Never a generic outcome: no failure but the ones a case expects (a folder past PATH_MAX), and every skip is specific and explained.
    const expectedFailures = new Set(cases.flatMap((c) => (c.expect !== 'not-discovered' && c.expect.kind === 'failed' ? c.paths : [])));
    for (const o of first.outcomes) {
      if (o.kind === 'failed' && !expectedFailures.has(o.path)) mismatches.push(`${shown(o.path)} failed ${o.reason}: ${o.detail}`);
      if ((o.kind === 'skipped' || o.kind === 'failed') && !(typeof o.detail === 'string' && o.detail.trim().length > 0)) mismatches.push(`${shown(o.path)} ${o.kind} ${o.reason} without a detail`);
    }
    assert.deepEqual(mismatches, []);
  });

  for (const [name, why] of PENDING) {
    // PENDING (see the PENDING map): switch on by removing the entry once the engine does it.
    it.skip(`${name}: ${why}`, () => {
      const c = cases.find((k) => k.name === name)!;
      const o = outcomeOf(c.paths[0]!);
      assert.ok(c.expect !== 'not-discovered');
      assert.equal(o?.kind, c.expect.kind);
      assert.equal(o && 'reason' in o ? o.reason : undefined, c.expect.reason);
      assert.ok(o && 'detail' in o && o.detail && o.detail.length > 0);
    });
  }

  it('pending cases are still each accounted for exactly once, and not failed', () => {
    for (const name of PENDING.keys()) {
      const c = cases.find((k) => k.name === name);
      assert.ok(c, `pending case ${name} exists`);
      for (const p of c.paths) {
        const all = first.outcomes.filter((o) => o.path === p);
        assert.equal(all.length, 1, `${name}: one outcome`);
        assert.notEqual(all[0]!.kind, 'failed', `${name}: ${JSON.stringify(all[0])}`);
      }
    }
  });

  it('modifies no user file (content hash, size and mtime of every file; no entry added or removed)', () => {
    assert.deepEqual(diffSnapshots(before0, snapshot(tree)), []);
  });

  it('a second, warm run on the same engine is served from the cache and accounts the same way', async function () {
    this.timeout(RUN_BOUND_MS);
    const second = await engine!.run({ roots: [tree] }).done;
    checkAccounting(second);
    const a = first.summary.counts;
    const b = second.summary.counts;
    assert.deepEqual(
      { discovered: b.discovered, processed: b.processed, cached: b.cached, skipped: b.skipped, failed: b.failed },
      { discovered: a.discovered, processed: 0, cached: a.processed + a.cached, skipped: a.skipped, failed: a.failed },
    );
    assert.deepEqual(second.summary.skippedByReason, first.summary.skippedByReason);
    assert.ok(second.outcomes.every((o) => o.kind !== 'cached' || o.via === 'identity'), 'identity hits, no read');
    assert.equal(second.summary.cache.hits, a.processed + a.cached);
    assert.deepEqual(diffSnapshots(before0, snapshot(tree)), [], 'still no user file modified');
  });
});
