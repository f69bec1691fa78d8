// What the markdown-it parse of the links operation reads as content: front
// matter as micromark-extension-frontmatter reads it, and GFM autolink
// literals only (not linkify-it's fuzzy links without www. or a scheme).
import * as assert from 'node:assert/strict';
import type MarkdownIt from 'markdown-it';
import { createParser } from '../../../../src/operations/links/parse';
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

// The parser skips linkify-it in inline blocks without `www.`, `://` or `@`
// (parse.ts, skipLinkifyWithoutLiterals): what the links operation reads from
// the tokens must be what a parser that searches every block reads.
describe('links: linkify only where an autolink literal can be', () => {
  /** What document.ts reads of an inline block: its text (headings slug it) and its autolink literals. */
  function readable(md: MarkdownIt, text: string): { text: string[]; literals: string[] } {
    const out = { text: [] as string[], literals: [] as string[] };
    for (const block of md.parse(text, { sources: new Map() })) {
      const children = block.children ?? [];
      out.text.push(children.filter((t) => t.type === 'text' || t.type === 'code_inline').map((t) => t.content).join(''));
      children.forEach((t, i) => {
        if (t.type === 'link_open' && t.markup === 'linkify') out.literals.push(`${t.attrGet('href')} ${children[i + 1]?.content}`);
      });
    }
    return { text: out.text, literals: out.literals.filter((l) => /^\S+ (?:www\.|https?:\/\/|[^/]*@)/i.test(l)) };
  }

  const samples = [
    '# Using README.md and example.com\n\nSee [a][README.md] and [README.md][b].\n',
    'Files: a.md, b.rs, docs/c.html; www.example.org/x.md and WWW.CAPS.ORG.\n',
    'Mail me@mail.example.com or mailto:x@y.net, then https://a.net/x.md#frag and //cdn.net/x.\n',
    '| cell | example.com |\n|---|---|\n| www.x.io | [l](y.md) |\n',
    '<a href="z.md">example.com</a> `www.code.org` and ftp://files.example.net\n',
    'Write to me@mail.example.com.\n\nOr see www.example.org.\n\nOr https://a.net.\n',
  ];

  it('reads the same text and autolink literals as a parser that searches every block', () => {
    const searchEvery = createParser();
    // linkify-it's own pretest, from the instance's prototype (the parser overrides it on the instance).
    searchEvery.linkify.pretest = (Object.getPrototypeOf(searchEvery.linkify) as typeof searchEvery.linkify).pretest.bind(searchEvery.linkify);
    const skipping = createParser();
    for (const text of samples) assert.deepEqual(readable(skipping, text), readable(searchEvery, text), text);
    // The comparison can fail: the fuzzy links are there when every block is searched.
    const fuzzy = searchEvery.parse(samples[1]!, { sources: new Map() }).flatMap((b) => b.children ?? []).filter((t) => t.markup === 'linkify');
    assert.ok(fuzzy.length > 2, 'linkify-it finds a.md, b.rs and the others when asked');
  });

  it('skips blocks with none of the marks, and searches those with one', () => {
    const md = createParser();
    assert.equal(md.linkify.pretest('README.md and example.com'), false);
    for (const text of ['see www.a.org', 'see WWW.A.ORG', 'x https://a.net', 'me@a.org']) assert.equal(md.linkify.pretest(text), true, text);
  });
});
