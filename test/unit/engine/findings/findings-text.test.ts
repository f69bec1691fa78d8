// Findings of results that are still JSON text: a run of analyze alone notes the
// (empty) findings of a result whose text shows no markers without parsing it,
// and still finds every marker, cold and warm from a cache file.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Engine } from '../../../../src/engine/engine';
import { makeTree, removeTree } from '../../../helpers/tree';

describe('findings from results kept as text', () => {
  let root: string;
  before(() => {
    root = makeTree({ 'plain.md': '# Title\n\nNothing to do here.\n', 'todo.md': '# Title\n\nTODO: write this.\n', 'quoted.md': 'A "markers":[] string, and FIXME.\n' });
  });
  after(() => removeTree(root));

  for (const concurrency of [0, 1]) {
    it(`finds each marker and parses no marker-free result (concurrency ${concurrency}, cold then warm)`, async () => {
      const cacheFile = path.join(root, `..`, `${path.basename(root)}-${concurrency}.cache`);
      for (const warm of [false, true]) {
        const engine = new Engine({ concurrency });
        if (warm) engine.cache.load(cacheFile);
        const report = await engine.run({ roots: [root], operations: [{ id: 'analyze' }] }).done;
        if (!warm) engine.cache.save(cacheFile);
        await engine.close();
        assert.equal(report.outcomes.filter((o) => o.kind === (warm ? 'cached' : 'processed')).length, 3);
        const files = report.findings.all().map((f) => `${path.basename(f.file)}:${f.rule}`).sort();
        assert.deepEqual(files, ['quoted.md:marker', 'todo.md:marker']);
        const plain = report.outcomes.findIndex((o) => path.basename(o.path) === 'plain.md');
        const entry = report.entries![plain]![0]!;
        assert.equal(entry.results, undefined, 'the marker-free result was not parsed');
        assert.ok(entry.json !== undefined);
      }
      removeTree(cacheFile);
    });
  }
});
