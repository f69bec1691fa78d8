// How often the Results view is told to ask for its tree again while results come
// in. Each refresh makes VS Code ask for every expanded node's children and item,
// serialise them and send them to the workbench: over a flat folder of 4,600
// documents, refreshing every 250 ms kept the extension host busy 14 s of a 38 s
// run (items, their serialisation and compression), on the cores the workers
// need; refreshed as below (and tooltips made on hover), 6 s of a 26 s run.
// A bigger tree is refreshed less often; the status bar shows progress meanwhile,
// and the end of a run always refreshes at once.

/** The interval for a tree of up to this many documents. */
export const RESULTS_REFRESH_MIN_MS = 250;
/** The longest interval, reached at 7,000 documents. */
export const RESULTS_REFRESH_MAX_MS = 2000;
/** Documents per step of RESULTS_REFRESH_MIN_MS. */
const DOCUMENTS_PER_STEP = 1000;

export function resultsRefreshMs(documents: number, maxMs = RESULTS_REFRESH_MAX_MS): number {
  const steps = Math.floor(Math.max(0, documents) / DOCUMENTS_PER_STEP);
  return Math.min(maxMs, RESULTS_REFRESH_MIN_MS * (1 + steps));
}
