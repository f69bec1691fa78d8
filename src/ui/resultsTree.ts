// The Results view: workspace folder -> folders -> documents -> findings, then
// "Skipped (n)" and "Failed (n)" with each document's reason. Grouped by rule:
// "Broken fragment (12)" -> documents -> findings, then the same two groups.
import * as vscode from 'vscode';
import type { Outcome } from '../engine/index';
import type { AnalyzeResult } from '../operations/analyze';
import type { Finding } from '../operations/findings';
import { formatCount } from '../util/units';
import type { Controller } from './controller';
import { groupByRule, ruleName, type RuleGroup, type RulesOf } from './decisions/findingGroups';
import { findingItem, openCommand, ruleDocumentItem, ruleGroupItem } from './findingItems';
import { pathOf, uriOf } from './paths';
import { labelOf, ResultIndex, sortedNames, type DirNode } from './resultIndex';
import { Throttle } from './throttle';
import { resultsRefreshMs } from './decisions/resultsRefresh';
import { byPath } from '../util/order';

export { OPEN_COMMAND } from './findingItems';

/** How the Results view lists findings: under their documents, or under their rules. */
export type Grouping = 'file' | 'rule';

export type ResultNode =
  | { readonly kind: 'root'; readonly id: string; readonly label: string; readonly dir: DirNode }
  | { readonly kind: 'folder'; readonly id: string; readonly label: string; readonly dir: DirNode }
  | { readonly kind: 'doc'; readonly id: string; readonly outcome: Outcome }
  | { readonly kind: 'finding'; readonly id: string; readonly finding: Finding }
  | { readonly kind: 'rule'; readonly id: string; readonly group: RuleGroup }
  | { readonly kind: 'ruleDoc'; readonly id: string; readonly path: string; readonly findings: readonly Finding[] }
  | { readonly kind: 'group'; readonly id: string; readonly label: string; readonly items: ReadonlyMap<string, Outcome> }
  | { readonly kind: 'bad'; readonly id: string; readonly outcome: Outcome; readonly label: string };

