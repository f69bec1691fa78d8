// LintConfigResolver: markdownlint-cli2's precedence and merging, memoized per
// folder, keys that change for exactly the documents under an edited file.
import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LintConfigResolver } from '../../../../src/operations/lint/resolver';
import type { ConfigFileProbe } from '../../../../src/operations/lint/config-files';
import { createLint } from '../../../../src/operations/lint';

const ROOT = path.resolve('/ws');

/** An in-memory file system (paths relative to ROOT), counting reads. */
function memory(files: Record<string, string>): ConfigFileProbe & { files: Record<string, string>; reads: number } {
  const abs = (f: string) => path.relative(ROOT, f).split(path.sep).join('/');
  const probe = {
    files,
    reads: 0,
    readFile(file: string) {
      probe.reads++;
      return probe.files[abs(file)];
    },
    exists: (file: string) => abs(file) in probe.files,
  };
  return probe;
}

const doc = (rel: string) => path.join(ROOT, rel);

describe('LintConfigResolver', () => {
  it('gives no configuration (every rule on) without files, and the same key everywhere', () => {
    const r = new LintConfigResolver(memory({}));
    const a = r.configFor(doc('a.md'), ROOT);
    assert.equal(a.options.config, undefined);
    assert.deepEqual(a.sources, []);
    assert.equal(r.configFor(doc('x/y/b.md'), ROOT).key, a.key);
  });

  it('lets the nearest .markdownlint.* replace a parent one whole, not merge with it', () => {
    const r = new LintConfigResolver(memory({ '.markdownlint.json': '{ "MD013": false, "MD009": false }', 'sub/.markdownlint.yaml': 'MD009: true\n' }));
    assert.deepEqual(r.configFor(doc('a.md'), ROOT).config, { MD013: false, MD009: false });
    assert.deepEqual(r.configFor(doc('sub/deep/b.md'), ROOT).options.config, { MD009: true });
    assert.deepEqual(r.configFor(doc('sub/deep/b.md'), ROOT).sources, [doc('sub/.markdownlint.yaml'), doc('.markdownlint.json')]);
  });

  it('takes the first of .markdownlint.jsonc, .json, .yaml, .yml in a folder', () => {
    const r = new LintConfigResolver(memory({ '.markdownlint.yml': 'MD001: false', '.markdownlint.json': '{ "MD002": false }' }));
    assert.deepEqual(r.configFor(doc('a.md'), ROOT).options.config, { MD002: false });
  });

  it('merges options files down the folders, their config one level deep (a rule object replaced whole)', () => {
    const r = new LintConfigResolver(
      memory({
        '.markdownlint-cli2.jsonc': '{ "config": { "MD013": { "line_length": 100, "tables": false }, "MD033": false }, "noInlineConfig": true }',
        'sub/.markdownlint-cli2.yaml': 'config:\n  MD013:\n    line_length: 60\nfrontMatter: "^x"\n',
      }),
    );
    const c = r.configFor(doc('sub/a.md'), ROOT);
    assert.deepEqual(c.options.config, { MD013: { line_length: 60 }, MD033: false });
    assert.equal(c.options.noInlineConfig, true);
    assert.equal(c.options.frontMatter, '^x');
  });

  it('puts the base setting under the root options and drops it for any .markdownlint.* file', () => {
    const files = { '.markdownlint-cli2.jsonc': '{ "config": { "MD033": false } }', 'own/.markdownlint.json': '{ "MD001": false }' };
    const r = new LintConfigResolver(memory(files), { baseConfig: { MD013: false, MD033: true } });
    assert.deepEqual(r.configFor(doc('a.md'), ROOT).options.config, { MD013: false, MD033: false });
    assert.deepEqual(r.configFor(doc('own/a.md'), ROOT).options.config, { MD001: false });
  });

  it("does not reach past an options config for an ancestor's .markdownlint.* (as cli2)", () => {
    const r = new LintConfigResolver(memory({ '.markdownlint.json': '{ "MD001": false }', 'sub/.markdownlint-cli2.jsonc': '{ "config": { "MD002": false } }' }));
    assert.deepEqual(r.configFor(doc('sub/a.md'), ROOT).options.config, { MD002: false });
    // An options file without config does not block it.
    const s = new LintConfigResolver(memory({ '.markdownlint.json': '{ "MD001": false }', 'sub/.markdownlint-cli2.jsonc': '{ "noInlineConfig": true }' }));
    assert.deepEqual(s.configFor(doc('sub/a.md'), ROOT).options.config, { MD001: false });
  });

  it('follows an extends chain relative to each file, the extending file winning', () => {
    const r = new LintConfigResolver(
      memory({
        'docs/.markdownlint.jsonc': '{ "extends": "../cfg/a.json", "MD041": false }',
        'cfg/a.json': '{ "extends": "./b.yaml", "MD013": { "line_length": 60 } }',
        'cfg/b.yaml': 'MD013:\n  line_length: 40\nMD047: false\n',
      }),
    );
    const c = r.configFor(doc('docs/x.md'), ROOT);
    assert.deepEqual(c.options.config, { MD013: { line_length: 60 }, MD047: false, MD041: false });
    assert.deepEqual([...c.sources].sort(), [doc('cfg/a.json'), doc('cfg/b.yaml'), doc('docs/.markdownlint.jsonc')]);
  });

  it('applies ignores relative to the folder of the options file; the root ones drop whole folders', () => {
    const r = new LintConfigResolver(memory({ '.markdownlint-cli2.jsonc': '{ "ignores": ["vendor"] }', 'sub/.markdownlint-cli2.jsonc': '{ "ignores": ["drafts/**", "*.tmp.md"] }' }));
    assert.equal(r.configFor(doc('vendor/deep/a.md'), ROOT).ignored, true);
    assert.equal(r.configFor(doc('sub/drafts/a.md'), ROOT).ignored, true);
    assert.equal(r.configFor(doc('sub/x.tmp.md'), ROOT).ignored, true);
    assert.equal(r.configFor(doc('sub/x.md'), ROOT).ignored, false);
    assert.equal(r.configFor(doc('drafts/a.md'), ROOT).ignored, false);
    assert.notEqual(r.configFor(doc('sub/x.tmp.md'), ROOT).key, r.configFor(doc('sub/x.md'), ROOT).key);
  });

  it('does not load JavaScript configuration or custom rules without allowCode, and says so', () => {
    const r = new LintConfigResolver(memory({ '.markdownlint.cjs': 'module.exports = {}', 'sub/.markdownlint-cli2.jsonc': '{ "customRules": ["./rule.js"] }' }));
    const c = r.configFor(doc('a.md'), ROOT);
    assert.equal(c.options.config, undefined);
    assert.match(c.notices[0]!, /\.markdownlint\.cjs not loaded: JavaScript configuration needs a trusted workspace and batchOperations\.lint\.allowJavaScriptConfig/);
    const s = r.configFor(doc('sub/a.md'), ROOT);
    assert.equal(s.options.customRules, undefined);
    assert.ok(s.notices.some((n) => /Custom rules \.\/rule\.js .* not loaded/.test(n)));
  });

  it('loads JavaScript configuration and custom rules with allowCode', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lint-js-'));
    fs.writeFileSync(path.join(dir, '.markdownlint.cjs'), 'module.exports = { default: false, "no-trailing-punctuation": true, "no-foo": true };');
    fs.mkdirSync(path.join(dir, 'sub'));
    fs.writeFileSync(path.join(dir, 'sub', '.markdownlint-cli2.jsonc'), '{ "customRules": ["./rule.cjs"] }');
    fs.writeFileSync(
      path.join(dir, 'sub', 'rule.cjs'),
      'module.exports = { names: ["no-foo"], tags: ["test"], description: "No foo", parser: "none", function: (params, onError) => { params.lines.forEach((l, i) => { if (l.includes("foo")) onError({ lineNumber: i + 1 }); }); } };',
    );
    const r = new LintConfigResolver(undefined, { allowCode: true });
    assert.deepEqual(r.configFor(path.join(dir, 'a.md'), dir).options.config, { default: false, 'no-trailing-punctuation': true, 'no-foo': true });
    const op = createLint({ allowCode: true });
    const result = op.finishDocument!('# T\n\nfoo\n', { path: path.join(dir, 'sub', 'a.md'), root: dir });
    assert.deepEqual(
      result.problems.map((p) => p.r),
      ['no-foo'],
    );
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('reads each folder once, and changes keys of exactly the documents under an edited file after invalidate()', () => {
    const probe = memory({ 'a/.markdownlint.jsonc': '{ "MD013": false }', 'b/.markdownlint.jsonc': '{ "MD013": false }' });
    const r = new LintConfigResolver(probe);
    const docs = ['top.md', 'a/x.md', 'a/c/y.md', 'b/z.md', 'b/c/w.md'].map(doc);
    const before = docs.map((d) => r.configFor(d, ROOT).key);
    const reads = probe.reads;
    assert.deepEqual(
      docs.map((d) => r.configFor(d, ROOT).key),
      before,
    );
    assert.equal(probe.reads, reads, 'memoized: no second read');
    probe.files['a/.markdownlint.jsonc'] = '{ "MD013": { "line_length": 100 } }';
    assert.deepEqual(
      docs.map((d) => r.configFor(d, ROOT).key),
      before,
      'unchanged until invalidate()',
    );
    r.invalidate(doc('a/.markdownlint.jsonc'));
    const after = docs.map((d) => r.configFor(d, ROOT).key);
    assert.deepEqual(
      after.map((k, i) => k !== before[i]),
      [false, true, true, false, false],
    );
    // a and b had equal files, so equal keys; now they differ.
    assert.equal(before[1], before[3]);
    assert.notEqual(after[1], after[3]);
  });

  it('re-reads a folder whose file extends an invalidated one', () => {
    const probe = memory({ 'a/.markdownlint.jsonc': '{ "extends": "../base.json" }', 'base.json': '{ "MD001": false }' });
    const r = new LintConfigResolver(probe);
    const before = r.configFor(doc('a/x.md'), ROOT);
    probe.files['base.json'] = '{ "MD001": true }';
    r.invalidate(doc('base.json'));
    const after = r.configFor(doc('a/x.md'), ROOT);
    assert.deepEqual(after.options.config, { MD001: true });
    assert.notEqual(after.key, before.key);
  });

  it('reports a file it cannot parse, and the operation fails the document with it', () => {
    const r = new LintConfigResolver(memory({ '.markdownlint-cli2.jsonc': '{ "config": ' }));
    const c = r.configFor(doc('a.md'), ROOT);
    assert.match(c.error!, /Unable to use configuration file '.*\.markdownlint-cli2\.jsonc'; Unable to parse JSONC content/);
    const op = createLint({}, memory({ '.markdownlint-cli2.jsonc': '{ "config": ' }));
    assert.throws(() => op.finishDocument!('# a\n', { path: doc('a.md'), root: ROOT }), /Unable to use configuration file/);
  });
});
