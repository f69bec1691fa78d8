// Source positions of what markdown-it parses without positions: offsets in a
// block's inline content and in table cells back to document lines and UTF-16
// columns, directly and through the per-document phase (each destination's
// columns must cut exactly the characters written in the source).
import * as assert from 'node:assert/strict';
import MarkdownIt from 'markdown-it';
import { createLinks, type LinksResult } from '../../../../src/operations/links';
import { blockContentMap, documentMap, sourceLines, tableCellMap } from '../../../../src/operations/links/source-map';
import { brief, chunksOf, runDocument } from './fixture';

function analyse(text: string): LinksResult {
  return runDocument(createLinks(), chunksOf(text, []));
}

/** Each local link's destination as its columns cut it from the source line. */
function written(text: string): Array<string | undefined> {
  const lines = sourceLines(text);
  return analyse(text).links.map(([, , line, column, , , endColumn]) => lines[line - 1]?.slice(column - 1, endColumn - 1));
}

/** The inline tokens of a document, with their content maps. */
function inlineMaps(text: string): Array<{ content: string; at: ReturnType<typeof blockContentMap> }> {
  const lines = sourceLines(text);
  return new MarkdownIt()
    .parse(text, {})
    .filter((t) => t.type === 'inline' && t.map)
    .map((t) => ({ content: t.content, at: blockContentMap(lines, t.map![0], t.content) }));
}

describe('links: source positions of markdown-it content', () => {
  it('places offsets of paragraphs in nested block quotes and lists on their source lines and columns', () => {
    const text = '> - item [a](x.md)\n>   more [b](y.md)\n>\n> > deep [c](z.md)\n';
    const [first, deep] = inlineMaps(text);
    assert.ok(first && deep);
    assert.equal(first.content, 'item [a](x.md)\nmore [b](y.md)');
    assert.deepEqual(first.at(first.content.indexOf('x.md')), { line: 1, column: 14 });
    assert.deepEqual(first.at(first.content.indexOf('y.md')), { line: 2, column: 14 });
    assert.deepEqual(deep.at(deep.content.indexOf('z.md')), { line: 4, column: 14 });
    assert.deepEqual(written(text), ['x.md', 'y.md', 'z.md']);
  });

  it('places lazy continuation lines, whose source line has no container prefix', () => {
    assert.deepEqual(written('> quote [a](a.md)\nlazy [b](b.md)\n'), ['a.md', 'b.md']);
  });

  it('counts a tab as one column, also where a container prefix uses part of it', () => {
    assert.deepEqual(written('-\t[a](tab.md)\n\n>\t[b](quote.md)\n\n1.\tx\n\n\t[c](indented-in-item.md)\n'), ['tab.md', 'quote.md', 'indented-in-item.md']);
    const [tab] = analyse('x\t[a](t.md)\n').links;
    assert.ok(tab);
    assert.deepEqual(tab.slice(2, 4), [1, 7]);
  });

  it('reads CRLF and CR line ends as markdown-it does, columns unchanged', () => {
    const text = 'a\r\n[x](one.md)\r\n\r\n> [y](two.md)\r[z](three.md)\r\n';
    const r = analyse(text);
    assert.deepEqual(r.links.map(([p, , line, column]) => [p, line, column]), [
      ['one.md', 2, 5],
      ['two.md', 4, 7],
      ['three.md', 5, 5],
    ]);
  });

  it('counts columns in UTF-16 code units (CJK and emoji before a link)', () => {
    const text = '日本語 🎉 [x](a.md) and 🎉🎉 [y](#nope)\n';
    const r = analyse(text);
    assert.deepEqual(r.links[0]?.slice(2, 4), [1, 12]); // the emoji is two UTF-16 units
    assert.deepEqual(written(text), ['a.md']);
    assert.deepEqual(r.findings.map(brief), ['missing-fragment 1:32-1:36']);
  });

  it('places headings with a closing sequence, setext headings and trailing white space', () => {
    assert.deepEqual(written('## [a](h.md) ##   \n\n[b](s1.md)\n  [c](s2.md)  \n---\n\n[d](p.md)   \n'), ['h.md', 's1.md', 's2.md', 'p.md']);
  });

  it('finds each table cell in its row, escaped pipes included, inside a block quote too', () => {
    const lines = ['| a \\| b | [x](c.md) |', '> | [y](d.md) | [y](d.md) |'];
    const first = tableCellMap(lines, 0, 0, 'a | b');
    assert.ok(first);
    assert.deepEqual(first.at(4), { line: 1, column: 8 }, 'after the escaped pipe');
    const second = tableCellMap(lines, 0, first.end, '[x](c.md)');
    assert.deepEqual(second?.at(4), { line: 1, column: 16 });
    assert.equal(tableCellMap(lines, 0, 0, 'nowhere'), undefined);
    const text = '| h \\| i | [h](head.md) |\n|---|---|\n| [a](a.md) \\| x | [b](b.md) |\n\n> | q |\n> |---|\n> | [r](r.md) [r](r.md) |\n';
    assert.deepEqual(written(text), ['head.md', 'a.md', 'b.md', 'r.md', 'r.md']);
    const [, , , first_r, second_r] = analyse(text).links;
    assert.ok(first_r && second_r);
    assert.notEqual(first_r[3], second_r[3], 'the same link twice in a cell: two places');
  });

  it('places HTML blocks in containers, and inline HTML', () => {
    const text = '- <div>\n  <a href="x.md">x</a>\n  </div>\n\n> a <img src="i.png"> b\n';
    assert.deepEqual(written(text), ['x.md', 'i.png']);
  });

  it('places definitions in block quotes and lists, angle brackets and destinations on the next line', () => {
    const text = '> [a]: <my file.md>\n\n- [b]:\n  next.md "t"\n\n[a] [b]\n';
    assert.deepEqual(written(text), ['my file.md', 'next.md']);
    const [angle, next] = analyse(text).links;
    assert.ok(angle && next);
    assert.equal(angle[7], 1, 'angle');
    assert.deepEqual(next.slice(2, 4), [4, 3]);
    // A label across lines of a block quote is the label without the second line's '>' prefix: used, and no undefined reference.
    assert.deepEqual(analyse('> [foo\n> bar]: /url\n>\n> [x][foo bar]\n').findings.map(brief), []);
  });

  it('gives no position rather than a wrong one when a content line is not in its source line', () => {
    const at = blockContentMap(['abc'], 0, 'xyz');
    assert.equal(at(1), undefined);
    assert.equal(blockContentMap(['abc'], 0, 'abc')(4), undefined, 'past the content');
    assert.deepEqual(documentMap(['ab', '', 'c'])(4), { line: 3, column: 1 });
  });

  it('does not take GFM footnote labels for undefined references', () => {
    const r = analyse('Name[^a][^b] and [text][^c] but [text][d]\n\n[^a]: A note.\n[^b]: Another.\n');
    assert.deepEqual(r.findings.map((f) => `${brief(f)} ${f.message}`), ['undefined-reference 1:33-1:42 No definition for the reference [d]']);
  });

  it('places undefined references in table cells and across lines', () => {
    const r = analyse('| [a][x] | [b][] |\n|---|---|\n\nsome [multi\nline][y] text\n');
    assert.deepEqual(r.findings.map(brief), ['undefined-reference 1:3-1:9', 'undefined-reference 1:12-1:17', 'undefined-reference 4:6-5:9']);
  });
});
