// A run's summary for report tests: an empty finished run, with what a test needs laid over it.
import type { Summary } from '../../src/engine/types';

export function summaryOf(over: Partial<Summary> = {}): Summary {
  return {
    counts: { discovered: 0, queued: 0, processed: 0, cached: 0, skipped: 0, failed: 0 },
    accounted: true,
    bytes: 0,
    elapsedMs: 5,
    docsPerSec: 0,
    mbPerSec: 0,
    peakRss: 1,
    cache: { hits: 0, misses: 0, evictions: 0, entries: 0, bytes: 0, hitRate: 0 },
    state: 'finished',
    skippedByReason: {},
    failedByReason: {},
    operations: {},
    ...over,
  };
}
