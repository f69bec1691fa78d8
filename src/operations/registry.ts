// Operation ids to factories. Workers build their operations from the same
// (id, settings) specs as the main thread, so results agree across threads.
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
  }
  return Object.keys(ops);
}

export interface OperationSpec {
  readonly id: string;
  readonly settings?: OperationSettings;
}

/** Builds the operations of specs, in order; throws for an unknown id. */
export function createOperations(specs: readonly OperationSpec[]): Operation[] {
  return specs.map(({ id, settings }) => {
    const factory = factories.get(id);
    if (!factory) {
      const known = [...factories.keys()].join(', ');
      throw new Error(`Unknown operation "${id}" (known operations: ${known})`);
    }
    return factory(settings ?? {});
  });
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
