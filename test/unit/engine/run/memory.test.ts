import assert from 'node:assert/strict';
import { MemoryManager, throttleFor } from '../../../../src/engine/run/memory';
import type { PressureLevel } from '../../../../src/engine/types';
import { Engine } from '../../../../src/engine/engine';
import { makeTree, removeTree } from '../../../helpers/tree';

describe('MemoryManager', () => {
  it('classifies pressure against its budget and reports changes once', () => {
    let rss = 100;
    const m = new MemoryManager({ budgetBytes: 1000, intervalMs: 1000, elevatedAt: 0.7, criticalAt: 0.9 }, () => ({ rss, heapUsed: 1, heapTotal: 2, external: 3 }));
    const changes: PressureLevel[] = [];
    m.on('pressure', (p) => changes.push(p.to));
    m.sample();
    rss = 750;
    m.sample();
    m.sample();
    rss = 950;
    m.sample();
    rss = 10;
    m.sample();
    assert.deepEqual(changes, ['elevated', 'critical', 'normal']);
    assert.equal(m.peakRss, 950);
    assert.equal(m.latest.rss, 10);
  });

  it('throttles concurrency and prefetch under pressure', () => {
    assert.deepEqual(throttleFor('normal', 4, 2), { concurrency: 4, prefetch: 2 });
    assert.deepEqual(throttleFor('elevated', 4, 2), { concurrency: 2, prefetch: 0, trimCacheTo: 0.75 });
    assert.deepEqual(throttleFor('critical', 4, 2), { concurrency: 1, prefetch: 0, trimCacheTo: 0.5 });
  });
});

describe('a run\'s memory peaks', () => {
  // Regression: a run shorter than the sampling interval (500 ms) kept only the sample
  // taken at its start, and the Run view said "Memory peak 0 bytes" after processing.
  it('include the run\'s end, when the result cache holds its results', async () => {
    const root = makeTree({ 'a.md': '# A\n\nSome words here.\n', 'b.txt': 'More words.\n' });
    const engine = new Engine({ concurrency: 0, memory: { intervalMs: 60_000 } });
    try {
      const report = await engine.run({ roots: [root], operations: [{ id: 'analyze' }] }).done;
      assert.equal(report.summary.counts.processed, 2);
      const own = report.summary.peakOwn;
      assert.ok(own, 'the engine attributes memory');
      assert.equal(own.cacheBytes, engine.cache.stats().bytes);
      assert.ok(own.cacheBytes > 0, `${own.cacheBytes} bytes`);
    } finally {
      await engine.close();
      removeTree(root);
    }
  });
});
