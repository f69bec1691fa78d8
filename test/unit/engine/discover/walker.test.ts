// The walk (engine/discover/walker.ts) on a scripted file system: what each failing
// call says, links in every state, .gitignore files that are odd, bind mounts, the
// run's own files, and the order of the walk.
import assert from 'node:assert/strict';
import { discover, type DiscoverOptions } from '../../../../src/engine/discover/discover';
import { scriptedFs, type ScriptedNode } from '../../../helpers/scripted-fs';

type Nodes = Record<string, ScriptedNode>;
const dir = { type: 'dir' } as const;
const file = (text = 'x') => ({ type: 'file', text }) as const;
const link = (to: string) => ({ type: 'link', to }) as const;

/** Everything the walk yields, as short strings in its order. */
async function walk(nodes: Nodes, options: DiscoverOptions = {}, errors: Record<string, string> = {}, roots = ['/r']): Promise<string[]> {
  const out: string[] = [];
  for await (const batch of discover(roots, { exclude: [], ...options }, scriptedFs({ '/r': dir, ...nodes }, errors))) {
    for (const item of batch) {
      if (item.type === 'file') out.push(`file ${item.candidate.path}`);
      else if (item.type === 'warning') out.push(`warning ${item.path}: ${item.message}`);
      else out.push(`${item.outcome.kind} ${item.outcome.path}: ${item.outcome.reason}${item.outcome.kind === 'failed' ? '' : ` (${item.outcome.detail})`}`);
    }
  }
  return out;
}

