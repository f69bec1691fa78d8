import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../../../../src/engine/engine';
import type { DiscoveryItem } from '../../../../src/engine/discover/discover';
import { BatchRun } from '../../../../src/engine/run/run';
import type { Executor } from '../../../../src/engine/schedule/executors';
import { InlineExecutor } from '../../../../src/engine/schedule/inline-executor';
import type { Outcome } from '../../../../src/engine/types';
import type { AnalyzeResult } from '../../../../src/operations/analyze';
import { makeTree, removeTree } from '../../../helpers/tree';

const words = (o: Outcome | undefined) => (o && (o.kind === 'processed' || o.kind === 'cached') ? (o.results.analyze as AnalyzeResult).words : undefined);
const byName = (outcomes: readonly Outcome[], name: string) => outcomes.find((o) => path.basename(o.path) === name);

function manyFiles(n: number): Record<string, string> {
  const spec: Record<string, string> = {};
  for (let i = 0; i < n; i++) spec[`d${i % 10}/f${String(i).padStart(4, '0')}.md`] = `# File ${i}\n\nSome words here, number ${i}. TODO check\n`;
  return spec;
}

describe('a batch run', function () {
  let root: string;
  let engines: Engine[] = [];
  const engine = (o: ConstructorParameters<typeof Engine>[0] = {}) => {
    const e = new Engine({ concurrency: 2, ...o });
    engines.push(e);
    return e;
  };
  afterEach(async () => {
    await Promise.all(engines.map((e) => e.close()));
    engines = [];
    if (root) removeTree(root);
  });

  it('accounts for every discovered document exactly once, with specific reasons (worker threads)', async () => {
    root = makeTree({
      'a.md': 'one two three\n',
      'b.txt': 'four five\n',
      'img.png': Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d]),
      'big.md': 'x'.repeat(2048),
      'sub/c.md': 'six\n',
    });
    fs.symlinkSync('.', path.join(root, 'sub', 'loop'));
    const e = engine();
    const run = e.run({ roots: [root], discover: { maxFileSize: 1024 } });
    const seen: Outcome[] = [];
    run.on('document', (o) => seen.push(o));
    const { summary, outcomes } = await run.done;
    assert.equal(summary.accounted, true);
    assert.deepEqual(summary.counts, { discovered: 6, queued: 0, processed: 3, cached: 0, skipped: 3, failed: 0 });
    assert.deepEqual(summary.skippedByReason, { binary: 1, 'too-large': 1, 'symlink-loop': 1 });
    assert.equal(new Set(outcomes.map((o) => o.path)).size, 6, 'each document once');
    assert.deepEqual(seen, outcomes, 'every outcome was also an event');
    assert.equal(words(byName(outcomes, 'a.md')), 3);
    assert.equal((summary.operations.analyze as { words: number }).words, 6);
  });

  it('a file the walk did not stat is measured by its worker: too-large with its real size and mtime, the rest with theirs', async () => {
    root = makeTree({ 'a.md': 'one two\n', 'big.md': 'x'.repeat(3 * 1024 + 300) });
    const { outcomes } = await engine().run({ roots: [root], discover: { maxFileSize: 2 * 1024 } }).done;
    const big = byName(outcomes, 'big.md')!;
    const st = fs.statSync(path.join(root, 'big.md'));
    assert.deepEqual(
      big.kind === 'skipped' && { reason: big.reason, detail: big.detail, size: big.size, mtimeMs: big.mtimeMs },
      { reason: 'too-large', detail: 'size 3.3 KiB exceeds the 2 KiB limit', size: st.size, mtimeMs: st.mtimeMs },
    );
    const a = byName(outcomes, 'a.md')!;
    assert.deepEqual([a.kind, a.size, a.mtimeMs], ['processed', 8, fs.statSync(path.join(root, 'a.md')).mtimeMs]);
  });

  it('a second run over unchanged files is served from the cache without reading; a touched file by its content hash', async () => {
    root = makeTree({ 'a.md': 'alpha beta\n', 'b.md': 'gamma\n', 'c.md': 'delta\n' });
    const e = engine();
    const first = await e.run({ roots: [root] }).done;
    assert.equal(first.summary.counts.processed, 3);
    assert.deepEqual([first.summary.cache.hits, first.summary.cache.misses], [0, 3], 'each cold document is a miss');

    const second = await e.run({ roots: [root] }).done;
    assert.deepEqual([second.summary.counts.processed, second.summary.counts.cached], [0, 3]);
    assert.ok(second.outcomes.every((o) => o.kind === 'cached' && o.via === 'identity'));
    assert.equal(second.summary.cache.hitRate, 1);

    const later = new Date(Date.now() + 5000);
    fs.utimesSync(path.join(root, 'a.md'), later, later); // same content, new identity
    fs.writeFileSync(path.join(root, 'b.md'), 'gamma epsilon zeta\n'); // new content
    const third = await e.run({ roots: [root] }).done;
    const a = byName(third.outcomes, 'a.md')!;
    const b = byName(third.outcomes, 'b.md')!;
    assert.equal(a.kind === 'cached' && a.via, 'content');
    assert.equal(b.kind, 'processed');
    assert.equal(words(b), 3);
    assert.equal(third.summary.accounted, true);
    assert.deepEqual([third.summary.cache.hits, third.summary.cache.misses], [2, 1], 'a (by content) and c hit, b missed');
  });

  it('an executor that waits for the walk gets its first batch only when the walk has ended', async () => {
    // Discovery in three pieces, the event loop turning between them: without the wait, the first batch left after the first piece.
    const files = Array.from({ length: 3 }, (_, k) => Array.from({ length: 100 }, (_, i) => ({ path: `/v/${k}/${i}.md`, root: '/v', size: 5, mtimeMs: 1, seq: k * 100 + i })));
    async function* source(): AsyncGenerator<DiscoveryItem[]> {
      for (const piece of files) {
        yield piece.map((candidate) => ({ type: 'file' as const, candidate }));
        await new Promise<void>((resolve) => setImmediate(resolve));
      }
    }
    const overrides = new Map(files.flat().map((c) => [c.path, 'words here\n']));
    const seen: { waiting: number; discoveryDone: boolean }[] = [];
    let asked = 0;
    const inline = new InlineExecutor();
    const executor: Executor = {
      threads: 0,
      configure: (ops, options) => inline.configure(ops, options),
      run: (jobs) => (seen.push({ waiting: jobs.length, discoveryDone: run.progress().discoveryDone }), inline.run(jobs)),
      stat: (paths) => inline.stat(paths),
      runRange: (job) => inline.runRange(job),
      waitsForWalk: () => (asked++, true),
      close: () => inline.close(),
    };
    const run = new BatchRun({ roots: ['/v'], source: source(), overrides }, { executor });
    const report = await run.done;
    assert.equal(report.summary.counts.processed, 300);
    assert.ok(asked > 0, 'the executor was asked');
    assert.equal(seen[0]!.discoveryDone, true, 'no batch while the walk went on');
  });

  it('a run without the result cache neither looks results up nor keeps its own, and still reports them', async () => {
    root = makeTree({ 'a.md': 'alpha beta\n', 'b.md': 'gamma\n' });
    const e = engine();
    await e.run({ roots: [root] }).done;
    const kept = e.cache.stats().entries;
    assert.equal(kept, 2, 'a run with the cache keeps its results');
    const without = await e.run({ roots: [root], resultCache: false }).done;
    assert.deepEqual([without.summary.counts.processed, without.summary.counts.cached], [2, 0], 'nothing looked up: both read again');
    assert.deepEqual([without.summary.cache.hits, without.summary.cache.misses], [0, 0]);
    assert.equal(words(byName(without.outcomes, 'a.md')), 2);
    assert.equal(without.entries?.filter((x) => x !== undefined).length, 2, 'the report still gets each document\'s results as text');
    assert.equal(e.cache.stats().entries, kept, 'nothing new kept');
    e.cache.clear();
    await e.run({ roots: [root], resultCache: false }).done;
    assert.equal(e.cache.stats().entries, 0, 'nothing kept at all');
  });

  it('a run started while the cache loads in slices waits for it, and is served from it', async () => {
    root = makeTree(manyFiles(40));
    const file = path.join(root, '..', `${path.basename(root)}-cache.json`);
    try {
      const first = engine();
      await first.run({ roots: [root] }).done;
      first.cache.save(file);
      const e = engine();
      void e.cache.loadSliced(file, 0);
      const { summary } = await e.run({ roots: [root] }).done;
      assert.equal(e.cache.loading, undefined);
      assert.deepEqual([summary.counts.cached, summary.counts.processed], [40, 0]);
    } finally {
      fs.rmSync(file, { force: true });
    }
  });

  it('judges a warm run in slices: the event loop turns inside a group of identity answers, even with slow listeners', async () => {
    root = makeTree(manyFiles(1200));
    const e = engine();
    await e.run({ roots: [root] }).done;
    const run = e.run({ roots: [root] });
    // A turn counter driven by setImmediate, and a listener that costs 0.1 ms a document (an editor's views).
    let turn = 0;
    let ticking = true;
    const tick = () => {
      turn++;
      if (ticking) setImmediate(tick);
    };
    setImmediate(tick);
    const perTurn = new Map<number, number>();
    run.on('document', () => {
      perTurn.set(turn, (perTurn.get(turn) ?? 0) + 1);
      const until = performance.now() + 0.1;
      while (performance.now() < until) {
        /* a slow listener */
      }
    });
    const { summary } = await run.done;
    ticking = false;
    assert.equal(summary.counts.cached, 1200);
    // Judged on arrival, a group of 512 answers settled in one turn (51 ms of listeners); in 8 ms slices, about 80.
    assert.ok(Math.max(...perTurn.values()) < 400, `at most ${Math.max(...perTurn.values())} documents in one turn`);
  });

  it('a document listener that throws while identities are judged is reported, and the run still ends', async () => {
    root = makeTree(manyFiles(30));
    const e = engine();
    await e.run({ roots: [root] }).done;
    const run = e.run({ roots: [root] });
    const warnings: string[] = [];
    run.on('warning', (w) => warnings.push(w.message));
    run.on('document', () => {
      throw new Error('listener broke');
    });
    const { summary } = await run.done;
    assert.ok(warnings.some((w) => /identity checks stopped: listener broke/.test(w)), warnings.join('; '));
    assert.equal(summary.state, 'finished');
  });

  it('checks cached identities on the executor, not on the engine thread; without the executor the run stats them itself', async () => {
    root = makeTree({ 'a.md': 'alpha beta\n', 'b.md': 'gamma\n' });
    const e = engine();
    await e.run({ roots: [root] }).done;
    const asked: string[][] = [];
    const stat = e.executor.stat.bind(e.executor);
    e.executor.stat = (paths) => {
      asked.push([...paths]);
      return stat(paths);
    };
    const second = await e.run({ roots: [root] }).done;
    assert.deepEqual(asked.flat().map((p) => path.basename(p)).sort(), ['a.md', 'b.md']);
    assert.deepEqual([second.summary.counts.cached, second.summary.counts.processed], [2, 0]);

    // A worker pool that cannot answer: the same verdicts, statted on the engine's thread.
    e.executor.stat = () => Promise.reject(new Error('pool closed'));
    fs.writeFileSync(path.join(root, 'b.md'), 'gamma epsilon\n');
    const third = await e.run({ roots: [root] }).done;
    assert.equal(byName(third.outcomes, 'a.md')!.kind, 'cached');
    assert.equal(byName(third.outcomes, 'b.md')!.kind, 'processed');
    assert.equal(words(byName(third.outcomes, 'b.md')), 2);
  });

  it('a headless run (outcomes neither kept nor heard), cold or warm, counts and summarises like any other', async () => {
    root = makeTree({ 'a.md': 'alpha beta\n', 'b.md': 'gamma\n', 'c.md': 'TODO delta epsilon\n' });
    const e = engine();
    const cold = await e.run({ roots: [root] }).done;
    const coldHeadless = await engine().run({ roots: [root], keepOutcomes: false }).done;
    assert.deepEqual([coldHeadless.summary.counts.processed, coldHeadless.summary.bytes], [3, cold.summary.bytes]);
    assert.deepEqual(coldHeadless.summary.operations, cold.summary.operations);
    const headless = await e.run({ roots: [root], keepOutcomes: false }).done;
    assert.deepEqual([headless.summary.counts.cached, headless.outcomes.length, headless.summary.bytes], [3, 0, cold.summary.bytes]);
    assert.deepEqual(headless.summary.operations, cold.summary.operations);
    const heard: Outcome[] = [];
    const run = e.run({ roots: [root], keepOutcomes: false });
    run.on('document', (o) => heard.push(o));
    await run.done;
    assert.deepEqual(heard.map((o) => [path.basename(o.path), o.kind, words(o)]).sort(), [['a.md', 'cached', 2], ['b.md', 'cached', 1], ['c.md', 'cached', 3]]);
  });

  it('a cached file that vanishes between the walk and its identity check fails vanished', async () => {
    root = makeTree({ 'a.md': 'alpha beta\n', 'b.md': 'gamma\n' });
    const e = engine();
    await e.run({ roots: [root] }).done;
    const stat = e.executor.stat.bind(e.executor);
    e.executor.stat = (paths) => {
      fs.rmSync(path.join(root, 'b.md')); // listed by the walk, gone before its stat
      return stat(paths);
    };
    const second = await e.run({ roots: [root] }).done;
    assert.equal(second.summary.accounted, true);
    const b = byName(second.outcomes, 'b.md')!;
    assert.equal(b.kind === 'failed' && b.reason, 'vanished', JSON.stringify(b));
    assert.equal(byName(second.outcomes, 'a.md')!.kind, 'cached');
  });

  it('cancels mid-run: the rest is accounted as cancelled and the run ends', async () => {
    root = makeTree(manyFiles(300));
    const e = engine({ concurrency: 1 });
    const controller = new AbortController();
    const run = e.run({ roots: [root], signal: controller.signal, batchSize: 4, prefetch: 0 });
    run.once('document', () => controller.abort());
    const { summary } = await run.done;
    assert.equal(summary.state, 'cancelled');
    assert.equal(summary.accounted, true);
    assert.ok((summary.skippedByReason.cancelled ?? 0) > 0, 'some documents were cut off');
    assert.ok(summary.counts.processed < 300);
  });

  it('pauses and resumes: nothing new is dispatched while paused', async () => {
    root = makeTree(manyFiles(120));
    const e = engine({ concurrency: 0 });
    const run = e.run({ roots: [root], batchSize: 2, prefetch: 0 });
    let settled = 0;
    run.on('document', () => settled++);
    await new Promise<void>((resolve) => run.once('document', () => resolve()));
    run.pause();
    assert.equal(run.currentState, 'paused');
    const atPause = settled;
    // Let the event loop turn many times: the batch in flight (two documents) may finish, at
    // any turn (its reads are real I/O), and nothing else may start. Checked once at the end,
    // not as "no change between turn 50 and 70", which a slow read would break.
    for (let i = 0; i < 70; i++) await new Promise((r) => setImmediate(r));
    assert.ok(settled <= atPause + 2, `settled ${settled} after pausing at ${atPause}`);
    assert.equal(run.currentState, 'paused');
    run.resume();
    const { summary } = await run.done;
    assert.equal(summary.state, 'finished');
    assert.equal(summary.counts.processed, 120);
  });

  it('processes higher priorities first and honours a bump during the run', async () => {
    root = makeTree(manyFiles(40));
    const e = engine({ concurrency: 0 });
    const order: string[] = [];
    const run = e.run({
      roots: [root],
      // The whole walk in one hand-over: this test is about the order of a full queue and a bump
      // (on a loaded machine an 8 ms slice could hand over d1's f0021 before the walk reaches d3's f0033;
      // a walk that hands over other folders first is the next test's case).
      discover: { sliceMs: 60_000 },
      batchSize: 1,
      prefetch: 0,
      priority: (p) => (p.endsWith('f0033.md') ? 2 : p.endsWith('f0021.md') ? 1 : 0),
    });
    run.on('document', (o) => {
      order.push(path.basename(o.path));
      if (order.length === 3) run.bump(path.join(root, 'd9', 'f0039.md'), 5);
    });
    await run.done;
    assert.deepEqual(order.slice(0, 2), ['f0033.md', 'f0021.md']);
    assert.equal(order[3], 'f0039.md', 'the bumped file comes next');
  });

  it('puts a prioritised document first even when the walk yields other folders before reaching it', async () => {
    root = makeTree({ ...manyFiles(30), 'z/late.md': 'the open editor\n' });
    const late = path.join(root, 'z', 'late.md');
    const order: string[] = [];
    // sliceMs 0: the walk hands over every folder as it goes, as a slow walk does.
    const run = engine({ concurrency: 1 }).run({ roots: [path.join(root, 'd0'), path.join(root, 'd1'), path.join(root, 'z')], discover: { sliceMs: 0 }, priority: (p) => (p === late ? 1 : 0) });
    run.on('document', (o) => order.push(o.path));
    await run.done;
    assert.equal(order[0], late, `order: ${order.map((p) => path.basename(p)).join(', ')}`);
    assert.equal(order.length, 7);
  });

  it('analyses an unsaved buffer instead of the disk content, and does not cache it', async () => {
    root = makeTree({ 'a.md': 'disk words here\n', 'b.md': 'other\n' });
    const e = engine();
    const file = path.join(root, 'a.md');
    const { outcomes } = await e.run({ roots: [root], overrides: new Map([[file, 'memory text with five words']]) }).done;
    const a = byName(outcomes, 'a.md')!;
    assert.equal(a.kind === 'processed' && a.source, 'memory');
    assert.equal(words(a), 5);
    assert.equal(a.mtimeMs, fs.statSync(file).mtimeMs, "the outcome names the file's mtime");
    const again = await e.run({ roots: [root] }).done;
    const a2 = byName(again.outcomes, 'a.md')!;
    assert.equal(a2.kind, 'processed', 'the buffer result was not cached under the disk identity');
    assert.equal(words(a2), 3);
  });

  it('has at most threads x (1 + prefetch) batches on the executor at once, and uses them all', async () => {
    root = makeTree(manyFiles(40));
    for (const prefetch of [0, 1, 2]) {
      const e = engine({ concurrency: 0 });
      const executor = e.executor;
      const run = executor.run.bind(executor);
      let active = 0;
      let most = 0;
      executor.run = async (jobs, control) => {
        most = Math.max(most, ++active);
        try {
          await new Promise((resolve) => setTimeout(resolve, 2));
          return await run(jobs, control);
        } finally {
          active--;
        }
      };
      const { summary } = await e.run({ roots: [root], batchSize: 1, prefetch }).done;
      assert.equal(summary.counts.processed, 40);
      assert.equal(most, 1 + prefetch, `prefetch ${prefetch}`);
    }
  });

  it('ends cleanly at a document limit, naming it', async () => {
    root = makeTree(manyFiles(50));
    const e = engine({ concurrency: 0 });
    const { summary } = await e.run({ roots: [root], limits: { maxDocuments: 5 }, batchSize: 1, prefetch: 0 }).done;
    assert.equal(summary.state, 'limited');
    assert.equal(summary.limit, 'maxDocuments');
    assert.equal(summary.accounted, true);
    assert.ok(summary.counts.processed >= 5 && summary.counts.processed < 50);
    assert.equal(summary.counts.discovered, summary.counts.processed + (summary.skippedByReason['limit-reached'] ?? 0));
  });

  it('ends cleanly when the outcomes kept for the report reach their cap', async () => {
    root = makeTree(manyFiles(60));
    const e = engine({ concurrency: 0 });
    const { summary, outcomes } = await e.run({ roots: [root], limits: { maxResults: 10 }, batchSize: 1, prefetch: 0 }).done;
    assert.equal(summary.state, 'limited');
    assert.equal(summary.limit, 'maxResults');
    assert.equal(summary.accounted, true);
    assert.ok(outcomes.filter((o) => o.kind === 'processed').length <= 11);
  });

  it('emits started, progress and finished, and refuses a second concurrent run on one engine', async () => {
    root = makeTree(manyFiles(20));
    const e = engine();
    const run = e.run({ roots: [root], progressIntervalMs: 1 });
    assert.throws(() => e.run({ roots: [root] }), /already in progress/);
    const events: string[] = [];
    run.on('started', () => events.push('started'));
    run.on('progress', () => events.includes('progress') || events.push('progress'));
    run.on('finished', () => events.push('finished'));
    const { summary } = await run.done;
    assert.deepEqual(events, ['started', 'progress', 'finished']);
    assert.equal(summary.counts.processed, 20);
  });
});

