// The .gitignore stack's verdicts, against what `git check-ignore` says for the same files.
import * as assert from 'node:assert/strict';
import { IgnoreLevel, isIgnored } from '../../../../src/engine/discover/ignore-rules';

function level(dirRel: string, text: string): IgnoreLevel {
  const l = IgnoreLevel.parse(dirRel, text);
  assert.ok(l, `rules in ${JSON.stringify(text)}`);
  return l;
}

describe('ignore-rules', () => {
  it('has no level for a .gitignore of blank lines and comments only', () => {
    assert.equal(IgnoreLevel.parse('', '\n# only a comment\n   \n'), undefined);
    assert.ok(IgnoreLevel.parse('', '# a comment\n*.log\n'));
  });

  // git: root .gitignore 'a/x/', a/.gitignore '!x/': a/x/ is walked and a/x/f, a/x/y/g are not ignored.
  // The library's public test() lets the ignored parent a/x/ decide for its files; the level must not.
  it('judges a path by its own rules when a deeper .gitignore re-included its parent', () => {
    const levels = [level('', 'a/x/\n*.log\n'), level('a/', '!x/\n')];
    assert.equal(isIgnored(levels, 'a/x/'), false);
    assert.equal(isIgnored(levels, 'a/x/f'), false);
    assert.equal(isIgnored(levels, 'a/x/y/'), false);
    assert.equal(isIgnored(levels, 'a/x/y/g'), false);
    // The path's own rules still apply inside the re-included directory.
    assert.equal(isIgnored(levels, 'a/x/y/g.log'), true);
    assert.equal(isIgnored(levels, 'a/x/f.log'), true);
    // And where nothing re-includes, the upper rule stands.
    assert.equal(isIgnored(levels.slice(0, 1), 'a/x/'), true);
  });

  it('re-includes the ancestors by their literal names (glob characters, spaces)', () => {
    const levels = [level('', '[ab]*/\n*.log\n'), level('', '![ab]*/\n')];
    // '[ab]*/' ignores both top-level directories; the second file re-includes them.
    for (const dir of ['b c [x]/', 'a*?#!/']) {
      assert.equal(isIgnored(levels.slice(0, 1), dir), true, dir);
      assert.equal(isIgnored(levels, dir), false, dir);
      for (const file of [`${dir}f`, `${dir}#y/`, `${dir}#y/f`, `${dir}!z/ f`]) assert.equal(isIgnored(levels, file), false, file);
      assert.equal(isIgnored(levels, `${dir}f.log`), true, `${dir}f.log`);
      assert.equal(isIgnored(levels, `${dir}#y/f.log`), true, `${dir}#y/f.log`);
    }
  });

  it('gives the same verdicts after the library cache is recycled', () => {
    // A stack holds the levels of the path's own folders: the second is for paths under pkg/ only.
    const root = level('', 'build/\n*.tmp\n!keep.tmp\n');
    const pkg = [root, level('pkg/', '!build/\n')];
    for (let i = 0; i < 10_000; i++) {
      assert.equal(isIgnored([root], `d${i}/a.tmp`), true);
      assert.equal(isIgnored([root], `d${i}/keep.tmp`), false);
      assert.equal(isIgnored(pkg, `pkg/build/x${i}`), false);
      assert.equal(isIgnored(pkg, `pkg/build/x${i}.tmp`), true);
      assert.equal(isIgnored([root], 'other/build/'), true);
    }
  });
});
