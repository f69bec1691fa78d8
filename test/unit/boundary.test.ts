// The core needs no editor: nothing outside src/extension.ts, src/ui/ and the API's
// two editor files (src/api/api.ts, src/api/testing.ts) may import 'vscode'.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '..', '..', 'src');
const EDITOR_ONLY = [path.join(SRC, 'extension.ts'), path.join(SRC, 'ui') + path.sep, path.join(SRC, 'api', 'api.ts'), path.join(SRC, 'api', 'testing.ts')];

/** Modules of src/ui/ outside decisions/ that unit tests load without an editor. */
const EDITOR_FREE_UI = ['pathBatch.ts', 'pathText.ts', 'resultIndex.ts', 'throttle.ts'];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? files(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

const importsVscode = (text: string) => /(?:from\s+|require\(\s*|import\(\s*)['"]vscode['"]/.test(text);

describe('the editor boundary', () => {
  it('detects an import of vscode (self-check)', () => {
    assert.ok(importsVscode(`import * as vscode from 'vscode';`));
    assert.ok(importsVscode(`const v = require("vscode")`));
    assert.ok(!importsVscode(`import x from './vscode-free';`));
  });

  it('src/engine, src/operations, src/report and the command line never import vscode', () => {
    const offenders = files(SRC)
      .filter((f) => !EDITOR_ONLY.some((e) => f === e || f.startsWith(e)))
      .filter((f) => importsVscode(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    assert.deepEqual(offenders, []);
    assert.ok(files(path.join(SRC, 'engine')).length >= 8, 'the engine is where the test looks');
  });

  it('the editor layer\'s decisions (src/ui/decisions/) and its other editor-free modules never import vscode', () => {
    const editorFree = [...files(path.join(SRC, 'ui', 'decisions')), ...EDITOR_FREE_UI.map((f) => path.join(SRC, 'ui', f))];
    assert.ok(editorFree.length >= EDITOR_FREE_UI.length + 5, 'the decisions are where the test looks');
    const offenders = editorFree.filter((f) => importsVscode(fs.readFileSync(f, 'utf8'))).map((f) => path.relative(SRC, f));
    assert.deepEqual(offenders, []);
  });

  it("V8's flags are set only in the command line's own process, never in the extension host every extension shares", () => {
    const setters = files(SRC)
      .filter((f) => /setFlagsFromString/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    assert.deepEqual(setters, [path.join('cli', 'young-generation.ts')]);
    const importers = files(SRC)
      .filter((f) => /from\s+['"][./]*(?:cli\/)?young-generation['"]/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    assert.deepEqual(importers, ['cli.ts']);
  });
});