describe('the worker pool', () => {
  it('starts workers as work needs them: one document, one worker', async () => {
    const { WorkerPool } = await import('../../../../src/engine/schedule/executors');
    const { DEFAULT_READ } = await import('../../../../src/engine/read/read');
    const { DEFAULT_CHUNKER } = await import('../../../../src/engine/process/chunk');
    const { DEFAULT_GENERATED } = await import('../../../../src/engine/read/generated');
    const root = makeTree({ 'a.md': 'one two\n', 'b.md': 'three\n' });
    const pool = new WorkerPool({ threads: 4 });
    try {
      pool.configure([{ id: 'analyze' }], { read: DEFAULT_READ, chunk: DEFAULT_CHUNKER, generated: DEFAULT_GENERATED });
      const job = (name: string) => ({ path: path.join(root, name), root, size: fs.statSync(path.join(root, name)).size, mtimeMs: 0 });
      const { outcomes: [first], folds } = await pool.run([job('a.md')]);
      assert.ok(first);
      assert.equal(first.kind, 'processed');
      // Results come back as JSON text, one per operation, and the batch's summary already folded.
      assert.deepEqual(first.kind === 'processed' && first.ids, ['analyze']);
      assert.equal(first.kind === 'processed' && (JSON.parse(first.parts[0]!) as { words: number }).words, 2);
      assert.deepEqual(folds && { documents: (folds[0] as { documents: number }).documents, words: (folds[0] as { words: number }).words }, { documents: 1, words: 2 });
      assert.equal((pool as unknown as { slots: unknown[] }).slots.length, 1, 'an idle worker is reused');
      await Promise.all([pool.run([job('a.md')]), pool.run([job('b.md')])]);
      assert.equal((pool as unknown as { slots: unknown[] }).slots.length, 2, 'a second worker only when the first is busy');
    } finally {
      await pool.close();
      removeTree(root);
    }
  });

  it('stats paths on a worker: size and mtime of regular files, UNSTATED for a folder and a missing path', async () => {
    const { WorkerPool } = await import('../../../../src/engine/schedule/executors');
    const { UNSTATED } = await import('../../../../src/engine/types');
    const root = makeTree({ 'a.md': 'one two\n', 'sub/b.md': 'x' });
    const pool = new WorkerPool({ threads: 1 });
    try {
      const a = fs.statSync(path.join(root, 'a.md'));
      const stats = await pool.stat([path.join(root, 'a.md'), path.join(root, 'sub'), path.join(root, 'gone.md')]);
      assert.deepEqual([...stats], [a.size, a.mtimeMs, UNSTATED, UNSTATED, UNSTATED, UNSTATED]);
    } finally {
      await pool.close();
      removeTree(root);
    }
  });
});
