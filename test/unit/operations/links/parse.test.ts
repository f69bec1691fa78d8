// What the markdown-it parse of the links operation reads as content: front
// matter as micromark-extension-frontmatter reads it, and GFM autolink
// literals only (not linkify-it's fuzzy links without www. or a scheme).
import * as assert from 'node:assert/strict';
import { createLinks, type LinksResult } from '../../../../src/operations/links';
import { chunksOf, runDocument } from './fixture';

function analyse(text: string): LinksResult {
  return runDocument(createLinks(), chunksOf(text, []));
}

const paths = (r: LinksResult): string[] => r.links.map(([p]) => p);

describe('links: what the markdown-it parse reads', () => {
  it('leaves out closed YAML and TOML front matter on the first line only', () => {
    assert.deepEqual(paths(analyse('---\ntitle: "[a](yaml.md)"\n---\n[b](after.md)\n')), ['after.md']);
    assert.deepEqual(paths(analyse('+++\ntitle = "[a](toml.md)"\n+++  \n[b](after.md)\n')), ['after.md']);
    assert.deepEqual(paths(analyse('\n---\n[a](not-matter.md)\n---\n')), ['not-matter.md']);
  });

  it('reads an unclosed fence on the first line as a thematic break, not as front matter to the end', () => {
    assert.deepEqual(paths(analyse('---\n[a](kept.md)\n\n# Title\n')), ['kept.md']);
    assert.deepEqual(analyse('---\n# Title\n').anchors, ['title']);
  });

  it('counts GFM autolink literals, not file names or bare domains', () => {
    const r = analyse('See README.md, example.com, //cdn.net/x, www.example.org, https://a.net/x and me@mail.example.com.\n');
    assert.deepEqual(r.web, { 'www.example.org': 1, 'a.net': 1, 'mailto:': 1 });
    assert.deepEqual(r.links, []);
  });
});