export class ResultsTreeProvider implements vscode.TreeDataProvider<ResultNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly throttle = new Throttle(() => resultsRefreshMs(this.index.documents), () => this.changed.fire());
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Kept one outcome at a time (see resultIndex.ts); a refresh only tells the view to ask again. */
  private readonly index = new ResultIndex(rootOf);
  private grouping: Grouping = 'file';
  /** The rule groups, made when the view asks and dropped when findings change. */
  private ruleGroups: RuleGroup[] | undefined;

  constructor(
    private readonly controller: Controller,
    private readonly rulesOf: RulesOf,
  ) {
    this.refill();
    const unlisten = controller.findings.store.onDidChange(() => {
      this.ruleGroups = undefined;
      this.throttle.schedule();
    });
    this.subscriptions.push(
      { dispose: unlisten },
      controller.onDidProcess((o) => {
        this.index.put(o);
        this.throttle.schedule();
      }),
      controller.onDidResetResults(() => {
        // The controller has dropped the results under the new run's roots: start again from what it keeps.
        this.refill();
        this.throttle.schedule();
      }),
      controller.onDidFinishRun(() => this.throttle.flush()),
    );
  }

  private refill(): void {
    this.index.clear();
    for (const o of this.controller.results.values()) this.index.put(o);
  }

  get groupedBy(): Grouping {
    return this.grouping;
  }

  setGrouping(grouping: Grouping): void {
    if (grouping === this.grouping) return;
    this.grouping = grouping;
    this.throttle.flush();
  }

  getTreeItem(node: ResultNode): vscode.TreeItem {
    switch (node.kind) {
      case 'finding':
        return findingItem(node.id, node.finding, ruleName(this.rulesOf, node.finding.operation, node.finding.rule));
      case 'rule':
        return ruleGroupItem(node.id, node.group, node.group.operation);
      case 'ruleDoc':
        return ruleDocumentItem(node.id, node.path, node.findings.length);
      case 'doc':
        return docItem(node, this.controller.findings.counts.countOf(node.outcome.path));
      default:
        return itemOf(node);
    }
  }

  /** A document's tooltip, when the pointer rests on it. */
  resolveTreeItem(item: vscode.TreeItem, node: ResultNode): vscode.TreeItem {
    if (node.kind === 'doc' && item.tooltip === undefined) item.tooltip = docTooltip(node.outcome, this.controller.findings.counts.countOf(node.outcome.path));
    return item;
  }

  getChildren(node?: ResultNode): ResultNode[] {
    if (!node) return this.topLevel();
    switch (node.kind) {
      case 'root':
      case 'folder':
        return dirChildren(node.id, node.dir);
      case 'doc':
        return findingNodes(node.id, this.controller.findings.store.forFile(node.outcome.path));
      case 'rule':
        return node.group.documents.map((d) => ({ kind: 'ruleDoc', id: `${node.id}/${d.path}`, path: d.path, findings: d.findings }));
      case 'ruleDoc':
        return findingNodes(node.id, node.findings);
      case 'group':
        return [...node.items.values()].sort(byPath).map((o) => ({ kind: 'bad', id: `${node.id}/${o.path}`, outcome: o, label: labelOf(o.path) }));
      default:
        return [];
    }
  }

  private topLevel(): ResultNode[] {
    const { roots, skipped, failed } = this.index;
    const out: ResultNode[] =
      this.grouping === 'rule'
        ? (this.ruleGroups ??= groupByRule(this.controller.findings.store.all(), this.rulesOf)).map((g) => ({ kind: 'rule', id: `rule:${g.key}`, group: g }))
        : [...roots.values()]
            .sort(byPath)
            .map((r) => ({ kind: 'root', id: `root:${r.path}`, label: r.label, dir: r.dir }));
    if (skipped.size > 0) out.push({ kind: 'group', id: 'group:skipped', label: vscode.l10n.t('Skipped ({0})', formatCount(skipped.size)), items: skipped });
    if (failed.size > 0) out.push({ kind: 'group', id: 'group:failed', label: vscode.l10n.t('Failed ({0})', formatCount(failed.size)), items: failed });
    return out;
  }

  /** Plain data of every node (for tests): label, description, children. */
  snapshot(): SnapshotNode[] {
    const walk = (nodes: ResultNode[]): SnapshotNode[] =>
      nodes.map((n) => {
        const item = this.resolveTreeItem(this.getTreeItem(n), n);
        const children = this.getChildren(n);
        return {
          label: typeof item.label === 'string' ? item.label : (item.label?.label ?? ''),
          description: typeof item.description === 'string' ? item.description : '',
          ...(typeof item.tooltip === 'string' ? { tooltip: item.tooltip } : {}),
          ...(children.length > 0 ? { children: walk(children) } : {}),
        };
      });
    return walk(this.getChildren());
  }

  dispose(): void {
    this.throttle.dispose();
    this.changed.dispose();
    for (const s of this.subscriptions) s.dispose();
  }
}

export interface SnapshotNode {
  readonly label: string;
  readonly description: string;
  readonly tooltip?: string;
  readonly children?: SnapshotNode[];
}

/** A discovery root's place: its workspace folder when it has one. */
function rootOf(root: string): { path: string; label: string } {
  const folder = vscode.workspace.getWorkspaceFolder(uriOf(root));
  return folder ? { path: pathOf(folder.uri), label: folder.name } : { path: root, label: labelOf(root) };
}


function dirChildren(parentId: string, dir: DirNode): ResultNode[] {
  const names = sortedNames(dir);
  const out: ResultNode[] = [];
  for (const name of names.dirs) out.push({ kind: 'folder', id: `${parentId}/${name}`, label: name, dir: dir.dirs.get(name)! });
  for (const name of names.docs) {
    const o = dir.docs.get(name)!;
    out.push({ kind: 'doc', id: `doc:${o.path}`, outcome: o });
  }
  return out;
}

