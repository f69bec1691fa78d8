// What the markdown-it parse of the links operation reads as content: front
// matter as micromark-extension-frontmatter reads it, and GFM autolink
// literals only (not linkify-it's fuzzy links without www. or a scheme).
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type MarkdownIt from 'markdown-it';
import { analyzeDocument } from '../../../../src/operations/links/document';
import { createParser, mayHoldLinks } from '../../../../src/operations/links/parse';
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

// The parser parses the inline content only of headings and of blocks that may
// hold a link (parse.ts, mayHoldLinks): the operation must read the same from it
// as from a parser that parses every block.
describe('links: inline content parsed only where a link may be', () => {
  const everyBlock = createParser({ inlineEverywhere: true });
  const none = (): boolean => false;
  const fixtures = (dir: string): string[] =>
    fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
      const p = path.join(dir, e.name);
      return e.isDirectory() ? fixtures(p) : /\.(md|markdown|mdx)$/.test(e.name) ? [p] : [];
    });
  const samples = [
    '# *Emphasis* and `code`\n\nPlain prose with *emphasis*, `code` and **strong** text.\n\n## Second_heading_\n\n[link](other.md#x) then [ref][missing]\n',
    'Setext *heading*\n===\n\nSee <b id="anchor">bold</b> and <https://a.net/x>.\n\n[def]: target.md\n',
    '| a | b |\n|---|---|\n| plain | [l](cell.md) |\n| www.x.io | me@a.org |\n\n> quoted [q](quoted.md)\n> plain\n',
    'Text with ][ but no link, `[code](not.md)` and \\[escaped](e.md).\n\n- item *one*\n- item [two](two.md)\n',
    'A line&#91;entity](x.md) and &lt;a href="y.md"&gt;\n\n[shortcut]\n\n[shortcut]: s.md\n',
  ];

  it('reads the same from samples and every fixture document as a parser that parses every block', () => {
    const texts = [...samples, ...fixtures(path.join(__dirname, '../../../fixtures')).map((f) => fs.readFileSync(f, 'utf8'))];
    assert.ok(texts.length > 20);
    for (const text of texts) assert.deepEqual(analyzeDocument(text, none), analyzeDocument(text, none, everyBlock), text.slice(0, 200));
  });

  it('leaves the inline content of plain blocks unparsed, and parses headings and blocks with a mark', () => {
    const children = (md: MarkdownIt, text: string): number[] => md.parse(text, { sources: new Map() }).filter((t) => t.type === 'inline').map((t) => t.children?.length ?? 0);
    const text = '# *Title*\n\nPlain *prose*.\n\nA [link](x.md).\n\nAn <i>tag</i>.\n\nA www.site.org literal.\n';
    const parsed = children(createParser(), text);
    assert.equal(parsed[1], 0, 'the plain paragraph is not parsed');
    assert.ok(parsed[0]! > 0 && parsed.slice(2).every((n) => n > 0), String(parsed));
    assert.ok(children(everyBlock, text).every((n) => n > 0));
    for (const [content, may] of [['plain *text*', false], ['a [b]', true], ['<x>', true], ['WWW.A.ORG', true], ['me@a.org', true], ['ftp://x', true]] as const) assert.equal(mayHoldLinks(content), may, content);
  });
});

describe('links: markdown-it normalize only where a document needs it', () => {
  it('turns \\r\\n and \\r into \\n and NUL into U+FFFD as markdown-it does', () => {
    const contents = (text: string): string[] => createParser().parse(text, { sources: new Map() }).filter((t) => t.type === 'inline').map((t) => t.content);
    assert.deepEqual(contents('# T\r\n\r\nA\rB\0C\r\nD\n'), ['T', 'A\nB\uFFFDC\nD']);
    assert.deepEqual(contents('# T\n\nA\nB\0C\n'), ['T', 'A\nB\uFFFDC']);
    assert.deepEqual(contents('# T\n\nA\nB\n'), ['T', 'A\nB']);
    assert.deepEqual(analyzeDocument('x\r\n\r\n[a](b.md)\r\n', () => false).links, analyzeDocument('x\n\n[a](b.md)\n', () => false).links);
  });
});
