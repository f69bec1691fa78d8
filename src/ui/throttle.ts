// Runs a callback at most once per interval: the first call at once, later ones
// coalesced into one trailing call.
export class Throttle {
  private timer: ReturnType<typeof setTimeout> | undefined;
  private last = 0;
  private pending = false;

  constructor(
    private readonly intervalMs: number,
    private readonly fn: () => void,
  ) {}

  schedule(): void {
    if (this.timer) {
      this.pending = true;
      return;
    }
    const wait = this.last + this.intervalMs - Date.now();
    if (wait <= 0) {
      this.fire();
      this.timer = setTimeout(() => this.trailing(), this.intervalMs);
    } else {
      this.pending = true;
      this.timer = setTimeout(() => this.trailing(), wait);
    }
  }

  /** Runs now (e.g. at the end of a run), dropping any pending call. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.pending = false;
    this.fire();
  }

  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private trailing(): void {
    this.timer = undefined;
    if (this.pending) {
      this.pending = false;
      this.fire();
      this.timer = setTimeout(() => this.trailing(), this.intervalMs);
    }
  }

  private fire(): void {
    this.last = Date.now();
    this.fn();
  }
}
