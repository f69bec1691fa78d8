// The lint core against markdownlint-cli2 0.22.1 (markdownlint 0.40.0) on the
// fixtures: the same (file, line, rule) set, and byte-identical --fix output.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { applyFixes } from 'markdownlint';
import { lint } from 'markdownlint/sync';
import { WORKSPACE, cli2Keys, copyTree, fixOurs, markdownFiles, ourKeys, removeCopies, runCli2, runOurs } from './peer';

describe('lint: the same findings as markdownlint-cli2', () => {
  after(removeCopies);

  it('finds the same (file, line, rule) set over the fixture workspace', async () => {
    const root = copyTree(WORKSPACE);
    const theirs = cli2Keys(await runCli2(root));
    const ours = ourKeys(runOurs(root));
    assert.ok(theirs.length > 50, `cli2 found ${theirs.length}`);
    assert.deepEqual(ours, theirs);
  });

  it('agrees with a base configuration (the setting) under the workspace files', async () => {
    const root = copyTree(WORKSPACE);
    const config = { MD013: { line_length: 100 }, MD010: false, MD033: true };
    const theirs = cli2Keys(await runCli2(root, { config }));
    assert.deepEqual(ourKeys(runOurs(root, { config })), theirs);
  });

  it('leaves every file byte-identical to markdownlint-cli2 --fix (but for a BOM file fixed on line 1)', async () => {
    const theirsRoot = copyTree(WORKSPACE);
    const oursRoot = copyTree(WORKSPACE);
    await runCli2(theirsRoot, { fix: true });
    fixOurs(oursRoot);
    const files = markdownFiles(WORKSPACE).map((f) => path.relative(WORKSPACE, f));
    let changed = 0;
    for (const file of files) {
      const original = fs.readFileSync(path.join(WORKSPACE, file), 'utf8');
      const ours = fs.readFileSync(path.join(oursRoot, file), 'utf8');
      const theirs = fs.readFileSync(path.join(theirsRoot, file), 'utf8');
      if (ours !== original) changed++;
      if (file === 'bom.md') {
        // cli2 applies fixes to the text with its BOM, so line 1's column is off by one.
        const body = original.slice(1);
        const results = lint({ strings: { d: body } }).d!;
        assert.equal(theirs, applyFixes(original, results), 'cli2 --fix on a BOM file');
        assert.equal(ours, '\uFEFF' + applyFixes(body, results), 'ours keeps the BOM and fixes where markdownlint reported');
        assert.notEqual(ours, theirs);
        continue;
      }
      assert.equal(JSON.stringify(ours), JSON.stringify(theirs), file);
    }
    assert.ok(changed >= 10, `${changed} files fixed`);
  });
});
