// The command line keeps V8's young generation small (src/cli/young-generation.ts):
// 30 MiB less peak RSS on a warm run over tldr. These tests pin that the flag still
// works on this Node (it is set at run time, which V8 allows for this flag only
// because it is read each time the space grows), that the command line sets it
// before anything else, and that nothing the editor loads sets it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

const SRC = path.resolve(__dirname, '..', '..', '..', 'src');
const MODULE = path.join(SRC, 'cli', 'young-generation.ts');

/**
 * The young generation's size after a run that keeps what it allocates, as a batch
 * does, in a new process that loads the module first or not (not in this one: the
 * flag is process-wide and the other tests should run as Node runs them).
 */
function youngGenerationAfterRetainingWork(loadModule: boolean): number {
  const script = `
    if (process.env.LOAD) require(process.env.LOAD);
    const kept = [];
    for (let i = 0; i < 300000; i++) kept.push({ i, path: 'pages/common/' + i + '.md' });
    const young = require('node:v8').getHeapSpaceStatistics().find((s) => s.space_name === 'new_space');
    process.stdout.write(String(young.space_size));`;
  const env = { ...process.env, LOAD: loadModule ? MODULE : '' };
  return Number(execFileSync(process.execPath, ['--import', 'tsx', '-e', script], { encoding: 'utf8', env }));
}

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? sources(p) : e.name.endsWith('.ts') ? [p] : [];
  });
}

describe('the command line\'s young generation', () => {
  it('stays at a few MiB once the module is loaded, where V8 would grow it to tens of MiB', () => {
    const grown = youngGenerationAfterRetainingWork(false);
    const kept = youngGenerationAfterRetainingWork(true);
    assert.ok(grown >= 16 * 2 ** 20, `without the flag the space grows (${grown} bytes)`);
    assert.ok(kept <= 4 * 2 ** 20, `with the flag it stays small (${kept} bytes)`);
  });

  it('is set by the first import of src/cli.ts, before any module allocates', () => {
    const firstImport = /^import\s+(?:[^'"]*from\s+)?'([^']+)';/m.exec(fs.readFileSync(path.join(SRC, 'cli.ts'), 'utf8'));
    assert.equal(firstImport?.[1], './cli/young-generation');
  });

  it('is imported by nothing else: the extension host is shared with other extensions', () => {
    const importers = sources(SRC)
      .filter((f) => /young-generation'/.test(fs.readFileSync(f, 'utf8')))
      .map((f) => path.relative(SRC, f));
    assert.deepEqual(importers, ['cli.ts']);
  });
});