function findingNodes(parentId: string, findings: readonly Finding[]): ResultNode[] {
  return findings.map((f, i) => ({ kind: 'finding', id: `${parentId}#${i}`, finding: f }));
}

function analysisOf(o: Outcome): AnalyzeResult | undefined {
  return o.kind === 'processed' || o.kind === 'cached' ? (o.results.analyze as AnalyzeResult | undefined) : undefined;
}

export function describe(a: AnalyzeResult | undefined, findings: number): string {
  const parts = a ? [`${formatCount(a.words)} words`, `${a.readingMinutes.toFixed(1)} min`] : [];
  if (findings > 0) parts.push(`${formatCount(findings)} finding${findings === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

function docTooltip(o: Outcome, findings: number): string {
  const a = analysisOf(o);
  return a
    ? `${o.path}\n${formatCount(a.lines)} lines, ${formatCount(a.words)} words, ${formatCount(a.sentences)} sentences${a.fleschReadingEase !== undefined ? `, Flesch ${a.fleschReadingEase}` : ''}, ${a.headingCount} headings, ${a.markerCount} markers, ${findings} findings${o.kind === 'cached' ? ` (cached, ${o.via})` : ''}`
    : o.path;
}

function docItem(node: Extract<ResultNode, { kind: 'doc' }>, findings: number): vscode.TreeItem {
  const o = node.outcome;
  const a = analysisOf(o);
  const item = new vscode.TreeItem(labelOf(o.path), findings > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
  item.id = node.id;
  item.resourceUri = uriOf(o.path);
  item.iconPath = vscode.ThemeIcon.File;
  item.description = describe(a, findings) || o.kind;
  // The tooltip is made on hover (resolveTreeItem): every refresh sends each expanded document's item to the workbench.
  item.command = openCommand(o.path);
  item.contextValue = 'document';
  return item;
}

/** The items that need nothing but the node (folders and the skipped and failed groups). */
function itemOf(node: Exclude<ResultNode, { kind: 'doc' | 'finding' | 'rule' | 'ruleDoc' }>): vscode.TreeItem {
  switch (node.kind) {
    case 'root':
    case 'folder': {
      const item = new vscode.TreeItem(node.label, node.kind === 'root' ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.iconPath = node.kind === 'root' ? new vscode.ThemeIcon('root-folder') : vscode.ThemeIcon.Folder;
      const n = node.dir.count;
      item.description = `${formatCount(n)} document${n === 1 ? '' : 's'}`;
      return item;
    }
    case 'group': {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
      item.id = node.id;
      item.iconPath = new vscode.ThemeIcon(node.id === 'group:failed' ? 'error' : 'debug-step-over');
      return item;
    }
    case 'bad': {
      const o = node.outcome;
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.resourceUri = uriOf(o.path);
      item.description = o.kind === 'skipped' || o.kind === 'failed' ? o.reason : '';
      item.tooltip = `${o.path}\n${o.kind === 'skipped' || o.kind === 'failed' ? `${o.reason}${o.detail ? `: ${o.detail}` : ''}` : ''}`;
      item.iconPath = new vscode.ThemeIcon(o.kind === 'failed' ? 'error' : 'circle-slash');
      return item;
    }
  }
}

/** Opens a document, at a 1-based line and column when given. */
export async function openLocation(p: string, line?: number, column?: number): Promise<void> {
  const uri = uriOf(p);
  const options: vscode.TextDocumentShowOptions = {};
  if (line !== undefined) {
    const pos = new vscode.Position(Math.max(0, line - 1), Math.max(0, (column ?? 1) - 1));
    options.selection = new vscode.Range(pos, pos);
  }
  try {
    await vscode.window.showTextDocument(uri, options);
  } catch (err) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Cannot open {0}: {1}', p, err instanceof Error ? err.message : String(err)));
  }
}
