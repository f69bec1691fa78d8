// The unified diff `--fix --dry-run` prints, from a document's lint fixes.
import { strict as assert } from 'node:assert';
import { createLint } from '../../../../src/operations/lint';
import { applyLintFixes, fixDiff } from '../../../../src/operations/lint/fix';
import type { ConfigFileProbe } from '../../../../src/operations/lint/config-files';

const nothing: ConfigFileProbe = { readFile: () => undefined, exists: () => false };

describe('lint fixes as a diff', () => {
  it('prints a unified diff of the fixed document, and nothing when no fix changes it', () => {
    const op = createLint({}, nothing);
    const before = '# Title\n\nkeep\nkeep\nkeep\nkeep\ntrailing   \nend\n';
    const after = applyLintFixes(before, op.findings!(op.finish(before)));
    assert.equal(after, '# Title\n\nkeep\nkeep\nkeep\nkeep\ntrailing\nend\n');
    assert.equal(
      fixDiff('docs/a.md', before, after),
      [
        '===================================================================',
        '--- a/docs/a.md',
        '+++ b/docs/a.md',
        '@@ -4,5 +4,5 @@',
        ' keep',
        ' keep',
        ' keep',
        '-trailing   ',
        '+trailing',
        ' end',
        '',
      ].join('\n'),
    );
    assert.equal(fixDiff('docs/a.md', after, after), '');
  });
});
