// Findings of results that are still JSON text: a run of analyze alone notes the
// (empty) findings of a result whose text shows no markers without parsing it,
// and still finds every marker, cold and warm from a cache file; a run of several
// operations reads each one's result from its own entry, and parses none that
// proves it has no findings.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { Engine } from '../../../../src/engine/engine';
import { makeTree, removeTree } from '../../../helpers/tree';

describe('findings from results kept as text', () => {
  let root: string;
  before(() => {
    root = makeTree({
      'plain.md': '# Title\n\nNothing to do here, see [todo](todo.md#title).\n',
      'todo.md': '# Title\n\nTODO: write this, see [nowhere](#nowhere).\n',
      'quoted.md': 'A "markers":[] string, and FIXME.\n',
      'notes.txt': 'Not Markdown: links does not read it. HACK\n',
    });
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
        assert.equal(report.outcomes.filter((o) => o.kind === (warm ? 'cached' : 'processed')).length, 4);
        const files = report.findings.all().map((f) => `${path.basename(f.file)}:${f.rule}`).sort();
        assert.deepEqual(files, ['notes.txt:marker', 'quoted.md:marker', 'todo.md:marker']);
        const plain = report.outcomes.findIndex((o) => path.basename(o.path) === 'plain.md');
        const entry = report.entries![plain]![0]!;
        assert.equal(entry.results, undefined, 'the marker-free result was not parsed');
        assert.ok(entry.json !== undefined);
      }
      removeTree(cacheFile);
    });
  }

  // Regression: a warm run of analyze and links over tldr parsed all 38,000 analyze
  // results (kept to the run's end: 25 MiB) to find the 4 with markers.
  for (const concurrency of [0, 1]) {
    it(`with several operations, parses only the results that need it (concurrency ${concurrency}, cold then warm)`, async () => {
      const cacheFile = path.join(root, `..`, `${path.basename(root)}-ops-${concurrency}.cache`);
      for (const warm of [false, true]) {
        const engine = new Engine({ concurrency });
        if (warm) engine.cache.load(cacheFile);
        const report = await engine.run({ roots: [root], operations: [{ id: 'analyze' }, { id: 'links' }] }).done;
        if (!warm) engine.cache.save(cacheFile);
        await engine.close();
        assert.equal(report.outcomes.filter((o) => o.kind === (warm ? 'cached' : 'processed')).length, 4);
        const files = report.findings.all().map((f) => `${path.basename(f.file)}:${f.operation}:${f.rule}`).sort();
        assert.deepEqual(files, ['notes.txt:analyze:marker', 'quoted.md:analyze:marker', 'todo.md:analyze:marker', 'todo.md:links:missing-fragment']);
        const entriesOf = (name: string) => report.entries![report.outcomes.findIndex((o) => path.basename(o.path) === name)]!;
        const [analyze, links] = entriesOf('plain.md');
        assert.equal(analyze!.results, undefined, "plain.md's marker-free analyze result was not parsed");
        assert.ok(analyze!.json !== undefined);
        assert.ok(links!.results !== undefined && 'links' in links!.results, 'links reads every result for its workspace phase');
        assert.ok(entriesOf('todo.md')[0]!.results !== undefined, 'a result with a marker is parsed for its findings');
        assert.equal(entriesOf('notes.txt').length, 1);
      }
      removeTree(cacheFile);
    });
  }
});
