// What the command line loads at start: every run pays for cli-main.js, so the links and
// lint operations' heavy dependencies stay in their own bundles (op-links*.js,
// op-lint.js), loaded only by a run that needs them. A one-file run once paid
// ~40 ms for js-yaml & co. pulled in through --fix's line-ending helper.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';

const DIST = path.resolve(__dirname, '..', '..', '..', 'dist');

describe('the command line bundle', () => {
  it('leaves the Markdown parsers, markdownlint and the configuration parsers to the lazily loaded bundles', () => {
    const cli = fs.readFileSync(path.join(DIST, 'cli-main.js'), 'utf8');
    for (const dependency of ['node_modules/js-yaml/', 'node_modules/jsonc-parser/', 'node_modules/smol-toml/', 'node_modules/markdown-it/', 'node_modules/micromark', 'node_modules/markdownlint/lib/']) {
      assert.ok(!cli.includes(`// ${dependency}`), `${dependency} is bundled into cli-main.js`);
    }
    // Self-check: the lazily loaded bundles do hold them, and the marker is what esbuild writes.
    assert.ok(fs.readFileSync(path.join(DIST, 'op-lint.js'), 'utf8').includes('// node_modules/js-yaml/'));
    assert.ok(fs.readFileSync(path.join(DIST, 'op-links-parse.js'), 'utf8').includes('// node_modules/markdown-it/'));
  });

  it('keeps the executable, cli.js, to the loader: it is compiled from its text at every start', () => {
    const entry = fs.readFileSync(path.join(DIST, 'cli.js'), 'utf8');
    assert.ok(entry.startsWith('#!/usr/bin/env node\n'), 'cli.js starts with its #! line');
    assert.ok(entry.length < 12_000, `cli.js is ${entry.length} characters`);
    assert.ok(entry.includes('cli-main.js') && !entry.includes('src/engine/'), 'cli.js loads cli-main.js and bundles no engine code');
  });
});
