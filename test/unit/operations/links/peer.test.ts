// Our findings against remark-validate-links' on the fixture workspace, both
// run in this process: (file, line, kind) sets agree except for the cases
// listed here, each a deliberate difference (see test/fixtures/links/peer-differences.md).
import * as assert from 'node:assert/strict';
import { compareFindings, runOurs, runPeer, type ComparableFinding } from '../../../../bench/links-compare';
import { FIXTURE } from './fixture';

const key = (f: ComparableFinding): string => `${f.file}:${f.line} ${f.kind}`;

describe('links: compared with remark-validate-links', function () {
  this.timeout(60_000);

  it('finds what the peer finds, except for known and reasoned differences', async () => {
    const [ours, peer] = await Promise.all([runOurs(FIXTURE), runPeer(FIXTURE)]);
    assert.ok(peer.length > 10, 'the peer ran and found things');
    const { onlyPeer, onlyOurs } = compareFindings(ours.findings, peer);
    assert.deepEqual(onlyPeer.map(key).sort(), [
      // The peer parses YAML front matter as Markdown (without remark-frontmatter); it is not content.
      'README.md:2 missing-file',
      // The peer compares fragments without percent-decoding them; GitHub decodes them.
      'README.md:28 missing-heading',
      // The peer reads no anchors from {#custom-id}, <a id>, <a name> or HTML ids (one finding per link on line 28).
      'README.md:28 missing-heading',
      'README.md:28 missing-heading',
      'README.md:28 missing-heading',
      'README.md:28 missing-heading',
      // Without a repository the peer knows no top anchor; GitHub scrolls to the top for #top.
      'README.md:29 missing-heading',
      // The peer checks #L10 in a .ts file as a heading; fragments of non-Markdown files are not checked (GitHub: line links).
      'README.md:34 missing-heading-in-file',
      // Links between <!-- batch-ops-disable links --> and enable, and after disable-next-line, are ours to switch off.
      'README.md:57 missing-file',
      'README.md:57 missing-heading',
      'README.md:60 missing-file',
    ]);
    assert.deepEqual(onlyOurs.map(key).sort(), [
      // href and src in HTML: the peer reads Markdown links only.
      'README.md:45 missing-file',
      'README.md:45 missing-file',
    ]);
  });
});
