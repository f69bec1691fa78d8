// Readability is a figure for prose: code passes the English check (its words are
// English), and gave Flesch scores of -514.5 (cache.test.ts) and -384 (discover.test.ts).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../../../../src/engine/engine';
import type { AnalyzeResult } from '../../../../src/operations/analyze';
import { isProsePath } from '../../../../src/operations/analyze';

const PROJECT = path.resolve(__dirname, '..', '..', '..', '..');

describe('readability for prose only', () => {
  it('names prose by extension, and files without one (README, LICENSE) as prose', () => {
    for (const p of ['/a/README.md', '/a/notes.TXT', '/a/guide.rst', '/a/LICENSE', '/a/book.adoc', 'C:\\docs\\x.markdown']) assert.ok(isProsePath(p), p);
    for (const p of ['/a/cache.test.ts', '/a/x.json', '/a/run.py', '/a/.gitignore', '/a/Makefile.am', '/a/v1.2/data.csv']) assert.ok(!isProsePath(p), p);
  });

  it('gives this repository\'s real code files no Flesch score, and its README one', async () => {
    const files = ['test/unit/engine/cache/cache.test.ts', 'test/unit/engine/discover/discover.test.ts', 'src/engine/run/run.ts', 'README.md'].map((f) => path.join(PROJECT, f));
    const engine = new Engine({ concurrency: 0 });
    try {
      const { outcomes } = await engine.run({ roots: files, operations: [{ id: 'analyze' }] }).done;
      const byName = new Map(outcomes.map((o) => [path.basename(o.path), o]));
      for (const name of ['cache.test.ts', 'discover.test.ts', 'run.ts']) {
        const o = byName.get(name)!;
        assert.ok(o.kind === 'processed', `${name}: ${o.kind}`);
        const a = o.results.analyze as AnalyzeResult;
        assert.equal(a.language, 'en', `${name} passes the English check`);
        assert.equal(a.fleschReadingEase, undefined, `${name} has no readability score`);
      }
      const readme = byName.get('README.md')!;
      assert.ok(readme.kind === 'processed');
      assert.equal(typeof (readme.results.analyze as AnalyzeResult).fleschReadingEase, 'number');
      assert.ok(fs.existsSync(files[0]!));
    } finally {
      await engine.close();
    }
  });
});
