// A token bucket: `rate` tokens a second, at most `burst` saved up. take() waits
// for a token; waiting callers are served in order. Time comes from a Clock so
// tests advance it by hand.

export interface Clock {
  now(): number;
  /** Settles after ms; rejects when signal aborts. */
  wait(ms: number, signal?: AbortSignal): Promise<void>;
}

export const systemClock: Clock = {
  now: () => performance.now(),
  wait: (ms, signal) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) {
        reject(abortError(signal));
        return;
      }
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      const onAbort = () => {
        clearTimeout(timer);
        reject(abortError(signal!));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    }),
};

export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new DOMException('The operation was aborted', 'AbortError');
}

export class TokenBucket {
  private tokens: number;
  private last: number;
  /** Callers waiting for a token, in order: each waits for the one before it. */
  private tail: Promise<void> = Promise.resolve();

  constructor(
    private readonly rate: number,
    private readonly burst = 1,
    private readonly clock: Clock = systemClock,
  ) {
    if (!(rate > 0)) throw new Error(`rate must be positive, not ${rate}`);
    this.tokens = Math.max(1, burst);
    this.last = clock.now();
  }

  /** Resolves when the caller may start; rejects (and takes no token) when signal aborts first. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.tail.then(() => this.next(signal));
    // A cancelled caller must not hold up the ones behind it.
    this.tail = turn.catch(() => undefined);
    return turn;
  }

  private async next(signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw abortError(signal);
      this.refill();
      if (this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await this.clock.wait(((1 - this.tokens) * 1000) / this.rate, signal);
    }
  }

  private refill(): void {
    const now = this.clock.now();
    this.tokens = Math.min(Math.max(1, this.burst), this.tokens + ((now - this.last) * this.rate) / 1000);
    this.last = now;
  }
}
