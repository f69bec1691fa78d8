// The WorkerPool's own bookkeeping (engine/schedule/executors.ts), on worker threads
// that run a scripted stand-in for dist/worker.js (test/fixtures/workers/scripted.cjs):
// which thread gets a batch, what a stray or mismatched answer does, the watchdog,
// deaths, close. The real worker's processing is tested through the Engine.
import assert from 'node:assert/strict';
import { once } from 'node:events';
import * as path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { DEFAULT_CHUNKER } from '../../../../src/engine/process/chunk';
import type { DocJob } from '../../../../src/engine/process/job';
import { DEFAULT_GENERATED } from '../../../../src/engine/read/generated';
import { DEFAULT_READ } from '../../../../src/engine/read/read';
import { DEFAULT_TIMEOUT_MS, WorkerPool, type WorkerPoolOptions } from '../../../../src/engine/schedule/executors';
import { SETTINGS } from '../../../../src/settings/table';

const SCRIPTED = path.resolve(__dirname, '..', '..', '..', 'fixtures', 'workers', 'scripted.cjs');
const OPTIONS = { read: DEFAULT_READ, chunk: DEFAULT_CHUNKER, generated: DEFAULT_GENERATED };

interface SlotView {
  worker: Worker;
  pending: { id: number }[];
}

const job = (what: string): DocJob => ({ path: what, root: '/r', size: 1, mtimeMs: 0 });
const kinds = (outcomes: readonly { path: string; kind: string }[]) => outcomes.map((o) => `${o.path}:${o.kind}${o.kind === 'failed' ? `:${(o as unknown as { reason: string }).reason}` : ''}`);

