// The Results view's index (src/ui/resultIndex.ts has no editor dependency).
import assert from 'node:assert/strict';
import * as path from 'node:path';
import type { Outcome } from '../../../src/engine/types';
import { labelOf, ResultIndex, sortedNames, type DirNode } from '../../../src/ui/resultIndex';

const ws = path.join(path.sep, 'ws');
const at = (...parts: string[]) => path.join(ws, ...parts);
const processed = (p: string, root = ws): Outcome => ({ kind: 'processed', path: p, root, size: 1, mtimeMs: 1, hash: 'h', results: {}, source: 'disk', encoding: 'utf-8', ms: 1 });
const skipped = (p: string): Outcome => ({ kind: 'skipped', path: p, root: ws, size: 1, mtimeMs: 1, reason: 'binary', detail: 'binary' });

/** The tree as nested plain data: folder name -> { count, docs, dirs }. */
function shape(dir: DirNode): unknown {
  const names = sortedNames(dir);
  return { count: dir.count, docs: names.docs, dirs: Object.fromEntries(names.dirs.map((n) => [n, shape(dir.dirs.get(n)!)])) };
}

describe('ResultIndex', () => {
  const asked: string[] = [];
  const rootOf = (root: string) => {
    asked.push(root);
    return { path: ws, label: 'ws' };
  };
  beforeEach(() => (asked.length = 0));

  it('an unreadable folder is a failed entry of the Failed group, by its path, with no folder made for it', () => {
    const ix = new ResultIndex(rootOf);
    const folder: Outcome = { kind: 'failed', path: at('docs', 'locked'), root: ws, size: 0, mtimeMs: 0, reason: 'permission-denied', detail: 'folder cannot be read (EACCES)' };
    ix.put(processed(at('docs', 'a.md')));
    ix.put(folder);
    assert.deepEqual([...ix.failed.values()], [folder]);
    assert.equal(labelOf(folder.path), 'locked');
    assert.deepEqual(shape(ix.roots.get(ws)!.dir), { count: 1, docs: [], dirs: { docs: { count: 1, docs: ['a.md'], dirs: {} } } });
  });

  it('files each outcome under its folders, counting documents in every folder above it', () => {
    const ix = new ResultIndex(rootOf);
    ix.put(processed(at('b.md')));
    ix.put(processed(at('docs', 'z.md')));
    ix.put(processed(at('docs', 'a.md')));
    ix.put(processed(at('docs', 'deep', 'x.md')));
    ix.put(skipped(at('img.png')));
    assert.deepEqual(shape(ix.roots.get(ws)!.dir), {
      count: 4,
      docs: ['b.md'],
      dirs: { docs: { count: 3, docs: ['a.md', 'z.md'], dirs: { deep: { count: 1, docs: ['x.md'], dirs: {} } } } },
    });
    assert.deepEqual([...ix.skipped.keys()], [at('img.png')]);
    assert.equal(ix.documents, 4);
    assert.deepEqual(asked, [ws], 'the workspace folder of a root is asked for once');
  });

  it('replaces the outcome of a path, also across the groups, and drops folders left empty', () => {
    const ix = new ResultIndex(rootOf);
    ix.put(processed(at('docs', 'deep', 'x.md')));
    ix.put(processed(at('docs', 'a.md')));
    ix.put(skipped(at('docs', 'deep', 'x.md')));
    assert.deepEqual(shape(ix.roots.get(ws)!.dir), { count: 1, docs: [], dirs: { docs: { count: 1, docs: ['a.md'], dirs: {} } } });
    assert.equal(ix.skipped.size, 1);
    ix.put(processed(at('docs', 'deep', 'x.md')));
    assert.equal(ix.skipped.size, 0);
    assert.equal(ix.roots.get(ws)!.dir.count, 2);
    ix.remove(at('docs', 'deep', 'x.md'));
    ix.remove(at('docs', 'a.md'));
    assert.equal(ix.roots.size, 0, 'a root with no documents left is gone');
    assert.equal(ix.documents, 0);
  });

  it('sorts names for display once per change of a folder', () => {
    const ix = new ResultIndex(rootOf);
    ix.put(processed(at('b.md')));
    const dir = ix.roots.get(ws)!.dir;
    const first = sortedNames(dir);
    assert.equal(sortedNames(dir), first, 'kept while nothing changes');
    ix.put(processed(at('a.md')));
    assert.deepEqual(sortedNames(dir).docs, ['a.md', 'b.md']);
  });

  it('puts a path outside its root under its name, and keeps URI-style paths apart', () => {
    const ix = new ResultIndex((root) => ({ path: root, label: root }));
    ix.put(processed(path.join(path.sep, 'elsewhere', 'o.md'), ws));
    ix.put(processed('vscode-vfs://github/o/r/docs/a%20b.md', 'vscode-vfs://github/o/r'));
    assert.deepEqual(sortedNames(ix.roots.get(ws)!.dir).docs, ['o.md']);
    assert.deepEqual(shape(ix.roots.get('vscode-vfs://github/o/r')!.dir), { count: 1, docs: [], dirs: { docs: { count: 1, docs: ['a%20b.md'], dirs: {} } } });
  });

  it('labels file names as they are and decodes only URI-style names', () => {
    assert.equal(labelOf(at('100%.md')), '100%.md', 'a file name is not percent-decoded (and a lone % does not throw)');
    assert.equal(labelOf(at('a%20b.md')), 'a%20b.md');
    assert.equal(labelOf('vscode-vfs://github/o/r/a%20b.md'), 'a b.md');
    assert.equal(labelOf('vscode-vfs://github/o/r/100%.md'), '100%.md');
  });
});

