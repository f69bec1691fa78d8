// --allow-js-config: JavaScript markdownlint configuration runs code, so the
// command line loads it only when asked (markdownlint-cli2 always does; we say so
// once instead, and the flag gives cli2's behaviour).
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { cli } from '../../helpers/cli';
import { makeTree, removeTree } from '../../helpers/tree';


describe('command line: --allow-js-config', function () {
  this.timeout(60_000);
  let root: string;
  before(() => {
    root = makeTree({ 'doc.md': 'no heading here\n', '.markdownlint.cjs': 'module.exports = { MD041: false };\n' });
  });
  after(() => removeTree(root));

  const lintRules = (args: string[]) => {
    const out = path.join(root, '..', `${path.basename(root)}-report.json`);
    const r = cli([root, '--ops', 'lint', '--format', 'json', '--out', out, '--no-progress', '--fail-on', 'none', ...args]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(fs.readFileSync(out, 'utf8')) as { findings: { rule: string }[] };
    fs.rmSync(out);
    return { rules: report.findings.map((f) => f.rule), stderr: r.stderr };
  };

  it('without it, the .cjs configuration is not loaded (MD041 reported) and the run says so', () => {
    const { rules, stderr } = lintRules([]);
    assert.ok(rules.includes('MD041'), rules.join(','));
    assert.match(stderr, /not loaded/);
  });

  it('with it, the .cjs configuration applies (MD041 turned off)', () => {
    const { rules } = lintRules(['--allow-js-config']);
    assert.ok(!rules.includes('MD041'), rules.join(','));
  });

  it('says so for a document with no problem too, cold and from the cache (its result is not parsed for findings)', () => {
    const clean = makeTree({ 'doc.md': '# Title\n\nText.\n', '.markdownlint.cjs': 'module.exports = { MD041: false };\n' });
    const cache = path.join(clean, '..', `${path.basename(clean)}.cache`);
    try {
      for (const run of ['cold', 'warm']) {
        const r = cli([clean, '--ops', 'lint', '--format', 'json', '--cache', cache, '--no-progress']);
        assert.equal(r.status, 0, r.stderr);
        assert.match(r.stderr, /\.markdownlint\.cjs not loaded/, run);
      }
    } finally {
      removeTree(clean);
      fs.rmSync(cache, { force: true });
    }
  });
});
