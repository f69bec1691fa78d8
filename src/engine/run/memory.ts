// The memory manager: samples the process at an interval, classifies pressure
// against a budget, and tells listeners (the scheduler lowers concurrency and
// prefetch, the cache trims itself, the UI shows the figures).
import * as os from 'node:os';
import { TypedEmitter } from '../events';
import type { MemorySample, OwnMemory, PressureLevel } from '../types';

export interface MemoryOptions {
  /** RSS the engine aims to stay under. Default: a quarter of the machine's memory, at most 2 GiB. */
  budgetBytes: number;
  intervalMs: number;
  /** Fractions of the budget where pressure becomes elevated and critical. */
  elevatedAt: number;
  criticalAt: number;
}

export function defaultMemoryOptions(): MemoryOptions {
  return {
    budgetBytes: Math.min(os.totalmem() / 4, 2 * 1024 ** 3),
    intervalMs: 500,
    elevatedAt: 0.7,
    criticalAt: 0.9,
  };
}

export type MemoryReader = () => Pick<NodeJS.MemoryUsage, 'rss' | 'heapUsed' | 'heapTotal' | 'external'>;

interface MemoryEvents {
  sample: MemorySample;
  pressure: { from: PressureLevel; to: PressureLevel; sample: MemorySample };
}

export class MemoryManager extends TypedEmitter<MemoryEvents> {
  private timer: NodeJS.Timeout | undefined;
  private level: PressureLevel = 'normal';
  private last: MemorySample;
  peakRss = 0;
  /** The largest attributed sample since resetPeak (by workers' heaps + cache). */
  peakOwn: OwnMemory | undefined;
  /** What the engine can name as its own memory (its workers' heaps, its cache); set by the engine. */
  attribute: (() => OwnMemory) | undefined;
  /** What the scheduler currently may run at once; set by whoever owns the scheduler. */
  concurrency = 1;

  constructor(
    readonly options: MemoryOptions = defaultMemoryOptions(),
    private readonly read: MemoryReader = () => process.memoryUsage(),
  ) {
    super();
    this.last = this.sample();
  }

  get pressure(): PressureLevel {
    return this.level;
  }

  get latest(): MemorySample {
    return this.last;
  }

  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => this.sample(), this.options.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }

  /** Takes a sample now, emits it, and emits a pressure change if the level moved. */
  sample(): MemorySample {
    const m = this.read();
    this.peakRss = Math.max(this.peakRss, m.rss);
    const level = this.classify(m.rss);
    const own = this.attribute?.();
    if (own && (!this.peakOwn || ownBytes(own) > ownBytes(this.peakOwn))) this.peakOwn = own;
    const sample: MemorySample = {
      rss: m.rss,
      heapUsed: m.heapUsed,
      heapTotal: m.heapTotal,
      external: m.external,
      pressure: level,
      concurrency: this.concurrency,
      ...(own ? { own } : {}),
    };
    this.last = sample;
    const from = this.level;
    this.level = level;
    this.emit('sample', sample);
    if (from !== level) this.emit('pressure', { from, to: level, sample });
    return sample;
  }

  /** Starts the peaks again from a sample taken now (which is also the latest, with what the engine attributes). */
  resetPeak(): void {
    this.peakRss = 0;
    this.peakOwn = undefined;
    this.sample();
  }

  private classify(rss: number): PressureLevel {
    const { budgetBytes, elevatedAt, criticalAt } = this.options;
    if (rss >= budgetBytes * criticalAt) return 'critical';
    if (rss >= budgetBytes * elevatedAt) return 'elevated';
    return 'normal';
  }
}

/** The bytes an OwnMemory adds up to: the workers' heaps and the cache. */
export function ownBytes(own: OwnMemory): number {
  return own.workersHeapUsed + own.cacheBytes;
}

/** How much of the configured concurrency and prefetch to keep at a pressure level. */
export function throttleFor(level: PressureLevel, concurrency: number, prefetch: number): { concurrency: number; prefetch: number; trimCacheTo?: number } {
  switch (level) {
    case 'normal':
      return { concurrency, prefetch };
    case 'elevated':
      return { concurrency: Math.max(1, Math.ceil(concurrency / 2)), prefetch: 0, trimCacheTo: 0.75 };
    case 'critical':
      return { concurrency: 1, prefetch: 0, trimCacheTo: 0.5 };
  }
}

/**
 * Starts the memory manager for a run and lowers the run's limit under pressure
 * (trimming the cache when told to); returns what stops it.
 */
export function watchPressure(
  memory: MemoryManager,
  limit: { concurrency: number },
  prefetch: number,
  hooks: { readonly trimCache: (bytes: number) => void; readonly warn: (message: string) => void },
): () => void {
  const base = limit.concurrency;
  memory.concurrency = base;
  memory.start();
  const off = memory.on('pressure', ({ to }) => {
    const t = throttleFor(to, base, prefetch);
    limit.concurrency = Math.max(1, Math.min(base, t.concurrency * (1 + t.prefetch)));
    memory.concurrency = limit.concurrency;
    if (t.trimCacheTo !== undefined) hooks.trimCache(t.trimCacheTo);
    hooks.warn(`memory pressure ${to}: concurrency ${limit.concurrency}`);
  });
  return () => {
    off();
    memory.stop();
  };
}
