// The roots of a walk (engine/discover/roots.ts), planned on a scripted file system:
// what a root that cannot be walked says, and which roots inside others are dropped.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { planRoots } from '../../../../src/engine/discover/roots';
import { nodeFileSystem, type FileSystem, type StatLike } from '../../../../src/engine/read/fs';

type Node = 'dir' | 'file' | 'fifo' | { code?: string; message?: string } | { real: string; kind: 'dir' | 'file' };

function scripted(nodes: Record<string, Node>): FileSystem {
  const look = (p: string) => {
    const n = nodes[p];
    if (n === undefined) throw Object.assign(new Error(`ENOENT: ${p}`), { code: 'ENOENT' });
    if (typeof n === 'object' && !('real' in n)) throw n.code ? Object.assign(new Error(n.code), { code: n.code }) : new Error(n.message);
    return n;
  };
  const st = (kind: string): StatLike => ({ size: 1, mtimeMs: 1, dev: 1, ino: 1, isFile: () => kind === 'file', isDirectory: () => kind === 'dir', isSymbolicLink: () => false });
  return {
    ...nodeFileSystem,
    stat: (p) => {
      const n = look(p);
      return st(typeof n === 'object' ? n.kind : n);
    },
    realpath: (p) => {
      const n = look(p);
      return typeof n === 'object' ? n.real : p;
    },
  };
}

describe('planning the roots', () => {
  it('says why a root cannot be walked', () => {
    const fs = scripted({ '/loop': { code: 'ELOOP' }, '/locked': { code: 'EACCES' }, '/odd': { message: 'strange' }, '/nodir': { code: 'ENOTDIR' }, '/pipe': 'fifo' });
    assert.deepEqual(planRoots(['/missing', '/nodir', '/loop', '/locked', '/odd', '/pipe'], fs), [
      { kind: 'warning', abs: '/missing', message: 'root does not exist' },
      { kind: 'warning', abs: '/nodir', message: 'root does not exist' },
      { kind: 'warning', abs: '/loop', message: 'root is a symbolic link loop' },
      { kind: 'warning', abs: '/locked', message: 'cannot read root (EACCES)' },
      { kind: 'warning', abs: '/odd', message: 'cannot read root (Error: strange)' },
      { kind: 'warning', abs: '/pipe', message: 'root is not a directory or a regular file' },
    ]);
  });

  it('resolves relative roots, and drops a root inside another or a second one with the same real path', () => {
    const here = path.resolve('rel');
    const fs = scripted({ '/r': 'dir', '/r/sub': 'dir', '/r/a.md': 'file', '/rx': 'dir', '/link': { real: '/r', kind: 'dir' }, '/f': 'file', '/f2': { real: '/f', kind: 'file' }, [here]: 'dir' });
    assert.deepEqual(planRoots(['/r/sub', '/missing', '/r', '/r/a.md', '/rx', '/link', 'rel'], fs), [
      { kind: 'warning', abs: '/missing', message: 'root does not exist' },
      { kind: 'dir', abs: '/r', real: '/r', index: 2 },
      { kind: 'dir', abs: '/rx', real: '/rx', index: 4 },
      { kind: 'dir', abs: here, real: here, index: 6 },
    ]);
    assert.deepEqual(planRoots(['/f2', '/f'], fs), [{ kind: 'file', abs: '/f2', real: '/f', index: 0 }], 'the first of two with one real path');
    assert.deepEqual(planRoots(['/f', '/f/..x'], scripted({ '/f': 'file', '/f/..x': 'file' })), [
      { kind: 'file', abs: '/f', real: '/f', index: 0 },
      { kind: 'file', abs: '/f/..x', real: '/f/..x', index: 1 },
    ], 'nothing is inside a file root');
  });
});
