// Which operations a run runs: the request's own list (an API run), or the
// settings' operations with every registered operation after them.
import type { OperationSpec } from '../../engine/index';

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
