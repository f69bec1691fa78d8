// Which folders a markdownlint configuration change runs again.
import { strict as assert } from 'node:assert';
import picomatch from 'picomatch';
import { foldersToRerun, isMarkdownlintConfig, MARKDOWNLINT_CONFIG_GLOB } from '../../../../src/ui/decisions/configFiles';

describe('markdownlint configuration changes', () => {
  it('recognises exactly the watched configuration file names, as the watcher glob does', () => {
    const watched = picomatch(MARKDOWNLINT_CONFIG_GLOB, { dot: true });
    for (const name of ['.markdownlint.jsonc', '.markdownlint.json', '.markdownlint.yaml', '.markdownlint.yml', '.markdownlint-cli2.jsonc', '.markdownlint-cli2.yaml']) {
      assert.ok(isMarkdownlintConfig(`/w/docs/${name}`), name);
      assert.ok(watched(`docs/${name}`), `${name} matches the glob`);
    }
    for (const name of ['markdownlint.json', '.markdownlint.cjs', '.markdownlint-cli2.yml', '.markdownlint.json.bak', 'a.md']) {
      assert.ok(!isMarkdownlintConfig(`/w/${name}`), name);
      assert.ok(!watched(`docs/${name}`), `${name} does not match the glob`);
    }
  });

  it("runs each changed file's folder once, and no folder inside another one of them", () => {
    assert.deepEqual(
      foldersToRerun(['/w/docs/api/.markdownlint.jsonc', '/w/docs/.markdownlint.yaml', '/w/docs/api/.markdownlint-cli2.jsonc', '/w/other/.markdownlint.json', '/w/docs2/.markdownlint.json', '/w/x/readme.md']),
      ['/w/docs', '/w/docs2', '/w/other'],
    );
    assert.deepEqual(foldersToRerun(['/w/sub/deeper/.markdownlint.yml']), ['/w/sub/deeper']);
    assert.deepEqual(foldersToRerun([]), []);
  });
});
