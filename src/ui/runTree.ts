// The Run view: the current (or last) run's state and figures, refreshed at most
// once a second (the first change at once). Each refresh makes the workbench draw
// the view again, on the cores the workers need: over tldr, refreshing it every
// second and the status bar every 500 ms instead of both every 250 ms, the
// workbench's renderer used 35 s of CPU in a cold editor run instead of 44 s.
import * as vscode from 'vscode';
import { triggerLabel } from './triggerLabel';
import type { Progress, Summary } from '../engine/index';
import { formatCount, formatDuration } from '../util/units';
import type { Controller } from './controller';
import { memoryRowDescription, memoryTooltipLines, peakRowDescription, peakTooltipLines } from './memoryText';
import { Throttle } from './throttle';

export interface RunRow {
  readonly label: string;
  readonly description: string;
  readonly icon?: string;
  readonly tooltip?: string;
}

export class RunTreeProvider implements vscode.TreeDataProvider<RunRow>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly throttle = new Throttle(1000, () => this.changed.fire());
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly controller: Controller) {
    this.subscriptions.push(
      controller.onDidProgress(() => this.throttle.schedule()),
      { dispose: controller.findings.store.onDidChange(() => this.throttle.schedule()) },
      controller.onDidProcess(() => this.throttle.schedule()),
      controller.onDidChangeState(() => this.throttle.schedule()),
      controller.onDidFinishRun(() => this.throttle.flush()),
    );
  }

  getTreeItem(row: RunRow): vscode.TreeItem {
    const item = new vscode.TreeItem(row.label, vscode.TreeItemCollapsibleState.None);
    item.description = row.description;
    if (row.icon) item.iconPath = new vscode.ThemeIcon(row.icon);
    if (row.tooltip) item.tooltip = row.tooltip;
    return item;
  }

  getChildren(row?: RunRow): RunRow[] {
    if (row) return [];
    return runRows(this.controller);
  }

  dispose(): void {
    this.throttle.dispose();
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

/** No `~spin` while running: an animation redrawn at every frame of a long run (see runningText in statusBar.ts). */
const STATE_ICONS: Record<string, string> = { idle: 'circle-outline', running: 'sync', paused: 'debug-pause', cancelled: 'circle-slash', finished: 'pass' };

function stateText(state: string): string {
  switch (state) {
    case 'idle':
      return vscode.l10n.t('idle');
    case 'running':
      return vscode.l10n.t('running');
    case 'paused':
      return vscode.l10n.t('paused');
    case 'cancelled':
      return vscode.l10n.t('cancelled');
    case 'finished':
      return vscode.l10n.t('finished');
    default:
      return state;
  }
}

export function runRows(c: Controller): RunRow[] {
  const state = c.currentState;
  const rows: RunRow[] = [{ label: vscode.l10n.t('State'), description: stateText(state), icon: STATE_ICONS[state] }];
  const p = c.progress;
  if (c.isRunning && p) return [...rows, ...progressRows(p), ...findingRows(c)];
  const last = c.lastRun;
  if (!last) return rows;
  const notices = (last.report.notices ?? []).map((notice) => ({ label: vscode.l10n.t('Notice'), description: notice, icon: 'info' }));
  return [...rows, { label: vscode.l10n.t('Trigger'), description: triggerLabel(last.trigger), icon: 'zap' }, ...summaryRows(last.report.summary), ...findingRows(c), ...notices];
}

/** One row per operation with findings: "Findings: links" 12. */
function findingRows(c: Controller): RunRow[] {
  return c.findings.counts.byOperation().map(([op, n]) => ({ label: vscode.l10n.t('Findings: {0}', op), description: formatCount(n), icon: 'warning' }));
}

function countRows(c: { queued: number; processed: number; cached: number; skipped: number; failed: number }): RunRow[] {
  return [
    { label: vscode.l10n.t('Queued'), description: formatCount(c.queued), icon: 'list-ordered' },
    { label: vscode.l10n.t('Processed'), description: formatCount(c.processed), icon: 'check' },
    { label: vscode.l10n.t('Cached'), description: formatCount(c.cached), icon: 'database' },
    { label: vscode.l10n.t('Skipped'), description: formatCount(c.skipped), icon: 'debug-step-over' },
    { label: vscode.l10n.t('Failed'), description: formatCount(c.failed), icon: 'error' },
  ];
}

function progressRows(p: Progress): RunRow[] {
  return [
    ...countRows(p.counts),
    { label: vscode.l10n.t('Throughput'), description: vscode.l10n.t('{0} docs/s · {1} MB/s', formatCount(Math.round(p.docsPerSec)), p.mbPerSec.toFixed(1)), icon: 'dashboard' },
    { label: vscode.l10n.t('Elapsed'), description: p.etaMs !== undefined ? vscode.l10n.t('{0} · ETA {1}', formatDuration(p.elapsedMs), formatDuration(p.etaMs)) : formatDuration(p.elapsedMs), icon: 'clock' },
    { label: vscode.l10n.t('Memory'), description: memoryRowDescription(p.memory, vscode.l10n), icon: 'server', tooltip: memoryTooltipLines(p.memory, vscode.l10n).join('\n') },
    { label: vscode.l10n.t('Cache hit rate'), description: vscode.l10n.t('{0}%', (p.cacheHitRate * 100).toFixed(1)), icon: 'database' },
  ];
}

function summaryRows(s: Summary): RunRow[] {
  return [
    ...countRows(s.counts),
    { label: vscode.l10n.t('Throughput'), description: vscode.l10n.t('{0} docs/s · {1} MB/s', formatCount(Math.round(s.docsPerSec)), s.mbPerSec.toFixed(1)), icon: 'dashboard' },
    { label: vscode.l10n.t('Elapsed'), description: formatDuration(s.elapsedMs), icon: 'clock' },
    { label: vscode.l10n.t('Memory'), description: peakRowDescription(s, vscode.l10n), icon: 'server', tooltip: peakTooltipLines(s, vscode.l10n).join('\n') },
    { label: vscode.l10n.t('Cache hit rate'), description: vscode.l10n.t('{0}%', (s.cache.hitRate * 100).toFixed(1)), icon: 'database' },
  ];
}
