// Run requests: what a run is asked to cover, how requests are told apart, and
// when one run does what another request asks (queued requests coalesce).
import type * as vscode from 'vscode';
import type { HostOperation } from '../engine/index';
import { isUnder, pathOf } from './paths';

/** What started a run request. */
export type Trigger = 'palette' | 'explorer' | 'statusBar' | 'save' | 'config' | 'fix' | 'api' | 'lm';

export interface RunRequest {
  readonly trigger: Trigger;
  /** Folders (or files) to walk. */
  readonly roots?: readonly vscode.Uri[];
  /** Exactly these files (saved documents). */
  readonly files?: readonly string[];
  /** Exactly these operations (an API run); default: the settings' and every registered one. */
  readonly operations?: readonly string[];
  /** Who asked, for an API run (the log, the API's finished event). */
  readonly label?: string;
  /**
   * Host operations only this run may run (the language-model commands' review and
   * enhance): given to the engine when the run starts, named in `operations`, never
   * part of an ordinary run.
   */
  readonly hostOperations?: readonly HostOperation[];
}

/** Whether running `a` also does everything `b` asks for. */
export function covers(a: RunRequest, b: RunRequest): boolean {
  if (operationsKey(a) !== operationsKey(b)) return false;
  if (a.files) return !!b.files && b.files.every((f) => a.files!.includes(f));
  const roots = (a.roots ?? []).map(pathOf);
  const targets = b.files ?? (b.roots ?? []).map(pathOf);
  return targets.length > 0 && targets.every((t) => roots.some((r) => isUnder(t, r)));
}

export function keyOf(req: RunRequest): string {
  if (req.files) return operationsKey(req) + 'files:' + [...req.files].sort().join('\0');
  return operationsKey(req) + 'roots:' + (req.roots ?? []).map(pathOf).sort().join('\0');
}

function operationsKey(req: RunRequest): string {
  return req.operations ? `ops:${req.operations.join(',')};` : '';
}
