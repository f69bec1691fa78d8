// Code-unit order, the one order of paths, names, ids and keys everywhere: not the
// locale's, not code points'.
import assert from 'node:assert/strict';
import { byKey, byPath, compareCodeUnits } from '../../../src/util/order';

describe('code-unit order', () => {
  it('upper case before lower case, and accented letters after both, unlike localeCompare', () => {
    const names = ['b', 'é', 'a', 'Z', 'B'];
    assert.deepEqual([...names].sort(compareCodeUnits), ['B', 'Z', 'a', 'b', 'é']);
    assert.notDeepEqual([...names].sort((x, y) => x.localeCompare(y)), ['B', 'Z', 'a', 'b', 'é']);
  });

  it('by UTF-16 code units: a character beyond the BMP (a surrogate pair) sorts before U+FF5E, unlike by code points', () => {
    assert.deepEqual(['～', '😀'].sort(compareCodeUnits), ['😀', '～']);
  });

  it('-1, 0 and 1; a prefix first', () => {
    assert.deepEqual([compareCodeUnits('a', 'b'), compareCodeUnits('b', 'b'), compareCodeUnits('b', 'a')], [-1, 0, 1]);
    assert.deepEqual(['/r/a/b.md', '/r/a', '/r/a.md'].sort(compareCodeUnits), ['/r/a', '/r/a.md', '/r/a/b.md']);
  });

  it('byPath and byKey: items by their path, pairs by their key, in the same order', () => {
    assert.deepEqual(
      [{ path: '/r/b' }, { path: '/r/B' }, { path: '/r/a' }].sort(byPath).map((o) => o.path),
      ['/r/B', '/r/a', '/r/b'],
    );
    assert.deepEqual(
      (
        [
          ['b', 1],
          ['B', 2],
          ['a', 3],
        ] as [string, number][]
      )
        .sort(byKey)
        .map(([k]) => k),
      ['B', 'a', 'b'],
    );
    assert.deepEqual([byPath({ path: 'a' }, { path: 'b' }), byPath({ path: 'x' }, { path: 'x' }), byPath({ path: 'b' }, { path: 'a' })], [-1, 0, 1]);
    assert.deepEqual([byKey(['a', 1], ['b', 0]), byKey(['x', 1], ['x', 2]), byKey(['b', 0], ['a', 1])], [-1, 0, 1]);
  });
});
