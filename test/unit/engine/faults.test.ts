// Faults: file-system errors injected through the seam (inline executor),
// operations that crash, hang or throw on worker threads, damaged cache files,
// and run limits. In every case the run ends, the one document at fault fails
// with its specific reason and a detail, and everything else is unaffected.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { CACHE_FORMAT_VERSION, ResultCache } from '../../../src/engine/cache/cache';
import { Engine, type EngineOptions } from '../../../src/engine/engine';
import { nodeFileSystem, type FileSystem } from '../../../src/engine/read/fs';
import type { RunReport } from '../../../src/engine/run/run';
import type { Outcome } from '../../../src/engine/types';
import type { AnalyzeResult } from '../../../src/operations/analyze';
import { makeTree, removeTree, type TreeSpec } from '../../helpers/tree';

const MISBEHAVING = path.resolve(__dirname, '..', '..', 'fixtures', 'operations', 'misbehaving.cjs');

const byName = (outcomes: readonly Outcome[], name: string) => outcomes.find((o) => path.basename(o.path) === name);

function errno(code: string, syscall: string, p?: string): NodeJS.ErrnoException {
  const err = new Error(`${code}: injected, ${syscall}${p ? ` '${p}'` : ''}`) as NodeJS.ErrnoException;
  err.code = code;
  err.syscall = syscall;
  if (p) err.path = p;
  return err;
}

/** nodeFileSystem with hooks; knows which path each descriptor belongs to and counts opens per file name. */
function seam(hooks: {
  open?: (p: string, real: (p: string) => number) => number;
  read?: (p: string, position: number | null, real: () => number) => number;
} = {}) {
  const paths = new Map<number, string>();
  const opens = new Map<string, number>();
  const fsx: FileSystem = {
    ...nodeFileSystem,
    open(p) {
      opens.set(path.basename(p), (opens.get(path.basename(p)) ?? 0) + 1);
      const fd = hooks.open ? hooks.open(p, nodeFileSystem.open) : nodeFileSystem.open(p);
      paths.set(fd, p);
      return fd;
    },
    read(fd, buffer, offset, length, position) {
      const real = () => nodeFileSystem.read(fd, buffer, offset, length, position);
      return hooks.read ? hooks.read(paths.get(fd) ?? '', position, real) : real();
    },
    close(fd) {
      paths.delete(fd);
      nodeFileSystem.close(fd);
    },
  };
  return { fs: fsx, opens };
}

function normalFiles(n: number): TreeSpec {
  const spec: TreeSpec = {};
  for (let i = 0; i < n; i++) spec[`doc${String(i).padStart(2, '0')}.md`] = `# Document ${i}\n\nSome ordinary words, number ${i}.\n`;
  return spec;
}

function assertAccounted(report: RunReport, discovered: number): void {
  const { summary, outcomes } = report;
  const c = summary.counts;
  assert.equal(summary.accounted, true);
  assert.equal(c.discovered, discovered);
  assert.equal(c.processed + c.cached + c.skipped + c.failed, c.discovered);
  assert.equal(outcomes.length, discovered);
  assert.equal(new Set(outcomes.map((o) => o.path)).size, discovered, 'each document once');
  const recount = { processed: 0, cached: 0, skipped: 0, failed: 0 };
  for (const o of outcomes) recount[o.kind]++;
  assert.deepEqual(recount, { processed: c.processed, cached: c.cached, skipped: c.skipped, failed: c.failed });
  for (const o of outcomes) {
    if (o.kind === 'skipped' || o.kind === 'failed') assert.ok(o.detail && o.detail.length > 0, `${o.path}: ${o.kind} ${o.reason} without a detail`);
  }
}

/** Every outcome except `name`'s is processed. */
function othersProcessed(outcomes: readonly Outcome[], name: string): void {
  const bad = outcomes.filter((o) => path.basename(o.path) !== name && o.kind !== 'processed');
  assert.deepEqual(bad, []);
}

