// The Results view: workspace folder -> folders -> documents -> markers, then
// "Skipped (n)" and "Failed (n)" with each document's reason.
import * as vscode from 'vscode';
import type { Outcome } from '../engine/index';
import type { AnalyzeResult } from '../operations/analyze';
import { formatCount } from '../util/units';
import type { Controller } from './controller';
import { pathOf, uriOf } from './paths';
import { labelOf, ResultIndex, sortedNames, type DirNode } from './resultIndex';
import { Throttle } from './throttle';

export type ResultNode =
  | { readonly kind: 'root'; readonly id: string; readonly label: string; readonly dir: DirNode }
  | { readonly kind: 'folder'; readonly id: string; readonly label: string; readonly dir: DirNode }
  | { readonly kind: 'doc'; readonly id: string; readonly outcome: Outcome }
  | { readonly kind: 'marker'; readonly id: string; readonly path: string; readonly marker: AnalyzeResult['markers'][number] }
  | { readonly kind: 'group'; readonly id: string; readonly label: string; readonly items: ReadonlyMap<string, Outcome> }
  | { readonly kind: 'bad'; readonly id: string; readonly outcome: Outcome; readonly label: string };

export const OPEN_COMMAND = 'batchOperations.openLocation';

export class ResultsTreeProvider implements vscode.TreeDataProvider<ResultNode>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeTreeData = this.changed.event;
  private readonly throttle = new Throttle(250, () => this.changed.fire());
  private readonly subscriptions: vscode.Disposable[] = [];
  /** Kept one outcome at a time (see resultIndex.ts); a refresh only tells the view to ask again. */
  private readonly index = new ResultIndex(rootOf);

  constructor(private readonly controller: Controller) {
    this.refill();
    this.subscriptions.push(
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

  getTreeItem(node: ResultNode): vscode.TreeItem {
    return itemOf(node);
  }

  getChildren(node?: ResultNode): ResultNode[] {
    if (!node) return this.topLevel();
    switch (node.kind) {
      case 'root':
      case 'folder':
        return dirChildren(node.id, node.dir);
      case 'doc': {
        const a = analysisOf(node.outcome);
        return (a?.markers ?? []).map((m, i) => ({ kind: 'marker', id: `${node.id}#${i}`, path: node.outcome.path, marker: m }));
      }
      case 'group':
        return [...node.items.values()].sort(byPath).map((o) => ({ kind: 'bad', id: `${node.id}/${o.path}`, outcome: o, label: labelOf(o.path) }));
      default:
        return [];
    }
  }

  private topLevel(): ResultNode[] {
    const { roots, skipped, failed } = this.index;
    const out: ResultNode[] = [...roots.values()]
      .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
      .map((r) => ({ kind: 'root', id: `root:${r.path}`, label: r.label, dir: r.dir }));
    if (skipped.size > 0) out.push({ kind: 'group', id: 'group:skipped', label: `Skipped (${formatCount(skipped.size)})`, items: skipped });
    if (failed.size > 0) out.push({ kind: 'group', id: 'group:failed', label: `Failed (${formatCount(failed.size)})`, items: failed });
    return out;
  }

  /** Plain data of every node (for tests): label, description, children. */
  snapshot(): SnapshotNode[] {
    const walk = (nodes: ResultNode[]): SnapshotNode[] =>
      nodes.map((n) => {
        const item = itemOf(n);
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

function byPath(a: Outcome, b: Outcome): number {
  return a.path < b.path ? -1 : a.path > b.path ? 1 : 0;
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

function analysisOf(o: Outcome): AnalyzeResult | undefined {
  return o.kind === 'processed' || o.kind === 'cached' ? (o.results.analyze as AnalyzeResult | undefined) : undefined;
}

export function describe(a: AnalyzeResult): string {
  const parts = [`${formatCount(a.words)} words`, `${a.readingMinutes.toFixed(1)} min`];
  if (a.markerCount > 0) parts.push(`${formatCount(a.markerCount)} marker${a.markerCount === 1 ? '' : 's'}`);
  return parts.join(' · ');
}

function openCommand(p: string, line?: number, column?: number): vscode.Command {
  return { command: OPEN_COMMAND, title: 'Open', arguments: [p, line, column] };
}

function itemOf(node: ResultNode): vscode.TreeItem {
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
    case 'doc': {
      const o = node.outcome;
      const a = analysisOf(o);
      const item = new vscode.TreeItem(labelOf(o.path), a && a.markers.length > 0 ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.resourceUri = uriOf(o.path);
      item.iconPath = vscode.ThemeIcon.File;
      item.description = a ? describe(a) : o.kind;
      item.tooltip = a
        ? `${o.path}\n${formatCount(a.lines)} lines, ${formatCount(a.words)} words, ${formatCount(a.sentences)} sentences${a.fleschReadingEase !== undefined ? `, Flesch ${a.fleschReadingEase}` : ''}, ${a.headingCount} headings, ${a.markerCount} markers${o.kind === 'cached' ? ` (cached, ${o.via})` : ''}`
        : o.path;
      item.command = openCommand(o.path);
      item.contextValue = 'document';
      return item;
    }
    case 'marker': {
      const m = node.marker;
      const item = new vscode.TreeItem(m.tag, vscode.TreeItemCollapsibleState.None);
      item.id = node.id;
      item.description = `${m.line}: ${m.text.trim()}`;
      item.iconPath = new vscode.ThemeIcon('tag');
      item.tooltip = `${m.tag} at line ${m.line}, column ${m.column}`;
      item.command = openCommand(node.path, m.line, m.column);
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
    void vscode.window.showWarningMessage(`Cannot open ${p}: ${err instanceof Error ? err.message : String(err)}`);
  }
}
