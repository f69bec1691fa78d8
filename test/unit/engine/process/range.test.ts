// One byte range of a large file (engine/process/range.ts), on the caller's thread:
// the lines a middle range owns, the chunks it feeds, the operations it runs, and a
// file that ends early or cannot be opened.
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_GENERATED } from '../../../../src/engine/read/generated';
import { nodeFileSystem, type FileSystem } from '../../../../src/engine/read/fs';
import { DEFAULT_READ } from '../../../../src/engine/read/read';
import { processRange, type RangeJob } from '../../../../src/engine/process/range';
import type { Chunk, Operation } from '../../../../src/operations/operation';
import { makeTree, removeTree } from '../../../helpers/tree';

/** Keeps every chunk it is given. */
const recorder = (accepts: (p: string) => boolean = () => true): Operation<Chunk[], Chunk[], null> => ({
  id: 'rec',
  version: 1,
  settings: {},
  splittable: true,
  accepts,
  map: (chunk) => [chunk],
  empty: () => [],
  combine: (a, b) => [...a, ...b],
  finish: (chunks) => chunks,
  summarize: () => null,
});
const OPTIONS = { read: { ...DEFAULT_READ, chunkBytes: 10 }, generated: DEFAULT_GENERATED };

describe('a byte range', () => {
  let root: string;
  let file: string;
  before(() => {
    root = makeTree({ 'lines.txt': 'line\n'.repeat(20) });
    file = path.join(root, 'lines.txt');
  });
  after(() => removeTree(root));
  const job = (from: number, to: number, mode: 'map' | 'hash' = 'map'): RangeJob => ({ path: file, size: 100, from, to, mode, bom: 0 });

  // Regression: a range's chunks gave as their line the one after the piece (the detector
  // had counted the piece's newlines already), not the line of their first character.
  it('owns the lines that start in it (from the first line start at or after `from` to the first at or after `to`); each chunk has the line of its first character', () => {
    const o = processRange(job(50, 75), [recorder()], OPTIONS);
    assert.ok(o.kind === 'mapped');
    assert.equal(o.newlines, 5);
    const chunks = o.partials[0] as Chunk[];
    assert.equal(chunks.map((c) => c.text).join(''), 'line\n'.repeat(5));
    assert.deepEqual(
      chunks.map((c) => [c.start, c.end, c.line, c.overlap, c.last]),
      [
        [0, 10, 1, 0, false],
        [10, 20, 3, 0, false],
        [20, 25, 5, 0, false],
      ],
      'read 10 bytes at a time: offsets and lines count from the range\'s start',
    );
  });

  it('runs only the operations that accept the file', () => {
    const o = processRange(job(0, 50), [recorder(() => false), recorder()], OPTIONS);
    assert.ok(o.kind === 'mapped');
    assert.equal(o.partials.length, 1);
  });

  it('fails changed-while-reading when the file ends before its size, mapped or hashed; closes what it opened', () => {
    let opened = 0;
    let closed = 0;
    const short: FileSystem = {
      ...nodeFileSystem,
      open: (p) => (opened++, nodeFileSystem.open(p)),
      close: (fd) => (closed++, nodeFileSystem.close(fd)),
      read: (fd, buffer, offset, length, position) => ((position ?? 0) >= 60 ? 0 : nodeFileSystem.read(fd, buffer, offset, Math.min(length, 60 - (position ?? 0)), position)),
    };
    for (const mode of ['map', 'hash'] as const) {
      const o = processRange(job(0, 100, mode), [recorder()], OPTIONS, short);
      assert.deepEqual(o.kind === 'error' && [o.outcome, o.reason, o.detail], ['failed', 'changed-while-reading', `shrank from 100 to 60 bytes while streamed: ${file}`], mode);
    }
    assert.deepEqual([opened, closed], [2, 2]);
    const missing = processRange({ ...job(0, 10), path: path.join(root, 'gone.txt') }, [recorder()], OPTIONS, short);
    assert.deepEqual(missing.kind === 'error' && [missing.outcome, missing.reason], ['failed', 'vanished']);
    assert.deepEqual([opened, closed], [3, 2], 'nothing to close');
  });

  it('fails a line-less file that ends early while it looks for the line start after its range', () => {
    const flat: FileSystem = {
      ...nodeFileSystem,
      read: (_fd, buffer, offset, length, position) => {
        const n = Math.max(0, Math.min(length, 60 - (position ?? 0)));
        buffer.fill(120, offset, offset + n);
        return n;
      },
    };
    const o = processRange(job(0, 50), [recorder()], OPTIONS, flat);
    assert.deepEqual(o.kind === 'error' && [o.reason, o.detail], ['changed-while-reading', `shrank from 100 to 60 bytes while streamed: ${file}`]);
  });

  it('hashes only the size it was split at', () => {
    const more: FileSystem = { ...nodeFileSystem, fstat: (fd) => ({ ...nodeFileSystem.fstat(fd), size: 50, isFile: () => true, isDirectory: () => false, isSymbolicLink: () => false }) };
    const o = processRange({ ...job(0, 0, 'hash'), size: 50 }, [], OPTIONS, more);
    assert.deepEqual(o, { kind: 'hashed', hash: crypto.createHash('sha1').update(fs.readFileSync(file).subarray(0, 50)).digest('hex') });
  });

  it('hashes the whole file in reads of chunkBytes', () => {
    const o = processRange(job(0, 0, 'hash'), [], OPTIONS);
    assert.deepEqual(o, { kind: 'hashed', hash: crypto.createHash('sha1').update(fs.readFileSync(file)).digest('hex') });
  });
});
