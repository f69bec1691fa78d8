// The token bucket on a fake clock: time moves only when the test says so.
import assert from 'node:assert/strict';
import { Engine } from '../../../../src/engine/engine';
import { TokenBucket, type Clock } from '../../../../src/engine/host/rate-limit';
import { makeTree, removeTree } from '../../../helpers/tree';

/** A clock whose time advances only through advance(); waits settle when their time is reached. */
class FakeClock implements Clock {
  private time = 0;
  private timers: { at: number; resolve: () => void }[] = [];
  now(): number {
    return this.time;
  }
  wait(ms: number, signal?: AbortSignal): Promise<void> {
    return new Promise((resolve, reject) => {
      const timer = { at: this.time + ms, resolve };
      this.timers.push(timer);
      signal?.addEventListener('abort', () => {
        this.timers = this.timers.filter((t) => t !== timer);
        reject(new Error('aborted'));
      });
    });
  }
  /** Moves time on, settling due waits in order, letting the promise chains run between them. */
  async advance(ms: number): Promise<void> {
    const end = this.time + ms;
    for (;;) {
      await settle();
      const due = this.timers.filter((t) => t.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      this.time = due.at;
      this.timers = this.timers.filter((t) => t !== due);
      due.resolve();
    }
    this.time = end;
    await settle();
  }
  get waiting(): number {
    return this.timers.length;
  }
}

const settle = async () => {
  for (let i = 0; i < 10; i++) await new Promise<void>((resolve) => setImmediate(resolve));
};

describe('the token bucket', () => {
  it('lets `rate` takes a second through, the first at once, the next as tokens accrue', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(4, 1, clock);
    const at: number[] = [];
    const all = Promise.all([0, 1, 2, 3, 4].map(() => bucket.take().then(() => at.push(clock.now()))));
    await clock.advance(0);
    assert.deepEqual(at, [0]);
    await clock.advance(249);
    assert.deepEqual(at, [0], 'not before 250 ms');
    await clock.advance(1);
    assert.deepEqual(at, [0, 250]);
    await clock.advance(750);
    await all;
    assert.deepEqual(at, [0, 250, 500, 750, 1000]);
  });

  it('saves up to `burst` tokens while idle, no more', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(2, 3, clock);
    await clock.advance(10_000);
    const at: number[] = [];
    const all = Promise.all([0, 1, 2, 3].map(() => bucket.take().then(() => at.push(clock.now()))));
    await clock.advance(0);
    assert.deepEqual(at, [10_000, 10_000, 10_000]);
    await clock.advance(500);
    await all;
    assert.deepEqual(at, [10_000, 10_000, 10_000, 10_500]);
  });

  it('an aborted take rejects, takes no token and does not hold up the next caller', async () => {
    const clock = new FakeClock();
    const bucket = new TokenBucket(1, 1, clock);
    await bucket.take();
    const abort = new AbortController();
    const cancelled = bucket.take(abort.signal);
    const next = bucket.take();
    let nextAt = -1;
    void next.then(() => (nextAt = clock.now()));
    await clock.advance(100);
    abort.abort();
    await assert.rejects(cancelled);
    await clock.advance(900);
    assert.equal(nextAt, 1000);
  });
});

describe('a host operation with a rate limit', () => {
  it('starts its calls no faster than requestsPerSecond, across documents', async () => {
    const root = makeTree({ 'a.md': 'a\n', 'b.md': 'b\n', 'c.md': 'c\n' });
    const clock = new FakeClock();
    const engine = new Engine({ concurrency: 0, host: { clock } });
    try {
      const started: number[] = [];
      engine.addHostOperation({ id: 'limited', version: 1, concurrency: 10, requestsPerSecond: 2, run: async () => (started.push(clock.now()), {}) });
      const done = engine.run({ roots: [root], operations: [{ id: 'limited' }] }).done;
      while (started.length < 1) await settle();
      // The next document's call waits on the bucket only once its file is read (real I/O, any
      // number of turns later): time moves on after it waits, or it would start late and fail.
      while (clock.waiting < 1) await settle();
      await clock.advance(499);
      assert.equal(started.length, 1);
      await clock.advance(1);
      assert.equal(started.length, 2);
      while (clock.waiting < 1) await settle(); // the third document's call, likewise
      await clock.advance(500);
      const { summary } = await done;
      assert.deepEqual(started, [0, 500, 1000]);
      assert.equal(summary.counts.processed, 3);
    } finally {
      await engine.close();
      removeTree(root);
    }
  });
});
