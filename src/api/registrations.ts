// The operations other extensions registered, checked and kept in the form the
// engine takes them (a host operation, or a module of worker operations). Editor-
// free: the API layer adapts VS Code's types before a registration gets here.
import type { HostOperation } from '../engine/index';
import type { OperationSpec } from '../engine/index';
import type { RuleInfo } from '../operations/findings';

interface RegisteredBase {
  readonly id: string;
  /** What a run names it by (with its settings and file filter). */
  readonly spec: OperationSpec;
  readonly rules: readonly RuleInfo[];
}

export type RegisteredOperation = (RegisteredBase & { readonly kind: 'host'; readonly host: HostOperation }) | (RegisteredBase & { readonly kind: 'module'; readonly modulePath: string });

/** What registerOperation was given, before the API layer adapts its host function. */
export interface RegistrationFields {
  readonly id: unknown;
  readonly version: unknown;
  readonly accepts?: unknown;
  readonly settings?: unknown;
  readonly rules?: unknown;
  readonly modulePath?: unknown;
  readonly run?: unknown;
  readonly concurrency?: unknown;
  readonly requestsPerSecond?: unknown;
  readonly burst?: unknown;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;

/** Why a registration cannot be taken, or undefined when it can. */
export function registrationProblem(r: RegistrationFields, taken: (id: string) => boolean): string | undefined {
  if (typeof r.id !== 'string' || !ID.test(r.id)) return `id must be letters, digits, '.', '_' or '-' (at most 100), not ${JSON.stringify(r.id)}`;
  if (taken(r.id)) return `an operation with id "${r.id}" is already registered or built in`;
  if (typeof r.version !== 'number' || !Number.isInteger(r.version) || r.version < 0) return `"${r.id}": version must be a whole number`;
  if (r.accepts !== undefined && !(Array.isArray(r.accepts) && r.accepts.every((a) => typeof a === 'string'))) return `"${r.id}": accepts must be an array of extensions or glob patterns`;
  if (r.settings !== undefined && !isJsonObject(r.settings)) return `"${r.id}": settings must be a plain JSON object`;
  if (r.rules !== undefined && !(Array.isArray(r.rules) && r.rules.every(isRule))) return `"${r.id}": rules must be { id, name, description, defaultSeverity } objects`;
  const hasModule = r.modulePath !== undefined;
  const hasRun = r.run !== undefined;
  if (hasModule === hasRun) return `"${r.id}": give either modulePath (a worker module) or run (a host function), not ${hasModule ? 'both' : 'neither'}`;
  if (hasModule && typeof r.modulePath !== 'string') return `"${r.id}": modulePath must be a path`;
  if (hasRun && typeof r.run !== 'function') return `"${r.id}": run must be a function`;
  for (const key of ['concurrency', 'requestsPerSecond', 'burst'] as const) {
    const v = r[key];
    if (v !== undefined && !(typeof v === 'number' && v > 0 && Number.isFinite(v))) return `"${r.id}": ${key} must be a positive number`;
  }
  return undefined;
}

function isJsonObject(v: unknown): boolean {
  return v !== null && typeof v === 'object' && !Array.isArray(v) && isJson(v, 0);
}

/** Plain JSON: what survives JSON.stringify and parse unchanged (no functions, Dates, Maps, cycles). */
function isJson(v: unknown, depth: number): boolean {
  if (depth > 64) return false;
  if (v === null || typeof v === 'string' || typeof v === 'boolean') return true;
  if (typeof v === 'number') return Number.isFinite(v);
  if (Array.isArray(v)) return v.every((x) => isJson(x, depth + 1));
  if (typeof v !== 'object') return false;
  const proto = Object.getPrototypeOf(v) as unknown;
  if (proto !== Object.prototype && proto !== null) return false;
  return Object.values(v).every((x) => isJson(x, depth + 1));
}

function isRule(v: unknown): v is RuleInfo {
  const r = v as RuleInfo;
  return typeof r === 'object' && r !== null && typeof r.id === 'string' && typeof r.name === 'string' && typeof r.description === 'string' && ['error', 'warning', 'info'].includes(r.defaultSeverity);
}

/** The registered operations, in registration order; the controller hands them to the engine before each run. */
export class OperationRegistrations {
  private readonly byId = new Map<string, RegisteredOperation>();
  /** Host operations removed since the engine was last told. */
  private removedHosts = new Set<string>();

  constructor(private readonly builtIn: () => readonly string[]) {}

  has(id: string): boolean {
    return this.byId.has(id) || this.builtIn().includes(id);
  }

  add(op: RegisteredOperation): void {
    if (this.has(op.id)) throw new Error(`an operation with id "${op.id}" is already registered or built in`);
    this.byId.set(op.id, op);
    this.removedHosts.delete(op.id);
  }

  /** Removes it; false when it was not registered (a second dispose). */
  delete(id: string): boolean {
    const op = this.byId.get(id);
    if (!op) return false;
    this.byId.delete(id);
    if (op.kind === 'host') this.removedHosts.add(id);
    return true;
  }

  all(): RegisteredOperation[] {
    return [...this.byId.values()];
  }

  get(id: string): RegisteredOperation | undefined {
    return this.byId.get(id);
  }

  /** The host operations removed since the last call (the engine is to forget them). */
  takeRemovedHosts(): string[] {
    const ids = [...this.removedHosts];
    this.removedHosts = new Set();
    return ids;
  }
}
