// The command line's default executor (engine/schedule/adaptive.ts) and the streaming
// side of the one write path.
import { HostExecutor } from '../../../../src/engine/host/host-executor';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { generatedOptions } from '../../../../src/engine/read/generated';
import { AdaptiveExecutor, POOL_AFTER_MS, worthThePool } from '../../../../src/engine/schedule/adaptive';
import type { WorkerPool } from '../../../../src/engine/schedule/executors';
import { InlineExecutor } from '../../../../src/engine/schedule/inline-executor';
import { DEFAULT_CHUNKER } from '../../../../src/engine/process/chunk';
import { DEFAULT_GENERATED } from '../../../../src/engine/read/generated';
import { DEFAULT_READ } from '../../../../src/engine/read/read';
import { Engine } from '../../../../src/engine/engine';
import { writeAtomic } from '../../../../src/engine/write/atomic-write';
import { makeTree, removeTree } from '../../../helpers/tree';

describe('adaptive executor (startInline)', () => {
  let root: string;
  before(() => {
    const spec: Record<string, string> = {};
    for (let i = 0; i < 200; i++) spec[`d${i % 5}/f${i}.md`] = `# Doc ${i}\n\nSome words here. TODO ${i}\n`;
    root = makeTree(spec);
  });
  after(() => removeTree(root));

  it('runs a small tree on the caller thread, with the results of a pooled run', async () => {
    const run = async (o: { startInline?: boolean; concurrency?: number }) => {
      const engine = new Engine(o);
      const report = await engine.run({ roots: [root], operations: [{ id: 'analyze' }] }).done;
      const inner = engine.executor instanceof HostExecutor ? engine.executor.inner : engine.executor;
      const pooled = inner instanceof AdaptiveExecutor ? inner.pooled : undefined;
      await engine.close();
      const results = report.outcomes.map((o) => [o.path, o.kind, o.kind === 'processed' ? JSON.stringify(o.results) : '']).sort();
      return { report, pooled, results };
    };
    const adaptive = await run({ startInline: true, concurrency: 2 });
    assert.equal(adaptive.pooled, false, 'no workers for 200 small files');
    assert.equal(adaptive.report.summary.counts.processed, 200);
    const pooled = await run({ concurrency: 2 });
    assert.deepEqual(adaptive.results, pooled.results);
    assert.deepEqual(adaptive.report.summary.operations, pooled.report.summary.operations);
    assert.equal(adaptive.report.findings.all().length, 200);
  });

  it('starts the pool when the waiting work is worth it', () => {
    const executor = new AdaptiveExecutor(2, () => {
      throw new Error('pool started');
    });
    executor.plan(100, true);
    assert.equal(executor.pooled, false);
    assert.throws(() => executor.plan(1_000_000, true), /pool started/);
  });

  it('judges the waiting work at the recent cost per document, with half the budget while the walk goes on', () => {
    // 400 documents at 3 ms are 1.2 s: inline, unless the walk may find more.
    assert.equal(worthThePool({ documents: 256, recentMsPerDocument: 3 }, 400, false), false);
    assert.equal(worthThePool({ documents: 256, recentMsPerDocument: 3 }, 400, true), true);
    assert.equal(worthThePool({ documents: 256, recentMsPerDocument: 3 }, POOL_AFTER_MS / 3 + 1, false), true);
    assert.equal(worthThePool({ documents: 256, recentMsPerDocument: 3 }, POOL_AFTER_MS / 3, false), false);
    // Too few documents measured to trust their cost: only a great many waiting start the pool.
    assert.equal(worthThePool({ documents: 63, recentMsPerDocument: 100 }, 10_000, false), false);
    assert.equal(worthThePool({ documents: 63, recentMsPerDocument: 0 }, 10_001, false), true);
    assert.equal(worthThePool({ documents: 64, recentMsPerDocument: 100 }, 16, false), true);
  });

  it('measures what a document costs recently, so the JIT warming up on the first ones does not start the pool', async () => {
    // The first 32 documents cost 10 ms of CPU each, the next 96 cost 1 ms.
    let now = 0;
    let calls = 0;
    const costs = [...Array.from({ length: 32 }, () => 10), ...Array.from({ length: 96 }, () => 1)];
    const inline = new InlineExecutor(undefined, () => {
      // Two readings per document: before (returns now) and after (advances by its cost).
      if (calls++ % 2 === 1) now += costs[(calls - 2) / 2]!;
      return now;
    });
    inline.configure([{ id: 'analyze' }], { read: DEFAULT_READ, chunk: { maxChars: 4096, overlap: 0 }, generated: generatedOptions({}) });
    const jobs = costs.map((_, i) => ({ path: `/virtual/d${i}.md`, root: '/virtual', size: 1, mtimeMs: 1, text: `doc ${i}` }));
    await inline.run(jobs);
    assert.equal(inline.spent.documents, 128);
    assert.equal(inline.spent.ms, 32 * 10 + 96);
    // The average is 3.25 ms; the recent cost is close to 1 ms (an average over about the last 32).
    assert.ok(inline.spent.recentMsPerDocument > 1 && inline.spent.recentMsPerDocument < 1.5, String(inline.spent.recentMsPerDocument));
    assert.equal(worthThePool(inline.spent, 600, false), false, '600 waiting at ~1 ms: inline');
    assert.equal(worthThePool({ documents: 128, recentMsPerDocument: inline.spent.ms / 128 }, 600, false), true, 'at the average they would start it');
  });

  // Regression: the HostExecutor that wraps every engine's executor (host operations)
  // did not pass plan() on, so the command line's default run never started its
  // workers: lint over tldr took 60 s on one thread with 2 cores.
  it('is planned through the engine (the host executor passes plan on)', () => {
    const engine = new Engine({ startInline: true, concurrency: 2 });
    const inner = engine.executor instanceof HostExecutor ? engine.executor.inner : engine.executor;
    assert.ok(inner instanceof AdaptiveExecutor);
    assert.equal(engine.executor.waitsForWalk?.(100), true, 'and passes waitsForWalk on');
    engine.executor.plan?.(1_000_000, true);
    assert.equal(inner.pooled, true, 'a million waiting documents start the pool');
    return engine.close();
  });
});

