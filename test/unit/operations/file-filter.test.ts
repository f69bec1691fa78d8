import assert from 'node:assert/strict';
import { fileFilterMatcher } from '../../../src/operations/file-filter';

describe('file filters of registered operations', () => {
  const cases: [readonly string[], string, boolean][] = [
    [[], '/w/a.bin', true],
    [['.md'], '/w/docs/a.md', true],
    [['.md'], '/w/docs/a.mdx', false],
    [['.md', '.txt'], '/w/b.txt', true],
    [['*.md'], '/w/deep/er/a.md', true],
    [['README*'], '/w/x/README.md', true],
    [['README*'], '/w/README/x.md', false],
    [['**/docs/**'], '/w/docs/a.txt', true],
    [['**/docs/**'], '/w/src/a.txt', false],
    [['.md', '!CHANGELOG.md'], '/w/CHANGELOG.md', false],
    [['.md', '!CHANGELOG.md'], '/w/a.md', true],
    [['!*.lock'], '/w/yarn.lock', false],
    [['!*.lock'], '/w/a.md', true],
    [['.md'], 'C:\\w\\a.md', true],
    [['**/docs/*.md'], 'C:\\w\\docs\\a.md', true],
  ];
  for (const [filter, path, expected] of cases) {
    it(`${JSON.stringify(filter)} ${expected ? 'accepts' : 'refuses'} ${path}`, () => {
      assert.equal(fileFilterMatcher(filter)(path), expected);
    });
  }
});