/** One letter or digit in the middle of the body (past the header line) changed to another: same length, different content. */
function corruptBody(text: string): string {
  const start = text.indexOf('\n') + 1;
  for (let i = start + Math.floor((text.length - start) / 2); i < text.length; i++) {
    if (/[0-9a-z]/i.test(text[i]!)) return text.slice(0, i) + (text[i] === 'x' ? 'y' : 'x') + text.slice(i + 1);
  }
  throw new Error('nothing to corrupt');
}

describe('faults', function () {
  let roots: string[] = [];
  let engines: Engine[] = [];
  const tree = (spec: TreeSpec) => {
    const r = makeTree(spec, 'bom-faults-');
    roots.push(r);
    return r;
  };
  const engine = (o: EngineOptions) => {
    const e = new Engine(o);
    engines.push(e);
    return e;
  };
  afterEach(async () => {
    await Promise.all(engines.map((e) => e.close()));
    engines = [];
    for (const r of roots) removeTree(r);
    roots = [];
  });

  describe('file-system errors through the seam (inline)', () => {
    it('a read refused with EACCES fails that document permission-denied; the rest is processed', async () => {
      const root = tree({ ...normalFiles(5), 'locked.md': 'secret words\n' });
      const { fs: faulty } = seam({ open: (p, real) => (path.basename(p) === 'locked.md' ? (() => { throw errno('EACCES', 'open', p); })() : real(p)) });
      const report = await engine({ concurrency: 0, fs: faulty }).run({ roots: [root] }).done;
      assertAccounted(report, 6);
      const o = byName(report.outcomes, 'locked.md')!;
      assert.equal(o.kind, 'failed');
      assert.equal(o.kind === 'failed' && o.reason, 'permission-denied');
      assert.match(o.kind === 'failed' ? o.detail : '', /^EACCES \(open\): .*locked\.md$/);
      othersProcessed(report.outcomes, 'locked.md');
      assert.deepEqual(report.summary.failedByReason, { 'permission-denied': 1 });
    });

    it('EMFILE that clears after two attempts is backed off, not failed: the document is processed', async () => {
      const root = tree({ ...normalFiles(3), 'busy.md': 'one two three four\n' });
      let refusals = 0;
      const { fs: faulty, opens } = seam({
        open: (p, real) => {
          if (path.basename(p) === 'busy.md' && refusals < 2) {
            refusals++;
            throw errno('EMFILE', 'open', p);
          }
          return real(p);
        },
      });
      const report = await engine({ concurrency: 0, fs: faulty }).run({ roots: [root] }).done;
      assertAccounted(report, 4);
      const o = byName(report.outcomes, 'busy.md')!;
      assert.equal(o.kind, 'processed', JSON.stringify(o));
      assert.equal(o.kind === 'processed' && (o.results.analyze as AnalyzeResult).words, 4);
      assert.equal(refusals, 2);
      assert.equal(opens.get('busy.md'), 3, 'two refused opens, then one that worked');
      assert.equal(report.summary.counts.failed, 0);
    });

    it('EMFILE that persists past the retry budget fails too-many-open-files', async () => {
      const root = tree({ ...normalFiles(3), 'busy.md': 'words\n' });
      const { fs: faulty, opens } = seam({ open: (p, real) => (path.basename(p) === 'busy.md' ? (() => { throw errno('EMFILE', 'open', p); })() : real(p)) });
      const report = await engine({ concurrency: 0, fs: faulty }).run({ roots: [root], read: { retryBudgetMs: 40 } }).done;
      assertAccounted(report, 4);
      const o = byName(report.outcomes, 'busy.md')!;
      assert.equal(o.kind === 'failed' && o.reason, 'too-many-open-files');
      assert.match(o.kind === 'failed' ? o.detail : '', /EMFILE \(open\) persisted after \d+ attempts/);
      assert.ok((opens.get('busy.md') ?? 0) >= 3, `retried: ${opens.get('busy.md')} opens`);
      othersProcessed(report.outcomes, 'busy.md');
    });

    it('a read failing with EIO fails io-error', async () => {
      const root = tree({ ...normalFiles(4), 'bad-sector.md': 'words on a bad disk\n' });
      const { fs: faulty } = seam({ read: (p, _pos, real) => (path.basename(p) === 'bad-sector.md' ? (() => { throw errno('EIO', 'read'); })() : real()) });
      const report = await engine({ concurrency: 0, fs: faulty }).run({ roots: [root] }).done;
      assertAccounted(report, 5);
      const o = byName(report.outcomes, 'bad-sector.md')!;
      assert.equal(o.kind === 'failed' && o.reason, 'io-error');
      assert.match(o.kind === 'failed' ? o.detail : '', /^EIO \(read\): .*bad-sector\.md$/);
      othersProcessed(report.outcomes, 'bad-sector.md');
    });

    it('a file deleted between discovery and read (from an earlier document event) fails vanished', async () => {
      const root = tree({ ...normalFiles(4), 'zz-doomed.md': 'soon gone\n' });
      const doomed = path.join(root, 'zz-doomed.md');
      const e = engine({ concurrency: 0, fs: nodeFileSystem });
      const run = e.run({ roots: [root], batchSize: 1, prefetch: 0 });
      let discoveredDoomed = false;
      run.once('document', () => {
        discoveredDoomed = run.progress().counts.discovered === 5;
        fs.unlinkSync(doomed);
      });
      const report = await run.done;
      assert.ok(discoveredDoomed, 'the file had been discovered before it was deleted');
      assertAccounted(report, 5);
      const o = byName(report.outcomes, 'zz-doomed.md')!;
      assert.equal(o.kind === 'failed' && o.reason, 'vanished', JSON.stringify(o));
      assert.match(o.kind === 'failed' ? o.detail : '', /^ENOENT \(open\): .*zz-doomed\.md$/);
      othersProcessed(report.outcomes, 'zz-doomed.md');
    });

    it('a file deleted just before it is opened (seam) fails vanished', async () => {
      const root = tree({ ...normalFiles(2), 'gone.md': 'soon gone\n' });
      const { fs: faulty } = seam({
        open: (p, real) => {
          if (path.basename(p) === 'gone.md') fs.rmSync(p, { force: true });
          return real(p);
        },
      });
      const report = await engine({ concurrency: 0, fs: faulty }).run({ roots: [root] }).done;
      assertAccounted(report, 3);
      const o = byName(report.outcomes, 'gone.md')!;
      assert.equal(o.kind === 'failed' && o.reason, 'vanished');
      othersProcessed(report.outcomes, 'gone.md');
    });

    // Streamed (wholeThreshold tiny, 64-byte chunks); the file changes when the stream reads its second chunk.
    for (const [how, mutate, pattern] of [
      ['grows', (p: string) => fs.appendFileSync(p, 'appended words\n'.repeat(8)), /^grew from 1000 to 10\d\d bytes while streamed: .*moving\.md$/],
      ['shrinks', (p: string) => fs.truncateSync(p, 500), /^shrank from 1000 to 500 bytes while streamed: .*moving\.md$/],
    ] as const) {
      it(`a file that ${how} while it is streamed fails changed-while-reading`, async () => {
        const root = tree({ ...normalFiles(3), 'moving.md': 'abcdefghi\n'.repeat(100) });
        let mutated = 0;
        const { fs: faulty } = seam({
          read: (p, position, real) => {
            if (path.basename(p) === 'moving.md' && position === 64 && mutated++ === 0) mutate(p);
            return real();
          },
        });
        const report = await engine({ concurrency: 0, fs: faulty }).run({ roots: [root], read: { wholeThreshold: 16, chunkBytes: 64 } }).done;
        assertAccounted(report, 4);
        assert.equal(mutated, 1, 'the stream reached its second chunk once');
        const o = byName(report.outcomes, 'moving.md')!;
        assert.equal(o.kind === 'failed' && o.reason, 'changed-while-reading', JSON.stringify(o));
        assert.match(o.kind === 'failed' ? o.detail : '', pattern);
        othersProcessed(report.outcomes, 'moving.md');
      });
    }
  });

  describe('operations that misbehave on worker threads', function () {
    this.timeout(20_000);

    // The watchdog measures wall-clock time per document. On a loaded machine (2 cores, load
    // average 5 while this was written) 300 ms let ordinary 45-byte documents fail 'timeout',
    // so only the hang case relies on the watchdog, with 1 s; the others get a generous timeout.
    for (const [op, word, reason, detail, threads, timeoutMs] of [
      ['crashy', 'CRASH', 'worker-crashed', /^worker exited with code 1$/, 1, 10_000],
      ['crashy', 'CRASH', 'worker-crashed', /^worker exited with code 1$/, 2, 10_000],
      ['hangs', 'HANG', 'timeout', /^no result after \d+\.\d s \(timeout 1\.0 s\)$/, 2, 1000],
      ['throws', 'THROW', 'operation-error', /^Error: boom$/, 2, 10_000],
    ] as const) {
      it(`${op} (${word}) on ${threads} worker(s): only the trigger document fails ${reason}; the rest is processed and the engine keeps working`, async () => {
        const root = tree({ ...normalFiles(20), 'trigger.md': `Plain text until the word ${word} appears.\n` });
        const e = engine({ concurrency: threads, timeoutMs, workerModules: [MISBEHAVING] });
        const started = performance.now();
        const report = await e.run({ roots: [root], operations: [{ id: 'analyze' }, { id: op }], batchSize: 8 }).done;
        const ms = performance.now() - started;
        assert.ok(ms < 10_000, `the run ended in ${Math.round(ms)} ms`);
        assertAccounted(report, 21);
        const o = byName(report.outcomes, 'trigger.md')!;
        assert.equal(o.kind, 'failed', JSON.stringify(o));
        assert.equal(o.kind === 'failed' && o.reason, reason);
        assert.match(o.kind === 'failed' ? o.detail : '', detail);
        othersProcessed(report.outcomes, 'trigger.md');
        for (const p of report.outcomes) {
          if (p.kind !== 'processed') continue;
          const chars = fs.readFileSync(p.path, 'utf8').length;
          assert.deepEqual(p.results[op], { characters: chars }, `${op} result of ${p.path}`);
          assert.ok((p.results.analyze as AnalyzeResult).words > 0);
        }
        assert.deepEqual(report.summary.failedByReason, { [reason]: 1 });
        // Summaries count each processed document once, however its batch was re-run:
        // analyze folds on the workers, 'throws' on the engine's thread, the others keep all results.
        assert.equal((report.summary.operations[op] as { documents: number }).documents, 20);
        assert.equal((report.summary.operations.analyze as { documents: number }).documents, 20);

        // The pool recovered: a second run on the same engine serves the 20 from the cache and fails the trigger again.
        const again = await e.run({ roots: [root], operations: [{ id: 'analyze' }, { id: op }] }).done;
        assertAccounted(again, 21);
        assert.deepEqual([again.summary.counts.cached, again.summary.counts.failed], [20, 1]);
        assert.equal(byName(again.outcomes, 'trigger.md')!.kind === 'failed' && (byName(again.outcomes, 'trigger.md') as { reason: string }).reason, reason);
      });
    }
  });

  describe('a large file in byte ranges whose operation crashes or hangs in one range', function () {
    this.timeout(20_000);

    for (const [op, word, reason, detail, timeoutMs] of [
      ['crashySplit', 'CRASH', 'worker-crashed', /^worker exited with code 1$/, 10_000],
      ['hangsSplit', 'HANG', 'timeout', /^no result after \d+\.\d s \(timeout 1\.0 s\)$/, 1000],
    ] as const) {
      it(`${op} (${word}): that document fails ${reason}, the rest is processed, and the pool keeps working`, async () => {
        const big = 'plain words on a line\n'.repeat(600) + `here comes ${word}\n` + 'plain words on a line\n'.repeat(600);
        const root = tree({ ...normalFiles(6), 'big.md': big });
        const e = engine({ concurrency: 2, timeoutMs, workerModules: [MISBEHAVING] });
        const options = { roots: [root], operations: [{ id: 'analyze' }, { id: op }], discover: { streamLarge: true }, read: { wholeThreshold: 1024, rangeBytes: 4096 } };
        const report = await e.run(options).done;
        assertAccounted(report, 7);
        const o = byName(report.outcomes, 'big.md')!;
        assert.equal(o.kind === 'failed' && o.reason, reason, JSON.stringify(o));
        assert.match(o.kind === 'failed' ? o.detail : '', detail);
        othersProcessed(report.outcomes, 'big.md');

        // Without the trigger the same file is analysed in ranges, and the operation's counts add up.
        const calm = big.replace(word, 'calm');
        fs.writeFileSync(path.join(root, 'big.md'), calm);
        const again = await e.run(options).done;
        assertAccounted(again, 7);
        const p = byName(again.outcomes, 'big.md')!;
        assert.equal(p.kind, 'processed', JSON.stringify(p));
        assert.deepEqual(p.kind === 'processed' && p.results[op], { characters: calm.length });
      });
    }
  });

  describe('the persisted cache', () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bom-faults-cache-'))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    for (const [name, damage] of [
      ['truncated', (t: string) => t.slice(0, Math.floor(t.length / 2))],
      ['corrupt', corruptBody],
      ['from a future version', (t: string) => t.replace(`"version":${CACHE_FORMAT_VERSION}`, `"version":${CACHE_FORMAT_VERSION + 1}`)],
      ] as const) {
      it(`a cache file that is ${name} is ignored with a warning, and the next save rebuilds it`, async () => {
        const root = tree(normalFiles(6));
        const file = path.join(dir, 'cache.json');
        const a = engine({ concurrency: 0 });
        await a.run({ roots: [root] }).done;
        a.cache.save(file);
        const saved = fs.readFileSync(file, 'utf8');
        const damaged = damage(saved);
        assert.notEqual(damaged, saved, 'the damage changed the file');
        fs.writeFileSync(file, damaged);

        const b = engine({ concurrency: 0 });
        const loaded = b.cache.load(file);
        assert.equal(loaded.loaded, 0);
        assert.match(loaded.warning ?? '', /ignored/);
        const cold = await b.run({ roots: [root] }).done;
        assert.deepEqual([cold.summary.counts.processed, cold.summary.counts.cached], [6, 0], 'nothing trusted from the damaged file');
        b.cache.save(file);

        const c = engine({ concurrency: 0 });
        assert.deepEqual(c.cache.load(file), { loaded: 6 });
        const warm = await c.run({ roots: [root] }).done;
        assert.deepEqual([warm.summary.counts.processed, warm.summary.counts.cached], [0, 6], 'the rebuilt file serves the next engine');
      });
    }

    it('a foreign file (not a cache file) at the cache path is ignored with a warning, and never saved over', () => {
      const file = path.join(dir, 'cache.json');
      const foreign = JSON.stringify({ format: 'something-else', version: CACHE_FORMAT_VERSION }) + '\n[]';
      fs.writeFileSync(file, foreign);
      const c = new ResultCache();
      assert.match(c.load(file).warning ?? '', /ignored: not a batch-ops cache file/);
      c.set('s', '/a', { size: 1, mtimeMs: 1, hash: 'h', results: {}, cost: 10 });
      const saved = c.save(file);
      assert.deepEqual([saved.kind, saved.kind === 'refused' && saved.reason], ['refused', 'not-a-cache-file']);
      assert.equal(fs.readFileSync(file, 'utf8'), foreign, 'the file is untouched');
      assert.equal(c.unsaved, true);
    });

    it('stale temporary files of a killed save are removed at the next save; a live process\'s recent one is not touched', () => {
      const file = path.join(dir, 'cache.json');
      const c = new ResultCache();
      c.set('s', '/a', { size: 1, mtimeMs: 1, hash: 'h', results: { analyze: { words: 1 } }, cost: 10 });
      c.save(file);
      const good = fs.readFileSync(file, 'utf8');
      const deadPid = 2 ** 22 + 12345; // above Linux's pid_max: no such process
      const dead = `${file}.${deadPid}.1764590000000.1.tmp`; // the name earlier versions gave
      const deadNew = path.join(dir, `.cache.json.${deadPid}.0a1b2c.tmp`);
      const live = path.join(dir, `.cache.json.${process.pid}.0d0e0f.tmp`);
      const old = path.join(dir, `.cache.json.${process.pid}.aaaaaa.tmp`);
      for (const t of [dead, deadNew, live, old]) fs.writeFileSync(t, good.slice(0, 40));
      const longAgo = new Date(Date.now() - 11 * 60 * 1000);
      fs.utimesSync(old, longAgo, longAgo);
      const d = new ResultCache();
      assert.deepEqual(d.load(file), { loaded: 1 }, 'leftovers do not affect loading');
      d.set('s', '/b', { size: 2, mtimeMs: 2, hash: 'h2', results: { analyze: { words: 2 } }, cost: 10 });
      assert.equal(d.save(file).kind, 'written');
      assert.deepEqual(new ResultCache().load(file), { loaded: 2 }, 'the target is complete');
      assert.deepEqual(fs.readdirSync(dir).filter((n) => n.endsWith('.tmp')), [path.basename(live)], 'dead and old leftovers removed; this save left none');
    });

    it('a read-only cache file is loaded but not replaced: the save is refused read-only and the mode kept', () => {
      const file = path.join(dir, 'cache.json');
      const c = new ResultCache();
      c.set('s', '/a', { size: 1, mtimeMs: 1, hash: 'h', results: {}, cost: 10 });
      c.save(file);
      fs.chmodSync(file, 0o444);
      const before = fs.readFileSync(file, 'utf8');
      const d = new ResultCache();
      assert.deepEqual(d.load(file), { loaded: 1 });
      d.set('s', '/b', { size: 2, mtimeMs: 2, hash: 'h2', results: {}, cost: 10 });
      const r = d.save(file);
      assert.deepEqual([r.kind, r.kind === 'refused' && r.reason], ['refused', 'read-only']);
      assert.equal(fs.readFileSync(file, 'utf8'), before);
      assert.equal(fs.statSync(file).mode & 0o777, 0o444);
    });

    it('a save keeps the mode of the file it replaces', () => {
      const file = path.join(dir, 'cache.json');
      const c = new ResultCache();
      c.set('s', '/a', { size: 1, mtimeMs: 1, hash: 'h', results: {}, cost: 10 });
      c.save(file);
      fs.chmodSync(file, 0o640);
      c.set('s', '/b', { size: 2, mtimeMs: 2, hash: 'h2', results: {}, cost: 10 });
      assert.equal(c.save(file).kind, 'written');
      assert.equal(fs.statSync(file).mode & 0o777, 0o640);
    });

    it('a save onto a folder is refused is-a-directory, leaves no temporary file and no partial target', () => {
      const file = path.join(dir, 'cache.json');
      fs.mkdirSync(file);
      fs.writeFileSync(path.join(file, 'keep'), 'x');
      const c = new ResultCache();
      c.set('s', '/a', { size: 1, mtimeMs: 1, hash: 'h', results: {}, cost: 10 });
      const r = c.save(file);
      assert.deepEqual([r.kind, r.kind === 'refused' && r.reason], ['refused', 'is-a-directory']);
      assert.deepEqual(fs.readdirSync(dir), ['cache.json']);
      assert.deepEqual(fs.readdirSync(file), ['keep']);
      assert.ok(fs.statSync(file).isDirectory());
    });
  });

  describe('run limits', function () {
    this.timeout(20_000);

    const checkLimited = (report: RunReport, limit: 'maxDocuments' | 'maxBytes', discovered: number) => {
      const { summary, outcomes } = report;
      assert.equal(summary.state, 'limited');
      assert.equal(summary.limit, limit);
      assert.equal(summary.accounted, true);
      assert.equal(summary.counts.discovered, discovered);
      assertAccounted(report, discovered);
      const rest = outcomes.filter((o) => o.kind !== 'processed' && o.kind !== 'cached');
      assert.ok(rest.length > 0, 'some documents were cut off');
      assert.deepEqual(
        rest.filter((o) => !(o.kind === 'skipped' && o.reason === 'limit-reached' && o.detail === `run limit ${limit} reached`)),
        [],
        'everything not processed is limit-reached, naming the limit',
      );
      assert.equal(summary.skippedByReason['limit-reached'], rest.length);
    };

    it('maxDocuments on worker threads ends the run limited; the rest is limit-reached', async () => {
      const root = tree(normalFiles(90));
      const e = engine({ concurrency: 2 });
      const run = e.run({ roots: [root], limits: { maxDocuments: 10 }, batchSize: 4 });
      const warnings: string[] = [];
      run.on('warning', (w) => warnings.push(w.message));
      const report = await run.done;
      checkLimited(report, 'maxDocuments', 90);
      assert.equal(report.summary.counts.processed, 10, 'a limit is a limit: no batch in flight goes past it');
      assert.deepEqual(warnings, ['run limit maxDocuments reached: stopping']);
    });

    it('maxDocuments 3 over 20 files with the default concurrency and batch size: exactly 3 processed, 17 limit-reached', async () => {
      const root = tree(normalFiles(20));
      const report = await engine({}).run({ roots: [root], limits: { maxDocuments: 3 } }).done;
      checkLimited(report, 'maxDocuments', 20);
      assert.equal(report.summary.counts.processed, 3);
      assert.equal(report.summary.skippedByReason['limit-reached'], 17);
    });

    it('maxBytes ends the run limited once that many bytes were settled', async () => {
      const spec: TreeSpec = {};
      for (let i = 0; i < 40; i++) spec[`f${String(i).padStart(2, '0')}.txt`] = 'word '.repeat(199) + 'ends\n'; // 1000 bytes
      const root = tree(spec);
      const report = await engine({ concurrency: 0 }).run({ roots: [root], limits: { maxBytes: 5000 }, batchSize: 1, prefetch: 0 }).done;
      checkLimited(report, 'maxBytes', 40);
      assert.equal(report.summary.counts.processed, 5);
      assert.equal(report.summary.bytes, 5000);
    });

    it('a limit reached by cache hits during discovery (warm run) still names the rest limit-reached, not cancelled', async () => {
      const root = tree(normalFiles(60));
      const e = engine({ concurrency: 2 });
      await e.run({ roots: [root] }).done;
      fs.writeFileSync(path.join(root, 'doc59.md'), 'changed content\n'); // one to queue; the rest are identity hits
      const report = await e.run({ roots: [root], limits: { maxDocuments: 5 } }).done;
      assert.equal(report.summary.state, 'limited');
      assert.equal(report.summary.limit, 'maxDocuments');
      assertAccounted(report, report.summary.counts.discovered);
      assert.equal(report.summary.skippedByReason.cancelled, undefined, JSON.stringify(report.summary.skippedByReason));
    });

    it('a limit reached by discovery-time skips alone ends the run limited', async () => {
      const spec: TreeSpec = { ...normalFiles(10) };
      for (let i = 0; i < 5; i++) spec[`a-bin${i}.bin`] = Buffer.from([0x89, 0x50, 0, 1, 2, 3, 0xff, 0xfe]);
      const root = tree(spec);
      const report = await engine({ concurrency: 0 }).run({ roots: [root], limits: { maxDocuments: 3 }, discover: { maxFileSize: 4 } }).done;
      assert.equal(report.summary.state, 'limited');
      assert.equal(report.summary.limit, 'maxDocuments');
      assertAccounted(report, report.summary.counts.discovered);
      assert.equal(report.summary.counts.processed, 0);
      assert.ok((report.summary.skippedByReason['too-large'] ?? 0) >= 3);
      assert.equal(report.summary.skippedByReason.cancelled, undefined);
    });
  });
});
