// Paths that arrive in bursts (saves, configuration file events) collected and
// handed on together once none has arrived for a while: several events make one
// run. Editor-free; the timer functions are a seam for tests.

export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

const REAL_TIMERS: Timers = {
  set: (fn, ms) => setTimeout(fn, ms),
  clear: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export class PathBatch {
  private readonly pending = new Set<string>();
  private timer: unknown;

  constructor(
    private readonly delayMs: number,
    private readonly fire: (paths: string[]) => void,
    private readonly timers: Timers = REAL_TIMERS,
  ) {}

  /** Adds a path and restarts the wait. */
  add(path: string): void {
    this.pending.add(path);
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = this.timers.set(() => this.flush(), this.delayMs);
  }

  private flush(): void {
    this.timer = undefined;
    const paths = [...this.pending];
    this.pending.clear();
    if (paths.length > 0) this.fire(paths);
  }

  /** Drops what is pending. */
  dispose(): void {
    if (this.timer !== undefined) this.timers.clear(this.timer);
    this.timer = undefined;
    this.pending.clear();
  }
}
