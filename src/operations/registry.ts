// Operation ids to factories. Workers build their operations from the same
// (id, settings) specs as the main thread, so results agree across threads.
import type { Operation, OperationFactory, OperationSettings } from './operation';
import { createAnalyze } from './analyze';

export const operationFactories: Readonly<Record<string, OperationFactory>> = Object.freeze({
  analyze: createAnalyze,
});

export interface OperationSpec {
  readonly id: string;
  readonly settings?: OperationSettings;
}

/** Builds the operations of specs, in order; throws for an unknown id. */
export function createOperations(specs: readonly OperationSpec[]): Operation[] {
  return specs.map(({ id, settings }) => {
    if (!Object.hasOwn(operationFactories, id)) {
      const known = Object.keys(operationFactories).join(', ');
      throw new Error(`Unknown operation "${id}" (known operations: ${known})`);
    }
    return operationFactories[id](settings ?? {});
  });
}
