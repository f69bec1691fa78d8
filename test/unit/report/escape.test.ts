// Names from the file system in text reports: cases 5 (Markdown) and 6 (terminal), and CSV's formula guard.
import { FindingsStore } from '../../../src/engine/findings/store';
import assert from 'node:assert/strict';
import type { RunReport } from '../../../src/engine/run/run';
import type { Outcome } from '../../../src/engine/types';
import { summaryOf } from '../../helpers/report';
import { csvCell, formatReport } from '../../../src/report/format';
import { escapeControls, escapeMarkdown } from '../../../src/report/escape';

const summary = summaryOf();

const processed = (name: string): Outcome => ({
  kind: 'processed',
  path: `/r/${name}`,
  root: '/r',
  size: 1,
  mtimeMs: 1,
  hash: 'h',
  source: 'disk',
  encoding: 'utf-8',
  ms: 1,
  results: { analyze: { lines: 1, words: 1, sentences: 1, readingMinutes: 0, language: 'other', headingCount: 0, markerCount: 0, headings: [], markers: [] } },
});
const reportOf = (...names: string[]): RunReport => ({ summary, outcomes: names.map(processed), findings: new FindingsStore() });

const TITLE = '\x1b]0;pwned\x07.md';
const HOSTILE = ['<img src=x onerror=alert(1)>.md', '<script>alert(1)</script>.md', 'lone\rcr.md', 'new\nline.md', TITLE];

describe('escaping names in reports', () => {
  it('case 6: the terminal table shows control characters escaped, and a newline does not split a row', () => {
    const table = formatReport('table', reportOf(...HOSTILE), { roots: ['/r'] });
    assert.doesNotMatch(table, /[\x00-\x08\x0b-\x1f\x7f]/, 'no raw control character but the line ends');
    assert.equal(table.split('\n').length, 1 + HOSTILE.length + 1, 'one line per document (and the header)');
    assert.ok(table.includes('\\x1b]0;pwned\\x07.md'), table);
    assert.ok(table.includes('new\\nline.md'));
    assert.ok(table.includes('lone\\rcr.md'));
    assert.equal(escapeControls('a\u202eb\u2028c\x9bd'), 'a\\u202eb\\u2028c\\x9bd');
  });

  it('case 5: the Markdown report has no raw HTML and no control characters, and a lone CR does not split the table', () => {
    const md = formatReport('md', reportOf(...HOSTILE), { roots: ['/r<b>'] });
    assert.doesNotMatch(md, /<[a-z/]/i, 'no tag');
    assert.doesNotMatch(md, /[\x00-\x09\x0b-\x1f\x7f]/);
    assert.ok(md.includes('&lt;img src=x onerror=alert(1)&gt;.md'));
    assert.ok(md.includes('&lt;script&gt;alert(1)&lt;/script&gt;.md'));
    const rows = md.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| File') && !l.startsWith('| ---'));
    assert.equal(rows.length, HOSTILE.length);
    assert.equal(escapeMarkdown(' a|b`c* '), '&#32;a\\|b\\`c\\*&#32;');
  });

  it('CSV puts a quote mark before each formula prefix: = + - @, tab and CR', () => {
    for (const p of ['=', '+', '-', '@', '\t', '\r']) {
      const cell = csvCell(`${p}SUM(A1)`);
      assert.ok(cell === `'${p}SUM(A1)` || cell === `"'${p}SUM(A1)"`, JSON.stringify(cell));
    }
    assert.equal(csvCell('plain'), 'plain');
  });
});
