// --exclude adds to the default excludes (node_modules and .git); it does not
// replace them. End to end: the built command line parses its arguments, runs
// discovery, and its JSON report lists what was found.
import assert from 'node:assert/strict';
import * as path from 'node:path';
import { cli } from '../helpers/cli';
import { makeTree, removeTree } from '../helpers/tree';

describe('batch-ops --exclude', function () {
  this.timeout(60_000);
  let root: string | undefined;
  afterEach(() => {
    if (root) removeTree(root);
    root = undefined;
  });

  const filesFound = (args: string[]) => {
    const r = cli([root!, '--format', 'json', '--no-progress', '--concurrency', '0', ...args]);
    assert.equal(r.status, 0, r.stderr);
    const report = JSON.parse(r.stdout) as { documents: { file: string }[] };
    return report.documents.map((d) => d.file.split(path.sep).join('/')).sort();
  };

  it('with --exclude X, X is excluded and node_modules and .git still are', () => {
    root = makeTree({
      'a.md': 'kept\n',
      'notes.log': 'excluded by the option\n',
      'sub/b.md': 'kept\n',
      'sub/debug.log': 'excluded by the option\n',
      'node_modules/pkg/readme.md': 'a default exclude\n',
      'sub/node_modules/dep/index.md': 'a default exclude, nested\n',
      '.git/description.md': 'a default exclude\n',
    });
    assert.deepEqual(filesFound([]), ['a.md', 'notes.log', 'sub/b.md', 'sub/debug.log'], 'without the option: the defaults alone');
    assert.deepEqual(filesFound(['--exclude', '**/*.log']), ['a.md', 'sub/b.md']);
    assert.deepEqual(filesFound(['--exclude', '**/*.log', '--exclude', 'sub/**']), ['a.md'], 'repeated, each adds');
  });
});
