// A warm run's summary from the results' briefs (SummaryFold.brief): a cold run
// with a cache makes them beside each result, the cache file keeps them, and a
// warm run folds them instead of parsing each saved result, to the same summary.
// Regression: a warm --ops analyze run over tldr parsed all 38,000 saved results
// (a tenth of its time) only to add up its summary.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Engine } from '../../../../src/engine/engine';
import { makeTree, removeTree } from '../../../helpers/tree';

/** The texts JSON.parse is given while `f` runs. */
function parsedDuring<T>(f: () => T): { value: T; parsed: string[] } {
  const real = JSON.parse;
  const parsed: string[] = [];
  JSON.parse = ((text: string, reviver?: Parameters<typeof JSON.parse>[1]) => {
    parsed.push(String(text));
    return real(text, reviver);
  }) as typeof JSON.parse;
  try {
    return { value: f(), parsed };
  } finally {
    JSON.parse = real;
  }
}

describe('a warm summary from the results\' briefs', () => {
  let root: string;
  before(() => {
    root = makeTree({
      'a.md': '# Title\n\nThe cat sat on the mat. It was a good day for a cat to sit.\n',
      'b.md': 'TODO: one, FIXME two.\n',
      'c.txt': 'Plain text, in a file links does not read.\n',
    });
  });
  after(() => removeTree(root));

  for (const concurrency of [0, 1]) {
    for (const ids of [['analyze'], ['analyze', 'links']]) {
      it(`${ids.join(' and ')}, concurrency ${concurrency}: the same summary warm, and no analyze result parsed for it`, async () => {
        const cacheFile = path.join(root, '..', `${path.basename(root)}-${concurrency}-${ids.length}.cache`);
        try {
          const cold = new Engine({ concurrency });
          const coldReport = await cold.run({ roots: [root], operations: ids.map((id) => ({ id })) }).done;
          cold.cache.save(cacheFile);
          await cold.close();
          const briefs = fs
            .readFileSync(cacheFile, 'utf8')
            .split('\n')
            .slice(1)
            .filter((line) => line.includes('\t{"analyze":'))
            .map((line) => line.split('\t')[6]);
          assert.equal(briefs.length, 3);
          assert.ok(
            briefs.every((b) => b?.startsWith('[')),
            `each analyze entry is saved with its brief: ${briefs.join(' | ')}`,
          );

          const warm = new Engine({ concurrency });
          warm.cache.load(cacheFile);
          const warmReport = await warm.run({ roots: [root], operations: ids.map((id) => ({ id })) }).done;
          await warm.close();
          assert.equal(warmReport.summary.counts.cached, 3);
          const { value: operations, parsed } = parsedDuring(() => warmReport.summary.operations);
          assert.deepEqual(operations, coldReport.summary.operations);
          assert.deepEqual(
            parsed.filter((text) => text.startsWith('{"analyze":')),
            [],
            'no saved analyze result was parsed for the summary',
          );
        } finally {
          fs.rmSync(cacheFile, { force: true });
        }
      });
    }
  }
});
