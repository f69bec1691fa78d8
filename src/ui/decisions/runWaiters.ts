// Callers waiting for the run that does what they asked (an API run): settled
// by the first finished run whose request covers theirs, or rejected when their
// request fails or is dropped. Editor-free: requests are compared by the caller's
// functions.

export class RunWaiters<Req, Report> {
  private readonly waiting: { readonly req: Req; resolve(report: Report): void; reject(err: Error): void }[] = [];

  /** @param answers whether a run of `done` does what `req` asked */
  constructor(private readonly answers: (done: Req, req: Req) => boolean) {}

  wait(req: Req): Promise<Report> {
    return new Promise<Report>((resolve, reject) => this.waiting.push({ req, resolve, reject }));
  }

  /** A run of `done` finished: its waiters, and those of the requests it covers, get its report. */
  finished(done: Req, report: Report): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      const w = this.waiting[i]!;
      if (w.req !== done && !this.answers(done, w.req)) continue;
      this.waiting.splice(i, 1);
      w.resolve(report);
    }
  }

  /** `req` will not run (it failed to start, or was dropped from the queue). */
  failed(req: Req, err: Error): void {
    for (let i = this.waiting.length - 1; i >= 0; i--) {
      if (this.waiting[i]!.req !== req) continue;
      this.waiting[i]!.reject(err);
      this.waiting.splice(i, 1);
    }
  }

  rejectAll(err: Error): void {
    for (const w of this.waiting.splice(0)) w.reject(err);
  }
}