describe('adaptive executor: when the pool starts, and what goes to it', () => {
  const OPTIONS = { read: DEFAULT_READ, chunk: DEFAULT_CHUNKER, generated: DEFAULT_GENERATED };
  /** A stand-in pool that records what it is asked. */
  const fakePool = (log: string[]) =>
    ({
      configure: (ops: readonly { id: string }[]) => log.push(`configure ${ops.map((o) => o.id).join()}`),
      run: async () => (log.push('run'), { outcomes: [] }),
      stat: async () => (log.push('stat'), new Float64Array(2)),
      runRange: async () => (log.push('range'), { kind: 'hashed', hash: 'h' }),
      workerMemory: () => ({ threads: 2, heapUsed: 5 }),
      close: async () => void log.push('close'),
    }) as unknown as WorkerPool;
  const withSample = (ms: number, documents: number) => {
    let made = 0;
    const executor = new AdaptiveExecutor(2, () => (made++, fakePool([])));
    const spent = (executor as unknown as { inline: InlineExecutor }).inline.spent;
    spent.ms = ms;
    spent.documents = documents;
    spent.recentMsPerDocument = ms / documents;
    return { executor, made: () => made };
  };

  it('holds the first batch while the walk goes on, until it has found more than 10,000 documents or a document ran', () => {
    const { executor } = withSample(0, 0);
    assert.equal(executor.waitsForWalk(0), true);
    assert.equal(executor.waitsForWalk(10_000), true);
    assert.equal(executor.waitsForWalk(10_001), false, 'enough in sight: plan() starts the pool');
    executor.plan(10_001, true);
    assert.equal(executor.pooled, true, 'what ends the wait starts the pool');
    assert.equal(executor.waitsForWalk(0), false, 'the pool runs: nothing to wait for');
    const measured = withSample(1, 1).executor;
    assert.equal(measured.waitsForWalk(5), false, 'a document already ran on this thread: the choice was made');
  });

  it('after 64 documents, estimates the waiting work from their CPU time: 1.5 s, or half while the walk goes on', () => {
    const cases: [number, boolean, boolean][] = [
      [1500, false, false],
      [1501, false, true],
      [750, true, false],
      [751, true, true],
    ];
    for (const [waiting, walking, starts] of cases) {
      const { executor } = withSample(64, 64);
      executor.plan(waiting, walking);
      assert.equal(executor.pooled, starts, `${waiting} documents of 1 ms, walking ${walking}`);
    }
    const { executor } = withSample(128, 64);
    executor.plan(751, false);
    assert.equal(executor.pooled, true, '751 documents of 2 ms');
  });

  it('before 64 documents, starts the pool for more than 10,000 waiting, and plans no more once it runs', () => {
    const few = withSample(1000, 63);
    few.executor.plan(10_000, false);
    assert.equal(few.executor.pooled, false, 'the estimate is not trusted yet');
    few.executor.plan(10_001, false);
    assert.equal(few.executor.pooled, true);
    few.executor.plan(20_000, false);
    assert.equal(few.made(), 1);
  });

  it('configures the pool it starts, and sends it the runs, stats, ranges and close', async () => {
    const log: string[] = [];
    let made = 0;
    const executor = new AdaptiveExecutor(2, () => (made++, fakePool(log)));
    assert.deepEqual(executor.workerMemory(), { threads: 0, heapUsed: 0 });
    executor.configure([{ id: 'analyze' }], OPTIONS);
    assert.deepEqual(await executor.stat(['/no/such/file']), await new InlineExecutor().stat(['/no/such/file']));
    assert.deepEqual((await executor.run([])).outcomes, []);
    assert.equal(made, 0, 'stats and runs stay on the caller thread until the pool starts');
    assert.deepEqual(await executor.runRange({ path: '/big', size: 1, from: 0, to: 1, mode: 'hash', bom: 0 }), { kind: 'hashed', hash: 'h' });
    assert.equal(executor.pooled, true, 'a range starts the pool');
    executor.configure([{ id: 'lint' }], OPTIONS);
    await executor.run([]);
    await executor.stat(['/a']);
    await executor.runRange({ path: '/big', size: 1, from: 0, to: 1, mode: 'hash', bom: 0 });
    assert.deepEqual(executor.workerMemory(), { threads: 2, heapUsed: 5 });
    await executor.close();
    assert.deepEqual(log, ['configure analyze', 'range', 'configure lint', 'run', 'stat', 'range', 'close']);
    assert.equal(made, 1);
  });
});

describe('atomic write of a stream', () => {
  it('writes each piece before asking for the next, and leaves nothing behind when a piece throws', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bom-stream-write-'));
    try {
      const target = path.join(dir, 'report.json');
      const seen: number[] = [];
      function* pieces(): Generator<string> {
        for (let i = 0; i < 5; i++) {
          // The temporary file holds every earlier piece already.
          const tmp = fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));
          seen.push(tmp.length === 1 ? fs.statSync(path.join(dir, tmp[0]!)).size : -1);
          yield 'x'.repeat(1000);
        }
      }
      const written = writeAtomic({ kind: 'report', path: target, inputRoots: [], recognise: () => true }, pieces());
      assert.equal(written.kind, 'written');
      assert.deepEqual(seen, [0, 1000, 2000, 3000, 4000]);
      assert.equal(fs.statSync(target).size, 5000);
      function* failing(): Generator<string> {
        yield 'partial';
        throw new Error('no more');
      }
      const refused = writeAtomic({ kind: 'report', path: target, inputRoots: [], recognise: () => true }, failing());
      assert.equal(refused.kind, 'refused');
      assert.equal(fs.statSync(target).size, 5000, 'the earlier report is left as it was');
      assert.deepEqual(fs.readdirSync(dir), ['report.json']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
