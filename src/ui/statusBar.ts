// The status bar item: last run's figures when idle, live progress while running
// (twice a second at most, the first change at once; see runTree.ts for why not more).
import * as vscode from 'vscode';
import { triggerLabel } from './triggerLabel';
import type { Progress, Summary } from '../engine/index';
import { formatCount } from '../util/units';
import type { Controller } from './controller';
import { findingsByOperationText } from './decisions/findingGroups';
import { memoryStatusText, memoryTooltipLines } from './memoryText';
import { summaryMarkdown } from './summaryText';
import { readSetting } from './settings';
import { Throttle } from './throttle';

export class BatchStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('batchOperations.status', vscode.StatusBarAlignment.Left, 50);
  private readonly throttle = new Throttle(500, () => this.render());
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor(private readonly controller: Controller) {
    this.item.name = vscode.l10n.t('Batch Operations');
    this.item.command = 'batchOperations.showStatistics';
    this.subscriptions.push(
      controller.onDidProgress(() => this.throttle.schedule()),
      { dispose: controller.findings.store.onDidChange(() => this.throttle.schedule()) },
      controller.onDidChangeState(() => this.throttle.flush()),
      controller.onDidFinishRun(() => this.throttle.flush()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('batchOperations.statusBar')) this.render();
      }),
    );
    this.render();
  }

  get text(): string {
    return this.item.text;
  }

  /** The tooltip's text (Markdown source when it is Markdown). */
  get tooltipText(): string {
    const t = this.item.tooltip;
    return typeof t === 'string' ? t : (t?.value ?? '');
  }

  /**
   * A command was issued: says so at once, before the run's set-up (loading the engine,
   * its cache, walking the first folder) takes the extension host's thread. The run's
   * first state change renders over it.
   */
  showStarting(): void {
    if (this.controller.isRunning) return;
    this.item.text = runningText(undefined, false);
    this.item.tooltip = vscode.l10n.t('Batch run starting…');
  }

  private render(): void {
    const c = this.controller;
    const progress = c.progress;
    if (c.isRunning) {
      this.item.text = runningText(progress, c.currentState === 'paused');
      // Plain text, twice a second: a MarkdownString is parsed by the extension host on every
      // update (the first one also loads the parser, 40 ms in the middle of a run).
      const findings = findingsByOperationText(c.findings.counts.byOperation(), formatCount);
      this.item.tooltip = progress ? [...progressLines(progress), ...(findings ? [vscode.l10n.t('Findings: {0}', findings)] : [])].join('\n') : vscode.l10n.t('Batch run starting…');
      const pressure = progress?.memory.pressure ?? 'normal';
      this.item.backgroundColor = pressure !== 'normal' ? new vscode.ThemeColor('statusBarItem.warningBackground') : undefined;
    } else {
      const last = c.lastFullRun?.report.summary;
      this.item.text = last ? idleText(last) : `$(checklist) ${vscode.l10n.t('Batch')}`;
      this.item.tooltip = last
        ? summaryMarkdown(last, triggerLabel(c.lastFullRun!.trigger), findingsByOperationText(c.findings.counts.byOperation(), formatCount))
        : vscode.l10n.t('Batch Operations: no run yet. Click for statistics and actions.');
      this.item.backgroundColor = undefined;
    }
    if (readSetting('statusBar.enabled')) this.item.show();
    else this.item.hide();
  }

  dispose(): void {
    this.throttle.dispose();
    this.item.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

export function idleText(s: Summary): string {
  const icon = s.state === 'cancelled' ? '$(circle-slash)' : '$(checklist)';
  return `${icon} ${vscode.l10n.t('{0} docs', formatCount(s.counts.discovered))}`;
}

/**
 * The memory shown is the extension's own (its workers' heaps and its cache), not the extension host's RSS.
 * The running icon stands still: a spinning one (`~spin`, here and in the Run view) is redrawn at
 * every frame for the whole run, and over tldr the two cost the workbench about 13 s of CPU (renderer
 * and GPU process) in a 140 s cold run, on the cores the workers need; the figures beside it move.
 */
export function runningText(p: Progress | undefined, paused: boolean): string {
  const icon = paused ? '$(debug-pause)' : '$(sync)';
  if (!p) return `${icon} ${vscode.l10n.t('Batch: starting…')}`;
  const c = p.counts;
  const settled = c.processed + c.cached + c.skipped + c.failed;
  const pct = c.discovered > 0 ? Math.floor((settled / c.discovered) * 100) : 0;
  const rate = paused ? vscode.l10n.t('paused') : vscode.l10n.t('{0} docs/s', formatCount(Math.round(p.docsPerSec)));
  return `${icon} ${pct}% · ${rate} · ${memoryStatusText(p.memory, vscode.l10n)}`;
}

function progressLines(p: Progress): string[] {
  const c = p.counts;
  const settled = formatCount(c.processed + c.cached + c.skipped + c.failed);
  return [
    p.discoveryDone ? vscode.l10n.t('Batch run: {0} of {1} documents', settled, formatCount(c.discovered)) : vscode.l10n.t('Batch run: {0} of {1}+ documents', settled, formatCount(c.discovered)),
    vscode.l10n.t('{0} processed, {1} cached, {2} skipped, {3} failed, {4} queued', formatCount(c.processed), formatCount(c.cached), formatCount(c.skipped), formatCount(c.failed), formatCount(c.queued)),
    vscode.l10n.t('{0} docs/s, {1} MB/s', formatCount(Math.round(p.docsPerSec)), p.mbPerSec.toFixed(1)),
    ...memoryTooltipLines(p.memory, vscode.l10n),
  ];
}
