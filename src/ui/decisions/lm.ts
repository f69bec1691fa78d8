// The language-model commands (Review / Enhance with Language Model), decided
// without the editor: the settings as read, which model to use, how a vscode.lm
// error maps to a ModelError kind, the instructions offered, and what a request's
// log line says (never content). What the user reads (the confirmation, why a run
// stopped) is in ../lm/lmText.ts, where the l10n extractor finds it.
import { SETTINGS } from '../../settings/table';
import type { ModelErrorKind, ModelRequestRecord } from '../../operations/review/model';
import { byPath } from '../../util/order';

export interface LmSettings {
  /** undefined: any vendor. */
  readonly vendor?: string;
  readonly family?: string;
  readonly maxConcurrentRequests: number;
  readonly instructions: readonly string[];
}

export const DEFAULT_INSTRUCTIONS: readonly string[] = SETTINGS['lm.instructions'].default;
export const DEFAULT_MAX_CONCURRENT_REQUESTS = SETTINGS['lm.maxConcurrentRequests'].default;
/** More than this many requests at once is never asked for, whatever the setting says. */
export const MAX_CONCURRENT_REQUESTS = 16;

/** The batchOperations.lm.* settings, checked: blank strings are "any", bad numbers the default. */
export function lmSettings(raw: { vendor?: unknown; family?: unknown; maxConcurrentRequests?: unknown; instructions?: unknown }): LmSettings {
  const text = (v: unknown) => (typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined);
  const n = raw.maxConcurrentRequests;
  const concurrency = typeof n === 'number' && Number.isFinite(n) && n >= 1 ? Math.min(MAX_CONCURRENT_REQUESTS, Math.floor(n)) : DEFAULT_MAX_CONCURRENT_REQUESTS;
  const vendor = text(raw.vendor);
  const family = text(raw.family);
  return { ...(vendor ? { vendor } : {}), ...(family ? { family } : {}), maxConcurrentRequests: concurrency, instructions: instructionChoices(raw.instructions) };
}

/** The instructions Enhance offers: the setting's (trimmed, no duplicates), or the defaults when it gives none. */
export function instructionChoices(setting: unknown): string[] {
  const list = Array.isArray(setting) ? setting.filter((s): s is string => typeof s === 'string').map((s) => s.trim()).filter((s) => s !== '') : [];
  return list.length > 0 ? [...new Set(list)] : [...DEFAULT_INSTRUCTIONS];
}

/** What selectChatModels found, as the choice needs it. */
export interface ModelCandidate {
  readonly id: string;
  readonly name: string;
  readonly vendor: string;
  readonly family: string;
  readonly maxInputTokens: number;
}

export type ModelChoice = { readonly kind: 'none' } | { readonly kind: 'one'; readonly index: number } | { readonly kind: 'pick'; readonly items: readonly { label: string; description: string }[] };

/** None: say so; one: use it; several: the user picks (labelled by name, described by vendor, family and input size). */
export function chooseModel(models: readonly ModelCandidate[]): ModelChoice {
  if (models.length === 0) return { kind: 'none' };
  if (models.length === 1) return { kind: 'one', index: 0 };
  return { kind: 'pick', items: models.map((m) => ({ label: m.name || m.id, description: `${m.vendor} · ${m.family} · ${m.maxInputTokens.toLocaleString('en-US')} tokens` })) };
}

/** The selector, as the log and the "no model" message describe it. */
export function selectorText(s: Pick<LmSettings, 'vendor' | 'family'>): string {
  const parts = [s.vendor ? `vendor "${s.vendor}"` : '', s.family ? `family "${s.family}"` : ''].filter(Boolean);
  return parts.length > 0 ? parts.join(', ') : 'any vendor';
}

/**
 * A vscode.lm failure as the operations act on it. `LanguageModelError` codes are
 * compared as strings (`Blocked`, `NoPermissions`, `NotFound`: what the class's
 * static factories name them); a cancellation (the token, or an error named
 * Canceled / AbortError) is `cancelled`; the rest is `other`.
 */
export function modelErrorKindOf(err: unknown, cancelled: boolean): ModelErrorKind {
  if (cancelled) return 'cancelled';
  const e = (err ?? {}) as { name?: unknown; code?: unknown; message?: unknown };
  const code = typeof e.code === 'string' ? e.code : '';
  if (code === 'Blocked') return 'blocked';
  if (code === 'NoPermissions') return 'no-permissions';
  if (code === 'NotFound') return 'not-found';
  if (e.name === 'Canceled' || e.name === 'AbortError' || e.name === 'CancellationError') return 'cancelled';
  if (code === 'ECONNRESET' || code === 'ECONNREFUSED' || code === 'ETIMEDOUT' || code === 'ENOTFOUND') return 'connection';
  return 'other';
}

/** What the user is asked before anything is sent. */
export interface LmConfirmation {
  readonly operation: 'review' | 'enhance';
  readonly model: string;
  readonly vendor: string;
  readonly maxInputTokens: number;
  readonly documents: number;
  readonly tokens: number;
  readonly requests: number;
  readonly largestRequestTokens: number;
  readonly fitsOneRequestEach: boolean;
  readonly instruction?: string;
  /** The message (first line) and its detail, as shown. */
  readonly message: string;
  readonly detail: string;
}

export interface Estimate {
  readonly documents: number;
  readonly tokens: number;
  readonly requests: number;
  readonly largestRequestTokens: number;
  readonly fitsOneRequestEach: boolean;
}

/** One request, for the log: which document and part, tokens, time, outcome; never the text sent or received. */
export function requestLogLine(r: ModelRequestRecord): string {
  return `${r.operation}: ${r.path} part ${r.part}/${r.parts}: ${r.outcome}, ${r.tokensIn} tokens in, ${r.tokensOut} out, ${Math.round(r.ms)} ms`;
}

/** The documents an estimate reads: those the operation accepts, in path order. */
export function documentsToEstimate<T extends { path: string }>(candidates: readonly T[], accepts: (path: string) => boolean): T[] {
  return candidates.filter((c) => accepts(c.path)).sort(byPath);
}
