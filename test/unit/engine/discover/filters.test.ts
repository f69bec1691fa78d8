// The include and exclude globs of a walk, on root-relative POSIX paths.
import assert from 'node:assert/strict';
import { PathFilter } from '../../../../src/engine/discover/filters';

const name = (rel: string) => rel.slice(rel.lastIndexOf('/') + 1);
const excluded = (f: PathFilter, rel: string) => f.excluded(rel, name(rel));

describe('PathFilter', () => {
  it('defaults: every file included, node_modules and .git excluded anywhere', () => {
    const f = new PathFilter(undefined, undefined);
    assert.equal(f.included('a/b/c.txt'), true);
    assert.equal(f.included('.hidden'), true);
    assert.equal(excluded(f, 'node_modules'), true);
    assert.equal(excluded(f, 'a/b/node_modules'), true);
    assert.equal(excluded(f, 'a/.git'), true);
    assert.equal(excluded(f, 'a/git'), false);
    assert.equal(excluded(f, 'a/node_modules.md'), false);
    assert.equal(f.excludedDir('a/node_modules', 'node_modules'), true);
    assert.equal(f.excludedDir('a/src', 'src'), false);
  });

  it('an empty include list, ** and **/* include everything', () => {
    for (const inc of [[], ['**'], ['**/*'], ['*.md', '**']]) {
      const f = new PathFilter(inc, []);
      assert.equal(f.included('x/y.bin'), true, JSON.stringify(inc));
    }
  });

  it('include globs match root-relative paths, dot files too', () => {
    const f = new PathFilter(['*.md', 'docs/**/*.txt'], []);
    assert.equal(f.included('a.md'), true);
    assert.equal(f.included('d/a.md'), false);
    assert.equal(f.included('.a.md'), true);
    assert.equal(f.included('docs/x/y.txt'), true);
    assert.equal(f.included('docs/.x/y.txt'), true);
    assert.equal(f.included('src/y.txt'), false);
  });

  it('no excludes: nothing is excluded, not even node_modules', () => {
    const f = new PathFilter(undefined, []);
    assert.equal(excluded(f, 'node_modules'), false);
    assert.equal(f.excludedDir('node_modules', 'node_modules'), false);
  });

  it('a name anywhere: **/name/** and **/name exclude an entry with that name at any depth', () => {
    const f = new PathFilter(undefined, ['**/build/**', '**/tmp']);
    for (const rel of ['build', 'a/build', 'tmp', 'a/b/tmp']) assert.equal(excluded(f, rel), true, rel);
    for (const rel of ['builder', 'a/tmp2', 'a/xtmp']) assert.equal(excluded(f, rel), false, rel);
  });

  it('an extension anywhere: **/*.ext excludes names ending so, a dot file too', () => {
    const f = new PathFilter(undefined, ['**/*.log']);
    for (const rel of ['a.log', 'x/y/b.log', '.log', 'x/.log']) assert.equal(excluded(f, rel), true, rel);
    for (const rel of ['a.logs', 'a.log.txt', 'log']) assert.equal(excluded(f, rel), false, rel);
  });

  it('a multi-dot extension and several of them', () => {
    const f = new PathFilter(undefined, ['**/*.min.js', '**/*.map']);
    assert.equal(excluded(f, 'a/b.min.js'), true);
    assert.equal(excluded(f, 'a/b.js'), false);
    assert.equal(excluded(f, 'a/b.js.map'), true);
  });

  it('other globs are matched on the whole relative path', () => {
    const f = new PathFilter(undefined, ['docs/private/**', '**/b?d/**', 'top.md']);
    assert.equal(excluded(f, 'docs/private/x.md'), true);
    assert.equal(excluded(f, 'docs/public/x.md'), false);
    assert.equal(excluded(f, 'x/bad/y'), true, 'a wildcard name is a glob, not a name');
    assert.equal(excluded(f, 'x/bd/y'), false);
    assert.equal(excluded(f, 'top.md'), true);
    assert.equal(excluded(f, 'a/top.md'), false);
  });

  it('a glob with a trailing slash excludes folders only: excludedDir tests the path with a slash', () => {
    const f = new PathFilter(undefined, ['**/cache/']);
    assert.equal(f.excludedDir('a/cache', 'cache'), true);
    assert.equal(excluded(f, 'a/cache'), false, 'a file called cache stays');
  });

  it("'G/**' beside 'G' adds nothing (G is pruned first): only G itself is tested", () => {
    const both = new PathFilter(undefined, ['docs', 'docs/**']);
    assert.equal(excluded(both, 'docs'), true);
    assert.equal(excluded(both, 'docs/a.md'), false);
    const alone = new PathFilter(undefined, ['docs/**']);
    assert.equal(excluded(alone, 'docs/a.md'), true);
  });

  it('glob-like names are globs: a name with a brace, bracket or extglob character is not taken literally', () => {
    const f = new PathFilter(undefined, ['**/{a,b}/**', '**/[xy]', '**/*.{md,txt}']);
    assert.equal(excluded(f, 'q/a/z'), true);
    assert.equal(excluded(f, 'q/x'), true);
    assert.equal(excluded(f, 'q/n.txt'), true);
  });

  it('only whole globs are shortcuts: a name or extension glob under a folder stays a glob', () => {
    const f = new PathFilter(undefined, ['docs/**/build/**', 'docs/**/tmp', 'docs/**/*.log', '**/out/**/*.o', '**/a/b']);
    assert.equal(excluded(f, 'build'), false);
    assert.equal(excluded(f, 'docs/x/build/y'), true);
    assert.equal(excluded(f, 'tmp'), false);
    assert.equal(excluded(f, 'docs/x/tmp'), true);
    assert.equal(excluded(f, 'z.log'), false);
    assert.equal(excluded(f, 'docs/z.log'), true);
    assert.equal(excluded(f, 'out'), false, '**/out/**/*.o names files below out, not out');
    assert.equal(excluded(f, 'out/x.o'), true);
    assert.equal(excluded(f, 'q/a'), false, '**/a/b is not a');
    assert.equal(excluded(f, 'q/a/b'), true);
  });

  it("only 'G/**' beside 'G' is dropped, not any glob that starts with another", () => {
    const f = new PathFilter(undefined, ['abc', 'abcxyz']);
    assert.equal(excluded(f, 'abcxyz'), true);
  });

  it('an extension shortcut matches its extension only', () => {
    const f = new PathFilter(undefined, ['**/*.log']);
    assert.equal(excluded(f, 'xundefined'), false);
    const below = new PathFilter(undefined, ['**/*.log/x']);
    assert.equal(excluded(below, 'z.log'), false, 'a glob that goes on after the extension is no extension shortcut');
    assert.equal(excluded(below, 'z.log/x'), true);
  });
});
