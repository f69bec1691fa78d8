// The per-document phase, driven through the Operation interface: one chunk
// and several chunks give the same result, and each finding, anchor and link
// of the fixture is exactly where the source puts it.
import * as assert from 'node:assert/strict';
import * as path from 'node:path';
import { createLinks, type LinksResult } from '../../../../src/operations/links';
import { createOperations } from '../../../../src/operations/registry';
import { FIXTURE, brief, chunksOf, readText, runDocument } from './fixture';

const README = path.join(FIXTURE, 'README.md');

function analyse(text: string, settings = {}): LinksResult {
  const op = createLinks(settings);
  return runDocument(op, chunksOf(text, []));
}

describe('links: the per-document phase', () => {
  const op = createLinks({ ignore: ['generated/**'] });
  const text = readText(README);
  const whole = runDocument(op, chunksOf(text, []));

  it('is registered as links and accepts Markdown documents only', () => {
    const [links] = createOperations([{ id: 'links' }]);
    assert.ok(links);
    assert.equal(links.id, 'links');
    for (const p of ['a.md', 'B.MD', 'c.markdown', 'd.mdx']) assert.ok(op.accepts(p), p);
    for (const p of ['a.txt', 'md', 'a.md.ts', 'a.mdown']) assert.ok(!op.accepts(p), p);
  });

  it('gives the same result however the text is cut into chunks, with or without overlap', () => {
    for (const cuts of [[1], [100, 101, 2000], [...Array(40).keys()].map((i) => i * 97 + 3)]) {
      for (const overlap of [0, 16]) assert.deepEqual(runDocument(op, chunksOf(text, cuts, overlap)), whole, `cuts ${cuts.length} overlap ${overlap}`);
    }
  });

  it('reports the fixture readme\'s per-document findings exactly', () => {
    assert.deepEqual(whole.findings.map(brief), [
      'missing-fragment 30:19-30:26',
      'missing-fragment 30:39-30:56',
      'undefined-reference 47:56-47:81',
      'undefined-reference 47:82-47:105',
      'unused-definition 53:1-53:24',
      'duplicate-definition 54:1-54:27',
    ]);
    const [typo, none] = whole.findings;
    assert.ok(typo && none);
    assert.match(typo.message, /did you mean #repeated\?/);
    assert.deepEqual(typo.fix?.edits, [{ range: typo.range, newText: 'repeated' }]);
    assert.equal(text.split('\n')[29]?.slice(typo.range.start.column - 1, typo.range.end.column - 1), 'repeatd');
    assert.equal(none.fix, undefined);
    assert.equal(whole.findings[0]?.severity, 'error');
    assert.equal(whole.findings[4]?.severity, 'warning');
  });

  it('makes every kind of anchor as GitHub does', () => {
    assert.deepEqual(whole.anchors, [
      'links-fixture',
      'repeated',
      'repeated-1',
      'repeated-2',
      'punctuation-its-fine-isnt-it',
      'emoji--party',
      'ünïcödé-überschrift',
      '日本語の見出し',
      'my-custom-id',
      'custom',
      'explicit-id',
      'named-anchor',
      'html-id',
    ]);
  });

  it('keeps each local link with its decoded path, fragment and the exact columns of its destination', () => {
    const lines = text.split('\n');
    const written = whole.links.map(([, , line, column, , , endColumn]) => lines[line - 1]?.slice(column - 1, endColumn - 1));
    assert.deepEqual(written, [
      'docs/guide.md',
      'docs/guide.md#setup',
      'docs/guide.md#instalation',
      'docs/guide',
      'docs/guide/',
      '/docs/guide.md',
      'docs/missing.md',
      'docs/gide.md',
      'docs/Guide.md',
      'docs/my%20file.md',
      'docs/my file.md',
      'images/logo.png',
      'images/logo.svg',
      'src/main.ts#L10',
      'docs/guide.md?plain=1#setup',
      'docs/nowhere.md',
      'images/nope.png',
      'docs/guide.md#setup',
      'docs/guide.md',
      'docs/my file.md',
      'docs/guide.md',
      'docs/other.md',
      'missing-after.md',
    ]);
    // Percent-encoding and angle brackets give the real file name; the '#' column splits path from fragment.
    const spaced = whole.links.filter(([p]) => p === 'docs/my file.md');
    assert.deepEqual(spaced.map(([, , , , , , , flags]) => flags), [0, 1, 1]);
    const part = (link: (typeof whole.links)[number], from: number, to: number): string | undefined => text.split('\n')[link[2] - 1]?.slice(from - 1, to - 1);
    const [plain, setup] = whole.links;
    const query = whole.links[14];
    assert.ok(plain && setup && query);
    assert.deepEqual([setup[0], setup[1], part(setup, setup[3], setup[4]), part(setup, setup[5], setup[6])], ['docs/guide.md', 'setup', 'docs/guide.md', 'setup']);
    assert.deepEqual([part(query, query[3], query[4]), part(query, query[5], query[6])], ['docs/guide.md', 'setup']);
    assert.deepEqual([part(plain, plain[3], plain[4]), plain[5]], ['docs/guide.md', plain[6]]);
  });

  it('leaves out links in front matter, code spans, fenced and indented code, ignored targets and disabled lines', () => {
    const paths = new Set(whole.links.map(([p]) => p));
    for (const p of ['matter.md', 'missing-in-code.md', 'missing-in-fence.md', 'missing-in-indent.md', 'generated/out.md', 'missing-disabled.md', 'missing-next-line.md']) {
      assert.ok(!paths.has(p), p);
    }
    assert.ok(!whole.findings.some((f) => f.range.start.line >= 57 && f.range.start.line <= 60), 'no finding on disabled lines');
    const unignored = analyse(text);
    assert.ok(unignored.links.some(([p]) => p === 'generated/out.md'));
  });

  it('makes a result that survives JSON (the cache) and structured cloning (threads) unchanged', () => {
    assert.deepEqual(JSON.parse(JSON.stringify(whole)), whole);
    assert.deepEqual(structuredClone(whole), whole);
    assert.ok(whole.findings.every((f) => !('fix' in f) || f.fix !== undefined), 'no fix: undefined keys');
  });

  it('counts web links per host: links, autolinks and GFM autolink literals', () => {
    assert.deepEqual(whole.web, { 'example.com': 1, 'mailto:': 1, 'www.example.org': 1 });
  });

  it('reports only full and collapsed references without a definition, and not inside code', () => {
    const r = analyse('[a][x] [b][] [c] `[d][y]` [e][ok] [f]\n\n[ok]: u.md\n[F]: v.md\n');
    assert.deepEqual(r.findings.map((f) => `${brief(f)} ${f.message}`), [
      'undefined-reference 1:1-1:7 No definition for the reference [x]',
      'undefined-reference 1:8-1:13 No definition for the reference [b]',
    ]);
  });

  it('leaves to the parser which brackets are references (CommonMark examples)', () => {
    // [foo] is text and [bar][baz] a link (spec example 568): no undefined reference.
    assert.deepEqual(analyse('[foo][bar][baz]\n\n[baz]: /url\n').findings.map(brief), []);
    // An escaped bracket is no link text; [b] is a shortcut, plain text without a definition.
    assert.deepEqual(analyse('\\[a][b]\n').findings.map(brief), []);
    // In a block quote and a list item, positions are the document's.
    assert.deepEqual(analyse('> x [a][nope]\n\n- y\n  [b][]\n').findings.map(brief), ['undefined-reference 1:5-1:14', 'undefined-reference 4:3-4:8']);
  });

  it('compares labels after CommonMark normalisation', () => {
    const r = analyse('[a][Foo  Bar]\n\n[foo bar]: a.md\n[FOO\tBAR]: b.md\n[ẞ]: c.md\n[ss]: d.md\n');
    assert.deepEqual(r.findings.map(brief), ['duplicate-definition 4:1-4:16', 'unused-definition 5:1-5:10', 'duplicate-definition 6:1-6:11']);
  });

  it('reads href and src of HTML, and ids and names as anchors', () => {
    const r = analyse('<p id=top-p>\n<a href="#frag" name=\'n\'>x</a> <img src=pic.png alt="a>b"> <a href="#zzz">\n</p>\n');
    assert.deepEqual(r.anchors, ['top-p', 'n']);
    assert.deepEqual(r.findings.map(brief), ['missing-fragment 2:11-2:15', 'missing-fragment 2:70-2:73']);
    assert.deepEqual(r.links, [['pic.png', '', 2, 41, 48, 48, 48, 2]]);
  });

  it('reads HTML between comments, and takes only whole directive comments as switches', () => {
    const r = analyse('<!-- a --> <a href="#x"> <!-- b -->\n\n<!-- batch-ops-disable links and more -->\n[y](#y)\n');
    assert.deepEqual(r.findings.map(brief), ['missing-fragment 1:22-1:23', 'missing-fragment 4:6-4:7']);
  });

  it('takes # and #top as the top of the document, and compares fragments case-insensitively after percent-decoding', () => {
    const r = analyse('# Straße Ünï\n[a](#) [b](#top) [c](#TOP) [d](#STRAßE-ÜNÏ) [e](#stra%C3%9Fe-%C3%BCn%C3%AF) [f](#stra)\n');
    assert.deepEqual(r.findings.map(brief), ['missing-fragment 2:82-2:86']);
  });
});
