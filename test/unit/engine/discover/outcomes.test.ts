// What the walk hands out (engine/discover/outcomes.ts): candidates numbered in
// discovery order, skips, failed folders by error code, warnings; and how a special
// entry is named. Also the walk's path helpers (paths.ts).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { DiscoveryBatch, specialKind } from '../../../../src/engine/discover/outcomes';
import { byName, withSep } from '../../../../src/engine/discover/paths';
import type { EntryLike, StatLike } from '../../../../src/engine/read/fs';
import { UNSTATED } from '../../../../src/engine/types';

const stat = (kind: 'file' | 'dir' | 'fifo', size = 10): StatLike => ({
  size,
  mtimeMs: 7,
  dev: 1,
  ino: 2,
  isFile: () => kind === 'file',
  isDirectory: () => kind === 'dir',
  isSymbolicLink: () => false,
});
const entry = (name: string, special?: string): EntryLike =>
  Object.assign(
    { name, isFile: () => false, isDirectory: () => false, isSymbolicLink: () => false },
    special ? { isFIFO: () => special === 'fifo', isSocket: () => special === 'socket', isBlockDevice: () => special === 'block', isCharacterDevice: () => special === 'char' } : {},
  );

describe('the discovery batch', () => {
  it('numbers candidates in discovery order, stated or not, and settles what is not a candidate', () => {
    const out = new DiscoveryBatch(100, false);
    out.unstated('/r/a', '/r');
    out.stated('/r/b', '/r', stat('file'));
    out.stated('/r/d', '/r', stat('dir'));
    out.stated('/r/p', '/r', stat('fifo'));
    out.stated('/r/big', '/r', stat('file', 101));
    out.unstated('/r/c', '/r');
    out.warn('/r/w', 'something odd');
    assert.equal(out.length, 6);
    assert.deepEqual(out.take(), [
      { type: 'file', candidate: { path: '/r/a', root: '/r', size: UNSTATED, mtimeMs: UNSTATED, seq: 0 } },
      { type: 'file', candidate: { path: '/r/b', root: '/r', size: 10, mtimeMs: 7, seq: 1 } },
      { type: 'skip', outcome: { kind: 'skipped', path: '/r/p', root: '/r', size: 10, mtimeMs: 7, reason: 'not-a-file', detail: 'not a regular file' } },
      { type: 'skip', outcome: { kind: 'skipped', path: '/r/big', root: '/r', size: 101, mtimeMs: 7, reason: 'too-large', detail: 'size 101 bytes exceeds the 100 bytes limit' } },
      { type: 'file', candidate: { path: '/r/c', root: '/r', size: UNSTATED, mtimeMs: UNSTATED, seq: 2 } },
      { type: 'warning', path: '/r/w', message: 'something odd' },
    ]);
    assert.equal(out.length, 0, 'take() empties it');
  });

  it('keeps a large file when large files are streamed', () => {
    const out = new DiscoveryBatch(100, true);
    out.stated('/r/big', '/r', stat('file', 101));
    assert.deepEqual(out.take(), [{ type: 'file', candidate: { path: '/r/big', root: '/r', size: 101, mtimeMs: 7, seq: 0 } }]);
  });

  it('fails a folder that cannot be read with the reason of its error code', () => {
    const out = new DiscoveryBatch(100, false);
    const codes = ['EACCES', 'EPERM', 'ENAMETOOLONG', 'EMFILE', 'ENFILE', 'EIO', 'Error: odd'];
    for (const code of codes) out.unreadableFolder('/r', '/r/x', code);
    const items = out.take();
    assert.deepEqual(
      items.map((i) => (i.type === 'skip' && i.outcome.kind === 'failed' ? i.outcome.reason : i.type)),
      ['permission-denied', 'permission-denied', 'name-too-long', 'too-many-open-files', 'too-many-open-files', 'io-error', 'io-error'],
    );
    assert.deepEqual(items[0], {
      type: 'skip',
      outcome: { kind: 'failed', path: '/r/x', root: '/r', size: 0, mtimeMs: 0, reason: 'permission-denied', detail: 'folder cannot be read (EACCES): the files in it were not analysed' },
    });
  });

  it('names a special entry by what its Dirent says', () => {
    assert.deepEqual(
      ['fifo', 'socket', 'block', 'char', 'none'].map((k) => specialKind(entry('x', k))),
      ['a FIFO', 'a socket', 'a block device', 'a character device', 'a special file'],
    );
    assert.equal(specialKind(entry('x')), 'a special file', 'an entry without the methods');
  });
});

describe('the walk\'s path helpers', () => {
  it('orders entries by code unit, and ends a folder with one separator', () => {
    const names = ['b', 'a', 'B', 'a', 'é', '_'];
    assert.deepEqual(names.map((n) => entry(n)).sort(byName).map((e) => e.name), ['B', '_', 'a', 'a', 'b', 'é']);
    assert.deepEqual([byName(entry('a'), entry('b')), byName(entry('b'), entry('a')), byName(entry('a'), entry('a'))], [-1, 1, 0]);
    assert.equal(withSep(`${path.sep}r`), `${path.sep}r${path.sep}`);
    assert.equal(withSep(`${path.sep}r${path.sep}`), `${path.sep}r${path.sep}`);
  });
});
