import assert from 'node:assert/strict';
import { exitStatus, parseFailOn, parseOperations, OperationsUsageError } from '../../../src/cli/operations';
import type { Finding } from '../../../src/operations/findings';
import type { Summary } from '../../../src/engine/types';
import { cli } from '../../helpers/cli';
import { makeTree, removeTree } from '../../helpers/tree';
import { sarifErrors } from '../../helpers/sarif';

const summary = (over: Partial<Summary> = {}, failed = 0): Summary =>
  ({ state: 'finished', counts: { discovered: 1, queued: 0, processed: 1 - failed, cached: 0, skipped: 0, failed }, ...over }) as Summary;
const finding = (severity: Finding['severity']): Finding => ({
  operation: 'links',
  rule: 'r',
  severity,
  message: 'm',
  file: '/a.md',
  range: { start: { line: 1, column: 1 }, end: { line: 1, column: 2 } },
});

describe('command line: operations and --fail-on', function () {
  this.timeout(60_000);

  it('--ops takes known ids, de-duplicated, in the order given; an unknown one is a usage error naming the known ones', () => {
    assert.deepEqual(parseOperations('links, analyze,links', ['analyze', 'links']), ['links', 'analyze']);
    assert.deepEqual(parseOperations(undefined, ['analyze', 'links']), ['analyze', 'links']);
    assert.throws(() => parseOperations('analyze,nope', ['analyze', 'links']), (e: Error) => e instanceof OperationsUsageError && /among analyze, links, not 'analyze,nope'/.test(e.message));
    assert.throws(() => parseOperations(',', ['analyze']), OperationsUsageError);
  });

  it('--fail-on: error by default; warning, info and none; anything else is a usage error', () => {
    assert.equal(parseFailOn(undefined), 'error');
    for (const v of ['error', 'warning', 'info', 'none'] as const) assert.equal(parseFailOn(v), v);
    assert.throws(() => parseFailOn('warn'), OperationsUsageError);
  });

  it('exit status: 1 for a failed document or a finding at or above --fail-on, 130 when cancelled, else 0', () => {
    assert.equal(exitStatus(summary(), [finding('warning')], 'error'), 0);
    assert.equal(exitStatus(summary(), [finding('error')], 'error'), 1);
    assert.equal(exitStatus(summary(), [finding('warning')], 'warning'), 1);
    assert.equal(exitStatus(summary(), [finding('info')], 'warning'), 0);
    assert.equal(exitStatus(summary(), [finding('info')], 'info'), 1);
    assert.equal(exitStatus(summary(), [finding('error')], 'none'), 0);
    assert.equal(exitStatus(summary({}, 1), [], 'none'), 1, 'a failed document fails the run whatever --fail-on says');
    assert.equal(exitStatus(summary({ state: 'cancelled' }), [finding('error')], 'error'), 130);
  });

  it('end to end: --format sarif validates against the schema, and --fail-on info fails on a marker', () => {
    const root = makeTree({ 'a.md': '# Title\n\nTODO: write more\n' });
    try {
      const r = cli([root, '--ops', 'analyze', '--format', 'sarif', '--no-progress']);
      assert.equal(r.status, 0, r.stderr);
      assert.deepEqual(sarifErrors(r.stdout), []);
      const log = JSON.parse(r.stdout);
      assert.deepEqual(
        log.runs[0].results.map((x: { ruleId: string; level: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number; startColumn: number } } }[] }) => [
          x.ruleId,
          x.level,
          x.locations[0]!.physicalLocation.artifactLocation.uri,
          x.locations[0]!.physicalLocation.region.startLine,
          x.locations[0]!.physicalLocation.region.startColumn,
        ]),
        [['marker', 'note', 'a.md', 3, 1]],
      );
      assert.equal(cli([root, '--ops', 'analyze', '--fail-on', 'info', '--no-progress']).status, 1);
      const bad = cli([root, '--fail-on', 'sometimes']);
      assert.equal(bad.status, 2);
      assert.match(bad.stderr.trim(), /^batch-ops: --fail-on takes one of info, warning, error, none, not 'sometimes'/);
    } finally {
      removeTree(root);
    }
  });
});