// The sorted names a folder keeps for display must be dropped whenever the folder's
// own sub-folders or documents change, by a put or a remove, at every level.
describe('ResultIndex: sorted names are reset after each change', () => {
  const rootOf = () => ({ path: ws, label: 'ws' });

  it('a new sub-folder shows in its parent\'s folder names once they were sorted', () => {
    const ix = new ResultIndex(rootOf);
    ix.put(processed(at('m', 'x.md')));
    const top = ix.roots.get(ws)!.dir;
    assert.deepEqual(sortedNames(top).dirs, ['m']);
    ix.put(processed(at('a', 'deep', 'y.md')));
    assert.deepEqual(sortedNames(top).dirs, ['a', 'm'], 'a new folder under a folder whose names were sorted');
    const a = top.dirs.get('a')!;
    assert.deepEqual(sortedNames(a).dirs, ['deep']);
    ix.put(processed(at('a', 'b', 'z.md')));
    assert.deepEqual(sortedNames(a).dirs, ['b', 'deep'], 'also one level down');
  });

  it('a folder left empty by a remove leaves its parent\'s folder names', () => {
    const ix = new ResultIndex(rootOf);
    ix.put(processed(at('a', 'x.md')));
    ix.put(processed(at('b', 'inner', 'y.md')));
    const top = ix.roots.get(ws)!.dir;
    const b = top.dirs.get('b')!;
    assert.deepEqual(sortedNames(top).dirs, ['a', 'b']);
    assert.deepEqual(sortedNames(b).dirs, ['inner']);
    ix.remove(at('b', 'inner', 'y.md'));
    assert.deepEqual(sortedNames(top).dirs, ['a'], 'the emptied folder b is gone from the top');
    ix.remove(at('a', 'x.md'));
    ix.put(processed(at('c', 'w.md')));
    assert.deepEqual(sortedNames(ix.roots.get(ws)!.dir).dirs, ['c']);
  });

  it('a removed document, and one moved to the skipped group, leaves its folder\'s document names', () => {
    const ix = new ResultIndex(rootOf);
    ix.put(processed(at('d', 'a.md')));
    ix.put(processed(at('d', 'b.md')));
    ix.put(processed(at('d', 'c.md')));
    const d = ix.roots.get(ws)!.dir.dirs.get('d')!;
    assert.deepEqual(sortedNames(d).docs, ['a.md', 'b.md', 'c.md']);
    ix.remove(at('d', 'b.md'));
    assert.deepEqual(sortedNames(d).docs, ['a.md', 'c.md']);
    ix.put(skipped(at('d', 'a.md')));
    assert.deepEqual(sortedNames(d).docs, ['c.md']);
  });
});

// Found by mutation testing: the failed group, clear(), and paths the root does not hold.
describe('ResultIndex: failed documents, clear, and paths outside a root', () => {
  const failed = (p: string): Outcome => ({ kind: 'failed', path: p, root: ws, size: 1, mtimeMs: 1, reason: 'timeout', detail: 'slow' });
  const rootOf = () => ({ path: ws, label: 'ws' });

  it('a failed outcome goes to the failed group only, and leaves it when replaced or removed', () => {
    const ix = new ResultIndex(rootOf);
    ix.put(failed(at('a.md')));
    ix.put(failed(at('b.md')));
    assert.deepEqual([...ix.failed.keys()], [at('a.md'), at('b.md')]);
    assert.equal(ix.skipped.size, 0);
    assert.equal(ix.roots.size, 0, 'not in the tree');
    ix.put(processed(at('a.md')));
    assert.deepEqual([...ix.failed.keys()], [at('b.md')], 'replaced by a processed outcome');
    assert.equal(ix.documents, 1);
    ix.remove(at('b.md'));
    assert.equal(ix.failed.size, 0);
  });

  it('clear() empties the tree and both groups, and asks for a root again afterwards', () => {
    const asked: string[] = [];
    const ix = new ResultIndex((root) => (asked.push(root), { path: ws, label: 'ws' }));
    ix.put(processed(at('a.md')));
    ix.put(skipped(at('b.png')));
    ix.put(failed(at('c.md')));
    ix.clear();
    assert.deepEqual([ix.roots.size, ix.skipped.size, ix.failed.size, ix.documents], [0, 0, 0, 0]);
    ix.put(processed(at('d.md')));
    assert.deepEqual(asked, [ws, ws]);
    assert.deepEqual(sortedNames(ix.roots.get(ws)!.dir).docs, ['d.md']);
    assert.equal(ix.roots.get(ws)!.dir.name, '');
  });

  it('a path at the root itself, or above it, is filed under its name; a URI-style path under a file-system root too', () => {
    const ix = new ResultIndex((root) => ({ path: root, label: root }));
    const file = at('only.md');
    ix.put(processed(file, file)); // a single file given as the root
    ix.put(processed(path.join(ws, '..', 'up', 'u.md'), ws));
    ix.put(processed('vscode-vfs://github/o/r/x%20y.md', ws));
    assert.deepEqual(sortedNames(ix.roots.get(file)!.dir), { dirs: [], docs: ['only.md'] });
    assert.deepEqual(sortedNames(ix.roots.get(ws)!.dir), { dirs: [], docs: ['u.md', 'x y.md'] });
  });
});
