// Runs a callback at most once per interval: the first call at once, later ones
// coalesced into one trailing call. The interval may be a function, asked each time.

/** The clock a throttle reads and sets timers on (the real one, or a test's). */
export interface ThrottleClock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

const REAL_CLOCK: ThrottleClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export class Throttle {
  private timer: unknown;
  private last = 0;
  private pending = false;

  constructor(
    private readonly interval: number | (() => number),
    private readonly fn: () => void,
    private readonly clock: ThrottleClock = REAL_CLOCK,
  ) {}

  private get intervalMs(): number {
    return typeof this.interval === 'number' ? this.interval : this.interval();
  }

  schedule(): void {
    if (this.timer !== undefined) {
      this.pending = true;
      return;
    }
    const interval = this.intervalMs;
    const wait = this.last + interval - this.clock.now();
    if (wait <= 0) {
      this.fire();
      this.timer = this.clock.setTimeout(() => this.trailing(), interval);
    } else {
      this.pending = true;
      this.timer = this.clock.setTimeout(() => this.trailing(), wait);
    }
  }

  /** Runs now (e.g. at the end of a run), dropping any pending call. */
  flush(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = false;
    this.fire();
  }

  dispose(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  private trailing(): void {
    this.timer = undefined;
    if (this.pending) {
      this.pending = false;
      this.fire();
      this.timer = this.clock.setTimeout(() => this.trailing(), this.intervalMs);
    }
  }

  private fire(): void {
    this.last = this.clock.now();
    this.fn();
  }
}
