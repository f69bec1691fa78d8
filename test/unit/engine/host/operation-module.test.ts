// A module of worker operations added after the workers started reaches them with
// the next run's configuration; a registered operation's file filter applies on
// every thread.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Engine } from '../../../../src/engine/engine';
import { makeTree, removeTree } from '../../../helpers/tree';

const COUNTING = path.resolve(__dirname, '../../../fixtures/operations/counting.cjs');

describe('operation modules added to a running engine', function () {
  this.timeout(30000);
  it('workers started before the module was added load it for the next run, and apply the spec\'s file filter', async () => {
    const root = makeTree({ 'a.md': 'one TWO\n', 'b.txt': 'three\n', 'skip.md': 'four\n' });
    const engine = new Engine({ concurrency: 2 });
    try {
      const first = await engine.run({ roots: [root], operations: [{ id: 'analyze' }] }).done;
      assert.equal(first.summary.counts.processed, 3, 'workers started');
      assert.deepEqual(engine.addOperationModule(COUNTING), ['words', 'mentions']);
      const { outcomes, summary } = await engine.run({ roots: [root], operations: [{ id: 'words', accepts: ['*.md', '!skip.md'] }] }).done;
      assert.equal(summary.counts.failed, 0);
      const kinds = Object.fromEntries(outcomes.map((o) => [path.basename(o.path), o.kind === 'processed' ? (o.results.words as { words: number }).words : o.kind]));
      assert.deepEqual(kinds, { 'a.md': 2, 'b.txt': 'skipped', 'skip.md': 'skipped' });
    } finally {
      await engine.close();
      removeTree(root);
    }
  });
});
