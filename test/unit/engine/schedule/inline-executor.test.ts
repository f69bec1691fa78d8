// The InlineExecutor (engine/schedule/executors.ts): documents on the caller's thread,
// its CPU-time sample (what the adaptive executor estimates from), stats and ranges.
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CHUNKER } from '../../../../src/engine/process/chunk';
import { DEFAULT_GENERATED } from '../../../../src/engine/read/generated';
import { nodeFileSystem, type FileSystem } from '../../../../src/engine/read/fs';
import { DEFAULT_READ } from '../../../../src/engine/read/read';
import { InlineExecutor, threadCpuMs } from '../../../../src/engine/schedule/inline-executor';
import { makeTree, removeTree } from '../../../helpers/tree';

const OPTIONS = { read: DEFAULT_READ, chunk: DEFAULT_CHUNKER, generated: DEFAULT_GENERATED };

describe('the inline executor', () => {
  let root: string;
  before(() => {
    root = makeTree({ 'a.md': 'Some words here.\n', 'big.txt': 'line\n'.repeat(100) });
  });
  after(() => removeTree(root));

  it('measures every document until 256, then one in 16', async () => {
    const executor = new InlineExecutor(undefined, threadCpuMs);
    executor.configure([{ id: 'analyze' }], OPTIONS);
    assert.deepEqual(executor.spent, { ms: 0, documents: 0, recentMsPerDocument: 0 });
    const jobs = Array.from({ length: 300 }, (_, i) => ({ path: `/m/d${i}.md`, root: '/m', size: 10, mtimeMs: 0, text: `Words ${i}, and more words.\n` }));
    const first = await executor.run(jobs.slice(0, 3));
    assert.deepEqual(first.outcomes.map((o) => o.kind), ['processed', 'processed', 'processed']);
    assert.equal(executor.spent.documents, 3);
    await executor.run(jobs.slice(3));
    // Documents 1..256, then the 272nd and the 288th.
    assert.equal(executor.spent.documents, 258);
    assert.ok(executor.spent.ms > 0 && executor.spent.ms < 60_000, `CPU milliseconds: ${executor.spent.ms}`);
  });

  // Regression: --concurrency 0 over tldr spent 4% of its time reading the CPU clock for nobody.
  it('reads no clock without one to measure by (nothing reads what it spent)', async () => {
    const executor = new InlineExecutor();
    executor.configure([{ id: 'analyze' }], OPTIONS);
    const used = process.cpuUsage;
    let calls = 0;
    process.cpuUsage = ((previous?: NodeJS.CpuUsage) => {
      calls++;
      return used(previous);
    }) as typeof process.cpuUsage;
    try {
      const jobs = Array.from({ length: 20 }, (_, i) => ({ path: `/m/d${i}.md`, root: '/m', size: 10, mtimeMs: 0, text: `Words ${i}.\n` }));
      assert.equal((await executor.run(jobs)).outcomes.length, 20);
    } finally {
      process.cpuUsage = used;
    }
    assert.equal(calls, 0);
    assert.deepEqual(executor.spent, { ms: 0, documents: 0, recentMsPerDocument: 0 });
  });

  it('stats through its file system, or the real one', async () => {
    const real = await new InlineExecutor().stat([path.join(root, 'a.md')]);
    const st = fs.statSync(path.join(root, 'a.md'));
    assert.deepEqual(Array.from(real), [st.size, st.mtimeMs]);
    const fake: FileSystem = { ...nodeFileSystem, stat: () => ({ isFile: () => true, isDirectory: () => false, isSymbolicLink: () => false, size: 42, mtimeMs: 7, dev: 1, ino: 1 }) };
    assert.deepEqual(Array.from(await new InlineExecutor(fake).stat(['/nowhere'])), [42, 7]);
  });

  it('runs a range on its thread', async () => {
    const executor = new InlineExecutor();
    executor.configure([{ id: 'analyze' }], OPTIONS);
    const file = path.join(root, 'big.txt');
    const hash = crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex');
    assert.deepEqual(await executor.runRange({ path: file, size: 500, from: 0, to: 500, mode: 'hash', bom: 0 }), { kind: 'hashed', hash });
    await executor.close();
  });
});
