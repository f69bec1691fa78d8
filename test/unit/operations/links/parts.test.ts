// The links operation's smaller parts: rules, summary and fold, the HTML
// attribute tokenizer, destinations, and "did you mean" distances.
import * as assert from 'node:assert/strict';
import { createLinks, LINKS_RULES, type LinksResult, type LinksRule } from '../../../../src/operations/links';
import { classify } from '../../../../src/operations/links/destination';
import { htmlAttributes } from '../../../../src/operations/links/html';
import { closest, editDistance } from '../../../../src/operations/links/suggest';
import { chunksOf, runDocument } from './fixture';

describe('links: rules, summary, HTML attributes, destinations and suggestions', () => {
  it('describes each rule once, with a help link into the README section', () => {
    const ids: LinksRule[] = ['missing-file', 'missing-fragment', 'missing-fragment-in-file', 'undefined-reference', 'unused-definition', 'duplicate-definition', 'case-mismatch'];
    assert.deepEqual(LINKS_RULES.map((r) => r.id).sort(), [...ids].sort());
    for (const r of LINKS_RULES) assert.match(r.helpUri ?? '', /README\.md#links-rule-/);
    assert.equal(createLinks().rules, LINKS_RULES);
  });

  it('summarizes findings per rule and web links per host, the same through fold and merge', () => {
    const op = createLinks();
    const docs = ['[a](#nope) [b][] https://x.org <https://x.org/y> [m](mailto:a@b.c)\n', '[u]: a.md\n[U]: b.md\n[w](http://y.net)\n', ''];
    const results: LinksResult[] = docs.map((t) => runDocument(op, chunksOf(t, [])));
    const [first, second, third] = results;
    assert.ok(first && second && third);
    const summary = op.summarize(results);
    assert.deepEqual(summary, {
      documents: 3,
      findingsByRule: { 'missing-fragment': 1, 'undefined-reference': 1, 'unused-definition': 1, 'duplicate-definition': 1 },
      localLinks: 2,
      webLinks: 4,
      webLinksByHost: { 'x.org': 2, 'mailto:': 1, 'y.net': 1 },
    });
    const fold = op.fold!;
    const a = fold.add(fold.start(), first);
    const b = fold.add(fold.add(fold.start(), second), third);
    assert.deepEqual(fold.end(fold.merge!(a, b)), summary);
  });

  it('tokenizes the attributes of start tags, skipping comments and end tags', () => {
    const html = '<!-- <a href="no.md"> --><a  HREF = "x y.md" data-href="no"><img src=\'i.png\' alt="<a href=no>"/></a><b id=k name=n>';
    assert.deepEqual(
      htmlAttributes(html).map((a) => [a.name, a.value, html.slice(a.start, a.end)]),
      [
        ['href', 'x y.md', 'x y.md'],
        ['src', 'i.png', 'i.png'],
        ['id', 'k', 'k'],
        ['name', 'n', 'n'],
      ],
    );
  });

  it('tells web links from local paths and fragments', () => {
    assert.deepEqual(classify('https://Example.com:8080/a'), { kind: 'web', host: 'example.com:8080' });
    assert.deepEqual(classify('//cdn.net/x'), { kind: 'web', host: 'cdn.net' });
    assert.deepEqual(classify('mailto:a@b.c'), { kind: 'web', host: 'mailto:' });
    assert.deepEqual(classify('C:/x.md'), { kind: 'local', path: 'C:/x.md', fragment: undefined });
    assert.deepEqual(classify('my%20file.md?x=1#S%C3%A9e'), { kind: 'local', path: 'my file.md', fragment: 'Sée' });
    assert.deepEqual(classify('bad%zz.md'), { kind: 'local', path: 'bad%zz.md', fragment: undefined });
  });

  it('measures Damerau-Levenshtein distance and suggests only close names', () => {
    assert.equal(editDistance('guide', 'gudie', 5), 1);
    assert.equal(editDistance('guide', 'gide', 5), 1);
    assert.equal(editDistance('kitten', 'sitting', 5), 3);
    assert.equal(editDistance('kitten', 'sitting', 1), 2);
    assert.equal(closest('setpu', ['install', 'setup', 'usage']), 'setup');
    assert.equal(closest('ab', ['ac']), undefined, 'too short for a typo');
    assert.equal(closest('install', ['uninstall-all']), undefined);
  });
});
