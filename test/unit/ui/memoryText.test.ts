import assert from 'node:assert/strict';
import type { MemorySample, Summary } from '../../../src/engine/index';
import { englishL10n as l10n } from '../../../src/ui/l10n';
import { memoryRowDescription, memoryStatusText, memoryTooltipLines, ownBytes, peakRowDescription, peakTooltipLines, pressureText } from '../../../src/ui/memoryText';
import { summaryOf } from '../../helpers/report';

const MiB = 2 ** 20;
const own = { workerThreads: 3, workersHeapUsed: 30 * MiB, cacheBytes: 10 * MiB };
const sample: MemorySample = { rss: 900 * MiB, heapUsed: 200 * MiB, heapTotal: 300 * MiB, external: 1, pressure: 'normal', concurrency: 3, own };

describe('memoryText', () => {
  it('shows the extension\'s own memory (workers\' heaps + cache), not the host\'s RSS', () => {
    assert.equal(ownBytes(own), 40 * MiB);
    assert.equal(memoryStatusText(sample, l10n), '40 MiB');
    assert.equal(memoryRowDescription(sample, l10n), '40 MiB · normal');
    assert.ok(!memoryStatusText(sample, l10n).includes('900'));
  });

  it('puts the host\'s RSS only in the tooltip, labelled as shared', () => {
    const lines = memoryTooltipLines({ ...sample, pressure: 'elevated' }, l10n);
    assert.deepEqual(lines, [
      'Batch Operations memory: 40 MiB (worker threads: 30 MiB in 3; result cache: 10 MiB)',
      'Extension host process (shared with other extensions): 900 MiB',
      'Memory pressure: elevated',
    ]);
  });

  it('says "host" when the engine attributes nothing, and has no line of its own in the tooltip then', () => {
    const { own: _, ...bare } = sample;
    assert.equal(memoryStatusText(bare, l10n), 'host 900 MiB');
    assert.deepEqual(memoryTooltipLines({ ...bare, pressure: 'critical' }, l10n), ['Extension host process (shared with other extensions): 900 MiB', 'Memory pressure: critical']);
  });

  it('names each pressure level', () => {
    assert.deepEqual((['normal', 'elevated', 'critical'] as const).map((level) => pressureText(level, l10n)), ['normal', 'elevated', 'critical']);
  });

  it('gives a finished run\'s own peak, and the host\'s peak only as a labelled tooltip line', () => {
    const s: Summary = summaryOf({ peakRss: 500 * MiB, peakOwn: own });
    assert.equal(peakRowDescription(s, l10n), 'peak 40 MiB');
    assert.deepEqual(peakTooltipLines(s, l10n), [
      'Batch Operations memory, peak: 40 MiB (worker threads: 30 MiB in 3; result cache: 10 MiB)',
      'Extension host process (shared with other extensions): peak 500 MiB',
    ]);
    const { peakOwn: _, ...old } = s;
    assert.equal(peakRowDescription(old, l10n), 'host peak 500 MiB');
  });

  it('says a run without worker threads has only its result cache to show (a language-model run)', () => {
    const idle = { ...sample, own: { workerThreads: 0, workersHeapUsed: 0, cacheBytes: 10 * MiB } };
    assert.equal(memoryTooltipLines(idle, l10n)[0], 'Batch Operations memory: 10 MiB (no worker threads; result cache: 10 MiB)');
    const onHost = summaryOf({ peakRss: 500 * MiB, peakOwn: { workerThreads: 0, workersHeapUsed: 0, cacheBytes: 2355 } });
    assert.equal(peakRowDescription(onHost, l10n), 'peak 2.3 KiB · cache only');
    assert.deepEqual(peakTooltipLines(onHost, l10n), [
      'Batch Operations memory, peak: 2.3 KiB (no worker threads; result cache: 2.3 KiB)',
      'Extension host process (shared with other extensions): peak 500 MiB',
    ]);
  });
});
