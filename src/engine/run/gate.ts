// The run's gate: pause and resume, the dispatcher's sleep and wake-up, and the
// discovery's wait while the queue drains below its high-water mark.
export class RunGate {
  private wake: (() => void) | undefined;
  private drain: (() => void) | undefined;
  private resumeNow: (() => void) | undefined;
  /** Pending while the run is paused; undefined while it runs. */
  private pausedUntil: Promise<void> | undefined;

  /** What work waits on before it starts (undefined: go on at once). */
  get resumed(): Promise<void> | undefined {
    return this.pausedUntil;
  }

  close(): void {
    if (!this.pausedUntil) this.pausedUntil = new Promise((resolve) => (this.resumeNow = resolve));
  }

  open(): void {
    const resume = this.resumeNow;
    this.resumeNow = undefined;
    this.pausedUntil = undefined;
    resume?.();
  }

  /** The dispatcher waits here until something changes (poke). */
  sleep(): Promise<void> {
    return new Promise((resolve) => (this.wake = resolve));
  }

  poke(): void {
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }

  /** Discovery waits here while the queue is over its high-water mark. */
  waitForDrain(): Promise<void> {
    return new Promise<void>((resolve) => (this.drain = resolve));
  }

  get draining(): boolean {
    return this.drain !== undefined;
  }

  /** Lets a waiting discovery go on. */
  releaseDrain(): void {
    const resume = this.drain;
    this.drain = undefined;
    resume?.();
  }
}
