// What the Run view and the status bar say about memory. The figure shown is the
// extension's own: its worker threads' V8 heaps (each reports its heap with every
// answer) and its result cache. The extension host's RSS is the whole process's,
// shared with every other extension; it appears only in tooltips, labelled as such.
// Loads without an editor (unit tests): the glue passes vscode.l10n, tests pass
// englishL10n. Not in decisions/ because of its one import of vscode, a type-only
// one that the l10n extractor needs (see l10n.ts).
import type * as _vscode from 'vscode';
import type { MemorySample, OwnMemory, PressureLevel, Summary } from '../engine/index';
import { formatBytes } from '../util/units';
import type { L10n } from './l10n';

/** The bytes the extension can name as its own: its workers' heaps and its result cache. */
export function ownBytes(own: OwnMemory): number {
  return own.workersHeapUsed + own.cacheBytes;
}

export function pressureText(level: PressureLevel, l10n: L10n): string {
  switch (level) {
    case 'normal':
      return l10n.t('normal');
    case 'elevated':
      return l10n.t('elevated');
    case 'critical':
      return l10n.t('critical');
  }
}

/** The status bar's memory figure: the extension's own; the host's only when the engine attributes nothing. */
export function memoryStatusText(m: MemorySample, l10n: L10n): string {
  return m.own ? formatBytes(ownBytes(m.own)) : l10n.t('host {0}', formatBytes(m.rss));
}

/** The Run view's Memory row while a run goes: "38.2 MiB · normal". */
export function memoryRowDescription(m: MemorySample, l10n: L10n): string {
  return l10n.t('{0} · {1}', memoryStatusText(m, l10n), pressureText(m.pressure, l10n));
}

/** What the own figure is made of, and the host's RSS labelled as shared: tooltip lines. */
export function memoryTooltipLines(m: MemorySample, l10n: L10n): string[] {
  return [...ownLines(m.own, l10n), l10n.t('Extension host process (shared with other extensions): {0}', formatBytes(m.rss)), l10n.t('Memory pressure: {0}', pressureText(m.pressure, l10n))];
}

/**
 * The Run view's Memory row after a run: "peak 38.2 MiB" (the extension's own).
 * A run with no worker thread (a language-model run works on the extension host's
 * thread, whose heap is shared) has only its result cache to show: "peak 2.3 KiB
 * · cache only" (short enough for the sidebar; the tooltip says no worker thread
 * ran), as "peak 2.3 KiB" alone read as if the run had taken 2.3 KiB.
 */
export function peakRowDescription(s: Summary, l10n: L10n): string {
  if (!s.peakOwn) return l10n.t('host peak {0}', formatBytes(s.peakRss));
  const peak = formatBytes(ownBytes(s.peakOwn));
  return s.peakOwn.workerThreads === 0 ? l10n.t('peak {0} · cache only', peak) : l10n.t('peak {0}', peak);
}

/** The finished run's memory, for its tooltips: the own peak's parts, then the host's peak, labelled as shared. */
export function peakTooltipLines(s: Summary, l10n: L10n): string[] {
  return [...ownLines(s.peakOwn, l10n, true), l10n.t('Extension host process (shared with other extensions): peak {0}', formatBytes(s.peakRss))];
}

function ownLines(own: OwnMemory | undefined, l10n: L10n, peak = false): string[] {
  if (!own) return [];
  const total = formatBytes(ownBytes(own));
  const workers = formatBytes(own.workersHeapUsed);
  const cache = formatBytes(own.cacheBytes);
  if (own.workerThreads === 0) {
    return [peak ? l10n.t('Batch Operations memory, peak: {0} (no worker threads; result cache: {1})', total, cache) : l10n.t('Batch Operations memory: {0} (no worker threads; result cache: {1})', total, cache)];
  }
  return [
    peak
      ? l10n.t('Batch Operations memory, peak: {0} (worker threads: {1} in {2}; result cache: {3})', total, workers, own.workerThreads, cache)
      : l10n.t('Batch Operations memory: {0} (worker threads: {1} in {2}; result cache: {3})', total, workers, own.workerThreads, cache),
  ];
}