describe('the worker pool (scripted workers)', function () {
  this.timeout(10_000);
  let pool: WorkerPool | undefined;
  const make = (options: Partial<WorkerPoolOptions> = {}) => (pool = new WorkerPool({ threads: 1, workerFile: SCRIPTED, ...options }));
  const slots = () => (pool as unknown as { slots: SlotView[] }).slots;
  afterEach(async () => {
    await pool?.close();
    pool = undefined;
  });

  it('has at least one thread; its default timeout is the timeoutSeconds setting', () => {
    assert.equal(make({ threads: 0 }).threads, 1);
    assert.equal(make({ threads: 3 }).threads, 3);
    assert.equal(DEFAULT_TIMEOUT_MS, SETTINGS.timeoutSeconds.default * 1000);
  });

  it('answers an empty batch at once, starting no thread', async () => {
    make();
    assert.deepEqual(await pool!.run([]), { outcomes: [] });
    assert.deepEqual(await pool!.stat([]), new Float64Array(0));
    assert.deepEqual(pool!.workerMemory(), { threads: 0, heapUsed: 0 });
  });

  it('tells each worker its priority and modules, and sends the configuration to every thread, old and new', async () => {
    make();
    const first = await pool!.run([job('ok')]);
    assert.deepEqual(first.folds, [true, [], ['batch']], 'lowered priority by default; no init before configure');
    pool!.configure([{ id: 'analyze' }], OPTIONS);
    const second = await pool!.run([job('ok')]);
    assert.deepEqual(second.folds, [true, [], ['batch', 'init', 'batch']], 'a live worker gets the configuration');
    await pool!.close();

    make({ lowerPriority: false, modules: ['/m/a.js'] });
    pool!.addModules(['/m/b.js', '/m/a.js']);
    pool!.addModules(['/m/c.js']);
    pool!.configure([{ id: 'analyze' }], OPTIONS);
    const fresh = await pool!.run([job('ok')]);
    assert.deepEqual(fresh.folds, [false, ['/m/a.js', '/m/b.js', '/m/c.js'], ['init', 'batch']], 'a new worker gets it first');
  });

  it('sends stats and ranges as their own messages and resolves each with its answer', async () => {
    make();
    assert.deepEqual(Array.from(await pool!.stat(['/a', '/b'])), [7, 7, 7, 7]);
    assert.deepEqual(await pool!.runRange({ path: '/big', size: 10, from: 4, to: 8, mode: 'map', bom: 0 }), { kind: 'hashed', hash: '/big:4' });
    assert.deepEqual(pool!.workerMemory(), { threads: 1, heapUsed: 3000 });
  });

  it('keeps the last heap figure when an answer has none, and adds up the threads', async () => {
    make({ threads: 2 });
    const held = pool!.run([job('hold')]);
    const other = pool!.run([job('ok')]);
    assert.equal(slots().length, 2);
    await other;
    const noheap = pool!.run([job('noheap')]);
    assert.deepEqual(slots().map((s) => s.pending.length), [1, 1]);
    await noheap;
    slots()[0]!.worker.postMessage({ type: 'release' });
    await held;
    assert.deepEqual(pool!.workerMemory(), { threads: 2, heapUsed: 2000 });
  });

  it('starts a thread only when none is idle, and gives work to the least busy one (the first on a tie)', async () => {
    make({ threads: 3 });
    const a = pool!.run([job('hold')]);
    const b = pool!.run([job('hold')]);
    assert.deepEqual(slots().map((s) => s.pending.length), [1, 1], 'a second thread for the second batch');
    const c = pool!.run([job('hold')]);
    assert.deepEqual(slots().map((s) => s.pending.length), [1, 1, 1]);
    const d = pool!.run([job('hold')]);
    assert.deepEqual(slots().map((s) => s.pending.length), [2, 1, 1], 'no fourth thread: the first of the least busy');
    slots()[1]!.worker.postMessage({ type: 'release' });
    await b;
    const e = pool!.run([job('hold')]);
    assert.deepEqual(slots().map((s) => s.pending.length), [2, 1, 1], 'the idle thread takes it; none is started');
    for (const s of slots()) s.worker.postMessage({ type: 'release' });
    await Promise.all([a, c, e]);
    slots()[0]!.worker.postMessage({ type: 'release' });
    await d;
  });

  it('ignores an answer to a batch it did not send', async () => {
    make();
    const result = await pool!.run([job('stray'), job('ok')]);
    assert.deepEqual(kinds(result.outcomes), ['stray:skipped', 'ok:skipped']);
    assert.deepEqual(pool!.workerMemory(), { threads: 1, heapUsed: 1000 });
  });

  it('rejects a batch answered with the wrong kind of message', async () => {
    make();
    await assert.rejects(pool!.run([job('wrong')]), /^Error: worker answered a 'batch' message with 'stats'$/);
  });

  for (const [what, detail] of [
    ['fatal', 'fake fatal'],
    ['exit', 'worker exited with code 3'],
    ['throw', 'worker error: fake throw'],
  ] as const) {
    it(`a worker that ends with '${what}' fails only the document it was on; the rest run on a fresh worker`, async () => {
      make();
      const result = await pool!.run([job('ok'), job(what), job('ok')]);
      assert.deepEqual(kinds(result.outcomes), ['ok:skipped', `${what}:failed:worker-crashed`, 'ok:skipped']);
      assert.equal((result.outcomes[1] as { detail: string }).detail, detail);
      assert.equal(slots().length, 1);
      assert.deepEqual(kinds((await pool!.run([job('ok')])).outcomes), ['ok:skipped'], 'the pool keeps working');
    });
  }

  it('the watchdog fails a document that runs past the timeout, and re-runs the rest', async () => {
    make({ timeoutMs: 200 });
    const result = await pool!.run([job('ok'), job('hang'), job('ok')]);
    assert.deepEqual(kinds(result.outcomes), ['ok:skipped', 'hang:failed:timeout', 'ok:skipped']);
    const detail = (result.outcomes[1] as { detail: string }).detail;
    const m = /^no result after (\d+\.\d) s \(timeout 0\.2 s\)$/.exec(detail);
    assert.ok(m, detail);
    assert.ok(Number(m[1]) >= 0.2 && Number(m[1]) < 1, `the watchdog looks every 50 ms: ${detail}`);
  });

  it('the watchdog does not time out a worker that has not started the batch yet', async () => {
    make({ timeoutMs: 100 });
    const idle = pool!.run([job('idle')]);
    const view = pool as unknown as { check(): void };
    const check = view.check.bind(pool);
    let ticks = 0;
    await new Promise<void>((resolve) => {
      view.check = () => {
        check();
        if (++ticks === 6) resolve();
      };
    });
    const worker = slots()[0]!.worker;
    worker.postMessage({ type: 'release' });
    assert.deepEqual(kinds((await idle).outcomes), ['idle:skipped']);
    assert.equal(slots()[0]!.worker, worker, 'answered by the worker it was sent to');
  });

  it('close() rejects what is pending, ends the threads, and refuses work after', async () => {
    make();
    const held = pool!.run([job('hold')]);
    const worker = slots()[0]!.worker;
    const exited = once(worker, 'exit');
    await pool!.close();
    assert.deepEqual(pool!.workerMemory(), { threads: 0, heapUsed: 0 }, 'no thread is started again for what was pending');
    await assert.rejects(held, /^Error: worker pool closed$/);
    await exited;
    await assert.rejects(pool!.run([job('ok')]), /^Error: worker pool is closed$/);
    await assert.rejects(pool!.stat(['/a']), /^Error: worker pool is closed$/);
    await assert.rejects(pool!.runRange({ path: '/a', size: 1, from: 0, to: 1, mode: 'hash', bom: 0 }), /^Error: worker pool is closed$/);
  });

  it('a worker that dies on its first document fails it; the rest, after it, run on a fresh worker', async () => {
    make();
    const result = await pool!.run([job('exit'), job('ok')]);
    assert.deepEqual(kinds(result.outcomes), ['exit:failed:worker-crashed', 'ok:skipped']);
  });

  it('a worker that dies with a batch, a range and a stat queued: the batch fails its document, the others run elsewhere', async () => {
    make();
    // All three are sent at once: the worker exits on the batch before it reads the others.
    const batch = pool!.run([job('exit'), job('ok')]);
    const range = pool!.runRange({ path: '/big', size: 10, from: 0, to: 5, mode: 'map', bom: 0 });
    const stat = pool!.stat(['/a']);
    assert.deepEqual(slots().map((s) => s.pending.length), [3]);
    assert.deepEqual(kinds((await batch).outcomes), ['exit:failed:worker-crashed', 'ok:skipped']);
    assert.deepEqual(await range, { kind: 'hashed', hash: '/big:0' });
    assert.deepEqual(Array.from(await stat), [7, 7]);
  });

  it('rejects a stat or a range answered with the wrong kind of message', async () => {
    make();
    await assert.rejects(pool!.stat(['wrong']), /^Error: worker answered a 'stat' message with 'ranged'$/);
    await assert.rejects(pool!.runRange({ path: 'wrong', size: 10, from: 0, to: 5, mode: 'map', bom: 0 }), /^Error: worker answered a 'range' message with 'done'$/);
  });

  it('starts another thread while one is idle only when none is', async () => {
    make({ threads: 3 });
    const a = pool!.run([job('hold')]);
    const b = pool!.run([job('ok')]);
    await b;
    const c = pool!.run([job('hold')]);
    assert.deepEqual(slots().map((s) => s.pending.length), [1, 1], 'the idle second thread takes it');
    for (const s of slots()) s.worker.postMessage({ type: 'release' });
    await Promise.all([a, c]);
  });

  it('a range whose worker dies on it fails with the reason', async () => {
    make();
    assert.deepEqual(await pool!.runRange({ path: 'exit', size: 10, from: 0, to: 5, mode: 'map', bom: 0 }), {
      kind: 'error',
      outcome: 'failed',
      reason: 'worker-crashed',
      detail: 'worker exited with code 3',
    });
  });

  it('a batch whose rest is re-run is rejected when the pool closes under it', async () => {
    make();
    const result = pool!.run([job('ok'), job('exit'), job('hold')]);
    const view = pool as unknown as { spawn(): SlotView };
    const spawn = view.spawn.bind(pool);
    await new Promise<void>((resolve) => {
      view.spawn = () => {
        const slot = spawn();
        if (slots().length === 0) setImmediate(resolve);
        return slot;
      };
    });
    await pool!.close();
    await assert.rejects(result, /^Error: worker pool closed$/);
  });

  it('gives up after threads + 3 workers died before answering anything: batches fail, stats reject, ranges fail', async () => {
    make({ threads: 1, workerFile: path.resolve(path.dirname(SCRIPTED), 'dies.cjs') });
    const view = pool as unknown as { spawn(): SlotView };
    const spawn = view.spawn.bind(pool);
    let spawned = 0;
    view.spawn = () => {
      spawned++;
      return spawn();
    };
    const given = 'worker exited with code 5; workers keep dying, giving up';
    const result = await pool!.run([job('a'), job('b')]);
    assert.deepEqual(kinds(result.outcomes), ['a:failed:worker-crashed', 'b:failed:worker-crashed']);
    assert.deepEqual(result.outcomes.map((o) => (o as { detail: string }).detail), [given, given]);
    assert.equal(spawned, 4);
    await assert.rejects(pool!.stat(['/a']), new Error(given));
    assert.deepEqual(await pool!.runRange({ path: '/big', size: 10, from: 0, to: 5, mode: 'map', bom: 0 }), { kind: 'error', outcome: 'failed', reason: 'worker-crashed', detail: given });
  });

  it('counts a worker that errs and then exits as one death', async () => {
    make({ threads: 1 });
    // An uncaught error is an 'error' and an 'exit' event: three such deaths are three, not six (more than threads + 2 gives up).
    const thrown = await pool!.run([job('throw'), job('throw'), job('throw'), job('ok')]);
    assert.deepEqual(kinds(thrown.outcomes), ['throw:failed:worker-crashed', 'throw:failed:worker-crashed', 'throw:failed:worker-crashed', 'ok:skipped']);
  });

  it('does not count the death of a worker that had answered among the fresh ones', async () => {
    make({ threads: 1 });
    // A worker that answered a batch is not a fresh one: with three fresh deaths after it, the pool still does not give up.
    await pool!.run([job('ok')]);
    const exits = await pool!.run([job('exit'), job('exit'), job('exit'), job('exit'), job('ok')]);
    assert.deepEqual(kinds(exits.outcomes), ['exit:failed:worker-crashed', 'exit:failed:worker-crashed', 'exit:failed:worker-crashed', 'exit:failed:worker-crashed', 'ok:skipped']);
    assert.ok(exits.outcomes.every((o) => !(o as { detail?: string }).detail?.includes('giving up')));
  });

  it('the watchdog times a batch from when the worker starts it, not from when the worker started', async () => {
    make({ timeoutMs: 150 });
    await pool!.run([job('ok')]);
    const view = pool as unknown as { check(): void };
    const check = view.check.bind(pool);
    let ticks = 0;
    let wake: (() => void) | undefined;
    view.check = () => {
      check();
      ticks++;
      wake?.();
    };
    const ticked = (n: number) => new Promise<void>((resolve) => (wake = () => ticks >= n && resolve()));
    await ticked(5); // 250 ms: the worker is older than the timeout
    const held = pool!.run([job('hold')]);
    const worker = slots()[0]!.worker;
    await ticked(ticks + 1);
    worker.postMessage({ type: 'release' });
    assert.deepEqual(kinds((await held).outcomes), ['hold:skipped']);
  });
});
