// batchOperations.* configuration -> engine options.
import * as os from 'node:os';
import * as vscode from 'vscode';
import type { DiscoverOptions, EngineOptions } from '../engine/index';
import { DEFAULT_EXCLUDES } from '../engine/types';
import type { SeverityOverride } from '../operations/findings';
import { MiB, SECTION, SETTINGS, type NumberSettingName, type SettingName } from '../settings/table';
import { severityOverridesOf } from './decisions/problemSeverity';
import { lintSettingsOf } from './decisions/lintSettings';
import type { LintSettings } from '../operations/lint';

export { SECTION };

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
  /** batchOperations.lint.*: the lint operation's settings (part of its cache key). */
  readonly lint: LintSettings;
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

/**
 * One setting, at the table's default when unset: for the views that ask for one
 * switch several times a second while a run goes (readSettings reads them all).
 */
export function readSetting<N extends SettingName>(name: N, scope?: vscode.Uri): (typeof SETTINGS)[N]['default'] {
  return vscode.workspace.getConfiguration(SECTION, scope).get(name, SETTINGS[name].default);
}

export function readSettings(scope?: vscode.Uri, overrides: SettingsOverrides = {}): Settings {
  const c = vscode.workspace.getConfiguration(SECTION, scope);
  // Every fallback is the table's default (the one package.json declares too).
  const get = <N extends SettingName>(name: N): (typeof SETTINGS)[N]['default'] => c.get(name, SETTINGS[name].default);
  const exclude = [...DEFAULT_EXCLUDES, ...strings(c.get('exclude'))];
  if (get('useFilesExclude')) exclude.push(...enabledGlobs(vscode.workspace.getConfiguration('files', scope).get('exclude')));
  if (get('useSearchExclude')) exclude.push(...enabledGlobs(vscode.workspace.getConfiguration('search', scope).get('exclude')));
  const maxMiB = Number(get('maxFileSize'));
  const chunkSize = Math.max(SETTINGS.chunkSize.minimum, Number(get('chunkSize')) || SETTINGS.chunkSize.default);
  const overlap = Math.min(Math.max(0, Number(get('chunkOverlap')) || 0), Math.floor(chunkSize / 2));
  const ttlHours = Number(get('cacheTtlHours'));
  const maxMB = Number(get('cacheMaxMB'));
  const markers = strings(get('markers'));
  const positive = (name: NumberSettingName) => {
    const fallback = SETTINGS[name].default;
    const n = Number(c.get(name, fallback));
    return Number.isFinite(n) && n >= 0 ? n : fallback;
  };
  return {
    discover: {
      include: strings(c.get('include')),
      exclude: [...new Set(exclude)],
      useGitignore: get('useGitignore'),
      maxFileSize: Math.round((Number.isFinite(maxMiB) && maxMiB > 0 ? maxMiB : SETTINGS.maxFileSize.default) * MiB),
    },
    engine: {
      concurrency: editorConcurrency(overrides.concurrency ?? get('concurrency')),
      timeoutMs: Math.max(SETTINGS.timeoutSeconds.minimum, positive('timeoutSeconds')) * 1000,
      cache: {
        ttlMs: (Number.isFinite(ttlHours) && ttlHours > 0 ? ttlHours : SETTINGS.cacheTtlHours.default) * 3600_000,
        maxBytes: Math.round((Number.isFinite(maxMB) && maxMB > 0 ? maxMB : SETTINGS.cacheMaxMB.default) * 1e6),
      },
    },
    chunk: { maxChars: chunkSize, overlap },
    limits: {
      ...(positive('limits.maxDocuments') > 0 ? { maxDocuments: positive('limits.maxDocuments') } : {}),
      ...(positive('limits.maxMB') > 0 ? { maxBytes: Math.round(positive('limits.maxMB') * 1e6) } : {}),
      maxResults: Math.max(SETTINGS['limits.maxResults'].minimum, positive('limits.maxResults')),
    },
    generated: { maxLineLength: positive('generated.maxLineLength'), maxRunLength: positive('generated.maxRunLength') },
    markers: markers.length > 0 ? markers : SETTINGS.markers.default,
    operations: [...new Set(strings(c.get('operations')).map((id) => id.trim()))],
    diagnostics: { enabled: get('diagnostics.enabled') },
    severities: severityOverridesOf(c.get('severity'), explicitly(c, 'diagnostics.severity')),
    statusBarEnabled: get('statusBar.enabled'),
    lint: lintSettingsOf({ config: get('lint.config'), allowJavaScriptConfig: get('lint.allowJavaScriptConfig') }, vscode.workspace.isTrusted),
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
