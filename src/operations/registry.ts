// Operation ids to factories. Workers build their operations from the same
// (id, settings) specs as the main thread, so results agree across threads.
import { fileFilterMatcher, type FileFilter } from './file-filter';
import type { RuleInfo } from './findings';
import type { Operation, OperationFactory, OperationSettings } from './operation';
import { createAnalyze } from './analyze';

// links and lint (their Markdown parsers, markdownlint and its configuration
// readers: most of the code) are loaded when first built, not on every start:
// a run of analyze alone never reads or compiles them. The bundles keep them in
// files of their own (op-links.js, op-lint.js; see esbuild.mjs).
type LinksModule = typeof import('./links');
type LintModule = typeof import('./lint');
let linksModule: LinksModule | undefined;
let lintModule: LintModule | undefined;

const factories = new Map<string, OperationFactory>([
  ['analyze', createAnalyze],
  ['links', (settings) => (linksModule ??= require('./links') as LinksModule).createLinks(settings) as ReturnType<OperationFactory>],
  ['lint', (settings) => (lintModule ??= require('./lint') as LintModule).createLint(settings)],
]);
/** Every operation this package ships (registered ones are not among them). */
const BUILT_IN: readonly string[] = [...factories.keys()];

/** The ids of the built-in operations, in the order they run. */
export function builtInOperationIds(): string[] {
  return [...BUILT_IN];
}

/** The built-in operations. */
export const operationFactories: Readonly<Record<string, OperationFactory>> = Object.freeze(Object.fromEntries(factories));

/**
 * Adds operations from a module that exports `operations: { id: factory }`
 * (extensions of the engine, and the test suite's misbehaving operations).
 * Loaded on the main thread and in every worker, so both build the same set.
 */
export function registerOperationsFrom(modulePath: string): string[] {
  const mod = require(modulePath) as { operations?: Record<string, OperationFactory> };
  const ops = mod.operations ?? {};
  for (const [id, factory] of Object.entries(ops)) {
    if (typeof factory !== 'function') throw new Error(`${modulePath}: operation "${id}" is not a factory function`);
    factories.set(id, factory);
    rulesById.delete(id);
  }
  return Object.keys(ops);
}

/** Adds (or replaces) one operation built on this thread (a host operation: it never reaches a worker). */
export function registerOperation(id: string, factory: OperationFactory): void {
  if (BUILT_IN.includes(id)) throw new Error(`operation "${id}" is built in and cannot be replaced`);
  factories.set(id, factory);
  rulesById.delete(id);
}

/** Removes a registered operation (built-in ones stay). */
export function unregisterOperation(id: string): void {
  if (BUILT_IN.includes(id)) return;
  factories.delete(id);
  rulesById.delete(id);
}

export interface OperationSpec {
  readonly id: string;
  readonly settings?: OperationSettings;
  /** Narrows the files the operation accepts (a registered operation's filter); applied on every thread. */
  readonly accepts?: FileFilter;
}

/** Builds the operations of specs, in order; throws for an unknown id. */
export function createOperations(specs: readonly OperationSpec[]): Operation[] {
  return specs.map(({ id, settings, accepts }) => {
    const factory = factories.get(id);
    if (!factory) {
      const known = [...factories.keys()].join(', ');
      throw new Error(`Unknown operation "${id}" (known operations: ${known})`);
    }
    const op = factory(settings ?? {});
    if (!accepts || accepts.length === 0) return op;
    return narrowed(op, fileFilterMatcher(accepts));
  });
}

const OPERATION_MEMBERS = [
  'id', 'version', 'settings', 'splittable', 'map', 'mapInto', 'empty', 'combine', 'finish', 'finishDocument',
  'cacheKeyFor', 'summarize', 'fold', 'rules', 'findings', 'workspace',
] as const;

/** The operation, accepting only what `wanted` also accepts (methods bound once: an operation may be a class with private state). */
function narrowed(op: Operation, wanted: (path: string) => boolean): Operation {
  const out: Record<string, unknown> = {};
  for (const key of OPERATION_MEMBERS) {
    const value: unknown = op[key];
    if (value !== undefined) out[key] = typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(op) : value;
  }
  out.accepts = (path: string) => wanted(path) && op.accepts(path);
  return out as unknown as Operation;
}

const rulesById = new Map<string, readonly RuleInfo[]>();

/** The rules an operation reports (names and help links for the editor and reports); none for an unknown id. */
export function operationRules(id: string): readonly RuleInfo[] {
  let rules = rulesById.get(id);
  if (!rules) {
    const factory = factories.get(id);
    rules = factory ? (factory({}).rules ?? []) : [];
    if (factory) rulesById.set(id, rules);
  }
  return rules;
}
