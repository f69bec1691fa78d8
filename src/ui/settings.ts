// batchOperations.* configuration -> engine options.
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { DiscoverOptions, EngineOptions } from '../engine/index';
import { DEFAULT_EXCLUDES } from '../engine/types';
import type { SeverityOverride } from '../operations/findings';
import { severityOverridesOf } from './decisions/problemSeverity';

export const SECTION = 'batchOperations';
const MiB = 1024 * 1024;

export interface Settings {
  readonly discover: Omit<DiscoverOptions, 'signal'>;
  readonly engine: Pick<EngineOptions, 'concurrency' | 'cache' | 'timeoutMs'>;
  readonly limits: { readonly maxDocuments?: number; readonly maxBytes?: number; readonly maxResults?: number };
  readonly generated: { readonly maxLineLength: number; readonly maxRunLength: number };
  readonly chunk: { readonly maxChars: number; readonly overlap: number };
  readonly markers: readonly string[];
  /** batchOperations.operations: the operation ids to run; empty for every built-in one. */
  readonly operations: readonly string[];
  readonly diagnostics: { readonly enabled: boolean };
  /** batchOperations.severity: per-rule levels ('rule' or 'operation/rule'), and the keys left out as invalid. */
  readonly severities: { readonly overrides: Readonly<Record<string, SeverityOverride>>; readonly ignored: readonly string[] };
  readonly statusBarEnabled: boolean;
}

export interface SettingsOverrides {
  concurrency?: number | 'auto';
}

/** 'auto' leaves the editor a core. */
export function editorConcurrency(value: unknown): number {
  if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return Math.floor(value);
  if (typeof value === 'string' && /^\d+$/.test(value.trim())) return Number(value.trim());
  return Math.max(1, os.availableParallelism() - 1);
}

/** Globs of a files.exclude / search.exclude object that are switched on (when clauses are ignored). */
function enabledGlobs(value: unknown): string[] {
  if (!value || typeof value !== 'object') return [];
  const out: string[] = [];
  for (const [glob, on] of Object.entries(value as Record<string, unknown>)) {
    if (on !== true) continue;
    const g = glob.replace(/^\.\//, '').replace(/\/$/, '');
    out.push(g, `${g}/**`);
  }
  return out;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string' && v.trim() !== '') : [];
}

export function readSettings(scope?: vscode.Uri, overrides: SettingsOverrides = {}): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  const exclude = [...DEFAULT_EXCLUDES, ...strings(c.get('exclude'))];
  if (c.get<boolean>('useFilesExclude', true)) exclude.push(...enabledGlobs(vscode.workspace.getConfiguration('files', scope).get('exclude')));
  if (c.get<boolean>('useSearchExclude', true)) exclude.push(...enabledGlobs(vscode.workspace.getConfiguration('search', scope).get('exclude')));
  const maxMiB = Number(c.get('maxFileSize', 10));
  const chunkSize = Math.max(1024, Number(c.get('chunkSize', 1 << 20)) || 1 << 20);
  const overlap = Math.min(Math.max(0, Number(c.get('chunkOverlap', 256)) || 0), Math.floor(chunkSize / 2));
  const ttlHours = Number(c.get('cacheTtlHours', 168));
  const maxMB = Number(c.get('cacheMaxMB', 512));
  const markers = strings(c.get('markers'));
  const positive = (key: string, fallback: number) => {
    const n = Number(c.get(key, fallback));
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  return {
    discover: {
      include: strings(c.get('include')),
      exclude: [...new Set(exclude)],
      useGitignore: c.get<boolean>('useGitignore', true),
      maxFileSize: Number.isFinite(maxMiB) && maxMiB > 0 ? Math.round(maxMiB * MiB) : 10 * MiB,
    },
    engine: {
      concurrency: editorConcurrency(overrides.concurrency ?? c.get('concurrency', 'auto')),
      timeoutMs: Math.max(1, positive('timeoutSeconds', 30)) * 1000,
      cache: {
        ttlMs: Number.isFinite(ttlHours) && ttlHours > 0 ? ttlHours * 3600_000 : 168 * 3600_000,
        maxBytes: Number.isFinite(maxMB) && maxMB > 0 ? Math.round(maxMB * 1e6) : 512e6,
      },
    },
    chunk: { maxChars: chunkSize, overlap },
    limits: {
      ...(positive('limits.maxDocuments', 0) > 0 ? { maxDocuments: positive('limits.maxDocuments', 0) } : {}),
      ...(positive('limits.maxMB', 0) > 0 ? { maxBytes: Math.round(positive('limits.maxMB', 0) * 1e6) } : {}),
      maxResults: Math.max(1, positive('limits.maxResults', 500_000)),
    },
    generated: { maxLineLength: positive('generated.maxLineLength', 20_000), maxRunLength: positive('generated.maxRunLength', 5_000) },
    markers: markers.length > 0 ? markers : ['TODO', 'FIXME', 'HACK', 'XXX', 'BUG'],
    operations: [...new Set(strings(c.get('operations')).map((id) => id.trim()))],
    diagnostics: { enabled: c.get<boolean>('diagnostics.enabled', true) },
    severities: severityOverridesOf(c.get('severity'), explicitly(c, 'diagnostics.severity')),
    statusBarEnabled: c.get<boolean>('statusBar.enabled', true),
  };
}

/** A setting's value when the user or the workspace set it, else undefined (not its default). */
function explicitly(c: vscode.WorkspaceConfiguration, key: string): unknown {
  const i = c.inspect(key);
  return i?.workspaceFolderValue ?? i?.workspaceValue ?? i?.globalValue;
}

/** The settings that require a new engine when they change. */
export function engineKey(s: Settings): string {
  return JSON.stringify(s.engine);
}
