// A document's result depends on more than its text for some operations (lint: the
// configuration files above it): that is part of its cache key, so editing one
// configuration file re-runs exactly the documents under it.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../../../../src/engine/engine';
import { makeTree, removeTree } from '../../../helpers/tree';

describe('per-document cache keys (lint configuration)', () => {
  let root: string;
  let engine: Engine;
  beforeEach(() => {
    root = makeTree({ 'a.md': '# A\n\nline \n', 'sub/b.md': '# B\n\nline \n', 'sub/deeper/c.md': '# C\n\nline \n', 'other/d.md': '# D\n\nline \n' });
    engine = new Engine({ concurrency: 0 });
  });
  afterEach(async () => {
    await engine.close();
    removeTree(root);
  });

  const lintRun = async () => {
    const report = await engine.run({ roots: [root], operations: [{ id: 'lint' }] }).done;
    const kinds = Object.fromEntries(report.outcomes.filter((o) => o.path.endsWith('.md')).map((o) => [path.relative(root, o.path), o.kind]));
    const rules = report.findings.all().map((f) => `${path.relative(root, f.file)}:${f.rule}`);
    return { kinds, rules };
  };

  it('a new .markdownlint.jsonc in a folder re-lints the documents under it and only those', async () => {
    const first = await lintRun();
    assert.deepEqual(first.kinds, { 'a.md': 'processed', 'other/d.md': 'processed', 'sub/b.md': 'processed', 'sub/deeper/c.md': 'processed' });
    assert.deepEqual(first.rules.sort(), ['a.md:MD009', 'other/d.md:MD009', 'sub/b.md:MD009', 'sub/deeper/c.md:MD009']);

    fs.writeFileSync(path.join(root, 'sub', '.markdownlint.jsonc'), '// trailing spaces are fine here\n{ "MD009": false }\n');
    const second = await lintRun();
    assert.deepEqual(second.kinds, { 'a.md': 'cached', 'other/d.md': 'cached', 'sub/b.md': 'processed', 'sub/deeper/c.md': 'processed' });
    assert.deepEqual(second.rules.sort(), ['a.md:MD009', 'other/d.md:MD009']);

    const third = await lintRun();
    assert.deepEqual(Object.values(third.kinds), ['cached', 'cached', 'cached', 'cached'], 'unchanged configuration: all warm');
  });
});
