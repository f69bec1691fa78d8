// Which operations a run runs: the request's own list (an API run), or the
// settings' operations with every registered operation after them.
import type { Engine, OperationSpec } from '../../engine/index';
import type { OperationRegistrations } from '../../api/registrations';

/**
 * @param requested the request's operation ids, if it names them
 * @param configured the operations the settings run
 * @param registered the specs of the operations other extensions registered
 */
export function runOperations(requested: readonly string[] | undefined, configured: readonly OperationSpec[], registered: readonly OperationSpec[]): OperationSpec[] {
  const all = [...configured, ...registered.filter((r) => !configured.some((c) => c.id === r.id))];
  if (!requested) return all;
  return [...new Set(requested)].map((id) => all.find((spec) => spec.id === id) ?? { id });
}

/**
 * The run's operations (see runOperations), with the engine told of the
 * registered ones first (host functions, worker modules) and of those removed.
 */
export function engineOperations(registrations: OperationRegistrations | undefined, engine: Engine, requested: readonly string[] | undefined, configured: readonly OperationSpec[]): OperationSpec[] {
  const registered = registrations?.all() ?? [];
  for (const id of registrations?.takeRemovedHosts() ?? []) engine.deleteHostOperation(id);
  for (const op of registered) {
    if (op.kind === 'host') engine.addHostOperation(op.host);
    else engine.addOperationModule(op.modulePath);
  }
  return runOperations(requested, configured, registered.map((op) => op.spec));
}
