// A one-line progress bar on standard error, redrawn at most a few times a second.
import type { Progress } from '../engine/types';
import { formatCount, formatMegabytes } from '../util/units';

export function progressLine(p: Progress, width = 24): string {
  const settled = p.counts.processed + p.counts.cached + p.counts.skipped + p.counts.failed;
  const total = Math.max(p.counts.discovered, 1);
  const fraction = p.discoveryDone ? settled / total : 0;
  const filled = Math.round(fraction * width);
  const bar = p.discoveryDone ? '#'.repeat(filled) + '-'.repeat(width - filled) : '~'.repeat(width);
  const pct = p.discoveryDone ? `${Math.floor(fraction * 100)}%` : 'finding';
  return `[${bar}] ${pct} ${formatCount(settled)}/${formatCount(p.counts.discovered)} · ${formatCount(Math.round(p.docsPerSec))} docs/s · ${p.mbPerSec.toFixed(1)} MB/s · ${formatMegabytes(p.memory.rss)}`;
}

export class ProgressBar {
  private drawn = false;
  constructor(private readonly stream: NodeJS.WriteStream) {}

  draw(p: Progress): void {
    const line = progressLine(p);
    const cols = this.stream.columns || 100;
    this.stream.write('\r' + line.slice(0, cols - 1).padEnd(Math.min(cols - 1, line.length)) + '\x1b[K');
    this.drawn = true;
  }

  clear(): void {
    if (this.drawn) this.stream.write('\r\x1b[K');
    this.drawn = false;
  }
}
