// Long work written once as a generator that yields between small steps, then
// run either at once (a command line) or in time slices between turns of the
// event loop (an editor's extension host, which every extension shares).

/** Runs the steps to the end now and returns their result. */
export function runNow<T>(steps: Generator<void, T>): T {
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
  }
}

/** Runs the steps, handing the event loop back whenever about `sliceMs` have passed since it last had it. */
export async function runInSlices<T>(steps: Generator<void, T>, sliceMs: number): Promise<T> {
  let slice = performance.now();
  for (;;) {
    const r = steps.next();
    if (r.done) return r.value;
    if (performance.now() - slice >= sliceMs) {
      await new Promise<void>((resolve) => setImmediate(resolve));
      slice = performance.now();
    }
  }
}
