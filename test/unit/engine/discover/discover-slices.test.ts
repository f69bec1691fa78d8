// How discovery hands out what it finds (engine/discover/discover.ts): batches by
// size, time slices on a clock the test sets (performance.now is replaced), no empty
// batch ever, nothing touched once the signal aborts, and the EMFILE back-off.
import assert from 'node:assert/strict';
import { discover, type DiscoverOptions } from '../../../../src/engine/discover/discover';
import { scriptedFs, type ScriptedNode } from '../../../helpers/scripted-fs';

type Nodes = Record<string, ScriptedNode>;
const dir = { type: 'dir' } as const;
const files = (at: string, n: number): Nodes => Object.fromEntries(Array.from({ length: n }, (_, i) => [`${at}/f${String(i).padStart(2, '0')}.md`, { type: 'file', text: 'x' }]));

/** Batch sizes of a walk over `nodes`, with performance.now advancing by `step` ms a call. */
async function batches(nodes: Nodes, options: DiscoverOptions, step: number, roots = ['/r']): Promise<number[]> {
  const real = performance.now;
  let t = 1000;
  performance.now = () => (t += step);
  try {
    const sizes: number[] = [];
    for await (const batch of discover(roots, { exclude: [], ...options }, scriptedFs({ '/r': dir, ...nodes }))) sizes.push(batch.length);
    return sizes;
  } finally {
    performance.now = real;
  }
}

describe('discovery batches and time slices', () => {
  const tree: Nodes = { ...files('/r', 40), '/r/a': dir, ...files('/r/a', 3), '/r/b': dir, '/r/b/skip.txt': { type: 'file' } };

  it('on a clock that stands still: batches of batchSize only, and the rest at the end', async () => {
    assert.deepEqual(await batches(tree, { batchSize: 1000 }, 0), [44]);
    assert.deepEqual(await batches(tree, { batchSize: 5 }, 0), [5, 5, 5, 5, 5, 5, 5, 5, 4]);
    assert.deepEqual(await batches(tree, { batchSize: 1000, sliceMs: 1e9 }, 0), [44]);
  });

  it('on a clock past the slice at every look: what was found every 16 entries and after each folder, never an empty batch', async () => {
    // The root's 42 entries (two folders first) are looked at after 16 and 32 of them and at its end; then a/; b/ finds nothing.
    const expected = [14, 16, 10, 3];
    assert.deepEqual(await batches(tree, { batchSize: 1000, include: ['**/*.md'] }, 100), expected);
    assert.deepEqual(await batches(tree, { batchSize: 1000, include: ['**/*.md'], sliceMs: 8 }, 8), expected, 'a slice is used up at exactly sliceMs');
    assert.deepEqual(await batches(tree, { batchSize: 1000, include: ['**/*.md'], sliceMs: 0 }, 0), expected, 'sliceMs 0: every look');
    assert.deepEqual(await batches(tree, { batchSize: 1000, include: ['**/*.md'], sliceMs: -5 }, 0), expected, 'a negative sliceMs is 0');
  });

  it('hands out a batch of file roots as soon as it is full', async () => {
    const nodes: Nodes = { '/r/a.md': { type: 'file' }, '/r/b.md': { type: 'file' }, '/r/c.md': { type: 'file' } };
    assert.deepEqual(await batches(nodes, { batchSize: 1 }, 0, ['/r/a.md', '/r/b.md', '/r/c.md']), [1, 1, 1]);
    assert.deepEqual(await batches(nodes, { batchSize: 2 }, 0, ['/r/a.md', '/r/b.md', '/r/c.md']), [2, 1]);
  });

  it('touches nothing more once the signal aborts, at a slice or between roots', async () => {
    const nodes: Nodes = { ...files('/r/a', 3), '/r/a': dir, ...files('/r/b', 3), '/r/b': dir, '/q': dir, '/q/x.md': { type: 'file' }, '/f.md': { type: 'file' } };
    const fs = scriptedFs({ '/r': dir, ...nodes });
    const abort = new AbortController();
    const real = performance.now;
    let t = 0;
    performance.now = () => (t += 100);
    let seen = 0;
    let callsAtAbort = 0;
    try {
      for await (const batch of discover(['/r', '/q', '/f.md'], { exclude: [], signal: abort.signal }, fs)) {
        seen += batch.length;
        callsAtAbort = fs.calls.length;
        abort.abort();
      }
    } finally {
      performance.now = real;
    }
    assert.equal(seen, 3, 'the first folder\'s files');
    assert.deepEqual(fs.calls.slice(callsAtAbort), []);
  });

  it('waits before it lists a folder again after EMFILE', async () => {
    const errors: Record<string, string> = { 'readdir /r/a': 'EMFILE' };
    const fs = scriptedFs({ '/r': dir, '/r/a': dir, '/r/a/x.md': { type: 'file' } }, errors);
    const times: number[] = [];
    const readdir = fs.readdir;
    fs.readdir = (p) => {
      if (p !== '/r/a') return readdir(p);
      times.push(Date.now());
      try {
        return readdir(p);
      } finally {
        delete errors['readdir /r/a'];
      }
    };
    const out = [];
    for await (const batch of discover(['/r'], { exclude: [] }, fs)) out.push(...batch);
    assert.equal(times.length, 2);
    assert.ok(times[1]! - times[0]! >= 15, `waited ${times[1]! - times[0]!} ms`);
    assert.deepEqual(out.map((i) => i.type === 'file' && i.candidate.path), ['/r/a/x.md']);
  });
});