describe('the walk on a scripted file system', () => {
  it('walks in name order, a folder\'s files before its subfolders, and links to folders last', async () => {
    const nodes: Nodes = { '/r/b.md': file(), '/r/a': dir, '/r/a/z.md': file(), '/r/c.md': file(), '/r/L': link('/r/t'), '/r/t': dir, '/r/t/in.md': file(), '/r/A.md': file() };
    assert.deepEqual(await walk(nodes, { exclude: ['t/**', 't'] }), ['file /r/A.md', 'file /r/b.md', 'file /r/c.md', 'file /r/a/z.md', 'file /r/L/in.md']);
  });

  it('a folder it cannot stat or list fails with the reason; one that vanished says nothing', async () => {
    const nodes: Nodes = { '/r/s': dir, '/r/s/a.md': file(), '/r/l': dir, '/r/l/a.md': file(), '/r/v': dir, '/r/w': dir };
    const errors = { 'stat /r/s': 'EACCES', 'readdir /r/l': 'EIO', 'stat /r/v': 'ENOENT', 'readdir /r/w': 'ENOENT' };
    assert.deepEqual(await walk(nodes, {}, errors), ['failed /r/l: io-error', 'failed /r/s: permission-denied']);
  });

  it('warns about a folder it meets twice without a link (a bind mount), and about a file it cannot stat', async () => {
    const nodes: Nodes = { '/r/a': dir, '/r/a/x.md': file(), '/r/b': { type: 'dir', same: '/r/a' }, '/r/f.md': file(), '/r/g.md': file() };
    assert.deepEqual(await walk(nodes, {}, { 'stat /r/f.md': 'EACCES', 'stat /r/g.md': 'ENOENT' }), [
      'warning /r/f.md: cannot stat file (EACCES)',
      'file /r/a/x.md',
      'warning /r/b: directory already walked (a bind mount or hard-linked directory)',
    ]);
  });

  it('forgets the folders of one root before the next', async () => {
    const nodes: Nodes = { '/r/a': dir, '/r/a/x.md': file(), '/q': dir, '/q/b': { type: 'dir', same: '/r/a' }, '/q/b/y.md': file() };
    assert.deepEqual(await walk(nodes, {}, {}, ['/r', '/q']), ['file /r/a/x.md', 'file /q/b/y.md']);
  });

  it('reads only a .gitignore that is a file, says when it cannot, and ignores one without rules', async () => {
    const dirIgnore: Nodes = { '/r/.gitignore': dir, '/r/a.md': file() };
    assert.deepEqual(await walk(dirIgnore), ['file /r/a.md']);
    const locked: Nodes = { '/r/.gitignore': file('a.md\n'), '/r/a.md': file() };
    assert.deepEqual(await walk(locked, {}, { 'open /r/.gitignore': 'EACCES' }), ['warning /r/.gitignore: cannot read .gitignore (EACCES)', 'file /r/.gitignore', 'file /r/a.md']);
    assert.deepEqual(await walk(locked, {}, { 'open /r/.gitignore': 'ENOENT' }), ['file /r/.gitignore', 'file /r/a.md']);
    const comments: Nodes = { '/r/.gitignore': file('# nothing\n'), '/r/s': dir, '/r/s/a.md': file() };
    assert.deepEqual(await walk(comments), ['file /r/.gitignore', 'file /r/s/a.md']);
  });

  it('says why a link cannot be followed, unless the link is not included', async () => {
    const nodes: Nodes = { '/r/dangling': link('/nowhere'), '/r/through': link('/r/f.md/x'), '/r/loop': link('/r/loop'), '/r/locked': link('/r/f.md'), '/r/f.md': file() };
    assert.deepEqual(await walk(nodes, { include: ['**/*'] }, { 'realpath /r/locked': 'EACCES' }), [
      'skipped /r/dangling: dangling-symlink (link target does not exist)',
      'file /r/f.md',
      'warning /r/locked: cannot resolve symbolic link (EACCES)',
      'skipped /r/loop: symlink-loop (too many levels of symbolic links)',
      'skipped /r/through: dangling-symlink (link target does not exist)',
    ]);
    assert.deepEqual(await walk(nodes, { include: ['f.md'] }, { 'realpath /r/locked': 'EACCES' }), ['file /r/f.md']);
  });

  it('says why a link\'s target cannot be stated, unless it vanished or the link is not included', async () => {
    const nodes: Nodes = { '/r/a': link('/r/f.md'), '/r/b': link('/r/f.md'), '/r/c': link('/r/f.md'), '/r/f.md': file() };
    const errors = { 'stat /r/a': 'ELOOP', 'stat /r/b': 'EIO', 'stat /r/c': 'ENOENT' };
    assert.deepEqual(await walk(nodes, {}, errors), [
      'skipped /r/a: symlink-loop (too many levels of symbolic links)',
      'warning /r/b: cannot stat symbolic link target (EIO)',
      'file /r/f.md',
    ]);
    assert.deepEqual(await walk(nodes, { include: ['f.md'] }, errors), ['file /r/f.md']);
  });

  it('leaves out links outside the root and links to files that are not included; keeps links to included files', async () => {
    const nodes: Nodes = { '/r/out': link('/elsewhere'), '/elsewhere': file(), '/r/f.txt': link('/r/g.md'), '/r/g.md': file(), '/r/h.md': link('/r/g.md') };
    assert.deepEqual(await walk(nodes, { include: ['**/*.md'] }), ['file /r/g.md', 'file /r/h.md']);
    assert.deepEqual(await walk(nodes), [
      'file /r/f.txt',
      'file /r/g.md',
      'file /r/h.md',
      'skipped /r/out: symlink-outside-root (link target /elsewhere is outside the root)',
    ]);
  });

  it('does not follow a link to a folder that is excluded or ignored, or already walked', async () => {
    const nodes: Nodes = { '/r/.gitignore': file('ign\n'), '/r/ex': link('/r/t'), '/r/ign': link('/r/t'), '/r/t': dir, '/r/t/a.md': file(), '/r/u': link('/r/t') };
    assert.deepEqual(await walk(nodes, { exclude: ['ex'] }), [
      'file /r/.gitignore',
      'file /r/t/a.md',
      'skipped /r/u: symlink-duplicate (link target /r/t was already walked)',
    ]);
  });

  it('leaves out the run\'s own output files only in their own folder', async () => {
    const nodes: Nodes = { '/r/report.json': file(), '/r/s': dir, '/r/s/report.json': file() };
    assert.deepEqual(await walk(nodes, { ownFiles: ['/r/report.json'] }), ['file /r/s/report.json']);
  });
});
