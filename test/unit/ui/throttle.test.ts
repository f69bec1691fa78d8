// The views' refresh throttle (src/ui/throttle.ts has no editor dependency).
import assert from 'node:assert/strict';
import { RESULTS_REFRESH_MAX_MS, RESULTS_REFRESH_MIN_MS, resultsRefreshMs } from '../../../src/ui/decisions/resultsRefresh';
import { Throttle, type ThrottleClock } from '../../../src/ui/throttle';

describe('Throttle', () => {
  it('fires at once, then coalesces calls into one trailing call per interval', () => {
    const clock = new ManualClock();
    let calls = 0;
    const t = new Throttle(40, () => calls++, clock);
    t.schedule();
    assert.equal(calls, 1);
    for (let i = 0; i < 50; i++) t.schedule();
    assert.equal(calls, 1);
    clock.advance(39);
    assert.equal(calls, 1);
    clock.advance(1);
    assert.equal(calls, 2, 'one trailing call for the 50');
    clock.advance(200);
    assert.equal(calls, 2, 'no call without a schedule');
    t.dispose();
  });

  it('flush runs now and drops the pending call', () => {
    const clock = new ManualClock();
    let calls = 0;
    const t = new Throttle(40, () => calls++, clock);
    t.schedule();
    t.schedule();
    t.flush();
    assert.equal(calls, 2);
    clock.advance(200);
    assert.equal(calls, 2);
    t.dispose();
  });

  it('runs on the real clock by default', async () => {
    let calls = 0;
    let second!: () => void;
    const trailing = new Promise<void>((resolve) => (second = resolve));
    const t = new Throttle(1, () => {
      if (++calls === 2) second();
    });
    t.schedule();
    t.schedule();
    await trailing; // the trailing call itself, not a fixed sleep
    assert.equal(calls, 2);
    t.dispose();
  });
});

/** A clock the test moves by hand: timers run when `advance` passes their time. */
class ManualClock implements ThrottleClock {
  private t = 1_000_000; // far from the epoch, as Date.now() is
  private timers: { at: number; fn: () => void; id: number }[] = [];
  private ids = 0;
  now(): number {
    return this.t;
  }
  setTimeout(fn: () => void, ms: number): unknown {
    const id = ++this.ids;
    this.timers.push({ at: this.t + ms, fn, id });
    return id;
  }
  clearTimeout(id: unknown): void {
    this.timers = this.timers.filter((x) => x.id !== id);
  }
  advance(ms: number): void {
    const end = this.t + ms;
    for (;;) {
      const next = this.timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!next) break;
      this.timers = this.timers.filter((x) => x !== next);
      this.t = next.at;
      next.fn();
    }
    this.t = end;
  }
}

describe('Throttle with an interval that grows (the Results view over a growing tree)', () => {
  it('asks the interval each time: the trailing call waits as long as the interval says then', () => {
    const clock = new ManualClock();
    let documents = 0;
    let calls = 0;
    const t = new Throttle(() => resultsRefreshMs(documents), () => calls++, clock);
    t.schedule();
    assert.equal(calls, 1, 'the first call at once');
    documents = 5_000; // 1,500 ms from now on
    t.schedule();
    clock.advance(249);
    assert.equal(calls, 1);
    clock.advance(1); // the timer set with the first interval (250 ms) ends now
    assert.equal(calls, 2, 'the trailing call');
    t.schedule();
    clock.advance(1_499);
    assert.equal(calls, 2, 'the next waits the grown interval');
    clock.advance(1);
    assert.equal(calls, 3);
    t.dispose();
  });
});

describe('resultsRefreshMs', () => {
  it('is 250 ms up to 999 documents, a step more per thousand, at most 2 s', () => {
    assert.equal(resultsRefreshMs(0), RESULTS_REFRESH_MIN_MS);
    assert.equal(resultsRefreshMs(999), 250);
    assert.equal(resultsRefreshMs(1_000), 500);
    assert.equal(resultsRefreshMs(4_613), 1_250);
    assert.equal(resultsRefreshMs(7_000), 2_000);
    assert.equal(resultsRefreshMs(38_435), RESULTS_REFRESH_MAX_MS);
    assert.equal(resultsRefreshMs(-5), 250);
  });
});
