// --ops and --fail-on messages, and the exit status.
import assert from 'node:assert/strict';
import { exitStatus, FAIL_ON_VALUES, parseFailOn, parseOperations, OperationsUsageError } from '../../../src/cli/operations';
import { builtInOperationIds } from '../../../src/operations/registry';
import type { Finding } from '../../../src/operations/findings';
import type { Summary } from '../../../src/engine/types';

const summary = (state: Summary['state'], failed = 0) => ({ state, counts: { failed } }) as unknown as Summary;
const finding = (severity: Finding['severity']) => ({ severity }) as Finding;

describe('command line operations: messages and exit status', () => {
  it('--ops without a list of known ones: every built-in operation, in a new array', () => {
    const known = builtInOperationIds();
    const ops = parseOperations(undefined);
    assert.deepEqual(ops, [...known]);
    assert.ok(ops.length > 0);
    assert.notEqual(ops, known);
    assert.deepEqual(parseOperations(' analyze ', ['analyze']), ['analyze']);
    assert.deepEqual(parseOperations('analyze,,links,', ['analyze', 'links']), ['analyze', 'links'], 'empty items are dropped');
  });

  it('an empty --ops is a usage error naming the known operations and the text given', () => {
    assert.throws(() => parseOperations('', ['analyze', 'links']), (e: Error) => e instanceof OperationsUsageError && e.message === "--ops takes comma-separated operations among analyze, links, not ''");
    assert.throws(() => parseOperations(' , ', ['analyze']), (e: Error) => e.message === "--ops takes comma-separated operations among analyze, not ' , '");
  });

  it('a bad --fail-on names the values it takes', () => {
    assert.deepEqual(FAIL_ON_VALUES, ['info', 'warning', 'error', 'none']);
    assert.throws(() => parseFailOn('warn'), (e: Error) => e instanceof OperationsUsageError && e.message === "--fail-on takes one of info, warning, error, none, not 'warn'");
    assert.throws(() => parseFailOn(''), OperationsUsageError);
  });

  it('exit status: 130 when cancelled, whatever failed; 1 for a failure or a finding at --fail-on; else 0', () => {
    assert.equal(exitStatus(summary('cancelled', 3), [finding('error')], 'error'), 130);
    assert.equal(exitStatus(summary('stopped' as never, 1), [], 'none'), 1);
    assert.equal(exitStatus(summary('finished'), [], 'info'), 0);
    assert.equal(exitStatus(summary('finished'), [finding('info'), finding('error')], 'error'), 1, 'any finding at the level');
    assert.equal(exitStatus(summary('finished'), [finding('warning')], 'error'), 0);
    assert.equal(exitStatus(summary('finished'), [finding('warning')], 'warning'), 1);
    assert.equal(exitStatus(summary('finished'), [finding('error')], 'none'), 0);
  });
});
