// A property test over the report writers: for any file names (any Unicode,
// control characters, HTML, pipes, quotes, formula prefixes), CSV parses back to
// the names with formula prefixes neutralised, the Markdown tables have exactly
// one row per document under a CommonMark (GFM) parser and no raw HTML, and JSON
// parses back exactly.
import { FindingsStore } from '../../../src/engine/findings/store';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import type { RunReport } from '../../../src/engine/run/run';
import type { Outcome } from '../../../src/engine/types';
import { summaryOf } from '../../helpers/report';
import { escapeControls } from '../../../src/report/escape';
import { formatReport } from '../../../src/report/format';

const summary = summaryOf();

const ROOT = '/r';

function outcomeOf(name: string, i: number): Outcome {
  const base = { path: `${ROOT}/${name}`, root: ROOT, size: 1, mtimeMs: 1 };
  if (i % 3 === 1) return { ...base, kind: 'skipped', reason: 'binary', detail: `NUL in ${name}` };
  if (i % 3 === 2) return { ...base, kind: 'failed', reason: 'name-too-long', detail: name };
  return {
    ...base,
    kind: 'processed',
    hash: 'h',
    source: 'disk',
    encoding: 'utf-8',
    ms: 1,
    results: { analyze: { lines: 1, words: 1, sentences: 1, readingMinutes: 0, language: 'other', headingCount: 0, markerCount: 0, headings: [], markers: [] } },
  };
}

const HOSTILE = ['<', '>', '&', '&amp;', '<script>', '<img src=x onerror=alert(1)>', '|', '\\', '"', "'", '`', '*', '_', '[', ']', '(', ')', '~', '!', '#', '\r', '\n', '\t', '\x1b', '\x07', '\u2028', '\u202e', ' ', '=', '+', '-', '@', 'www.example.com', 'a@b.co', 'http://x.y', '&#60;', '\\|', '<!--', '-->', ':', '\u00a0'];

/** A file name: anything but '/' and NUL, not '.' or '..'. */
const fileName = fc
  .array(fc.oneof(fc.string({ unit: 'binary', minLength: 1, maxLength: 4 }), fc.constantFrom(...HOSTILE)), { minLength: 1, maxLength: 6 })
  .map((parts) => parts.join('').replace(/[/\0]/g, '_'))
  .filter((n) => n !== '.' && n !== '..');

/** RFC 4180, as a spreadsheet reads it. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
}

interface MdNode {
  type: string;
  value?: string;
  children?: MdNode[];
}

function textOf(node: MdNode): string {
  return node.value ?? (node.children ?? []).map(textOf).join('');
}

function nodesOf(node: MdNode, type: string, out: MdNode[] = []): MdNode[] {
  if (node.type === type) out.push(node);
  for (const child of node.children ?? []) nodesOf(child, type, out);
  return out;
}

describe('report writers (property)', () => {
  it('CSV, Markdown and JSON keep every name, one row each, with nothing live in them', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fileName, { minLength: 1, maxLength: 12 }), (names) => {
        const outcomes = names.map(outcomeOf);
        const report: RunReport = { summary, outcomes, findings: new FindingsStore() };

        const json = JSON.parse(formatReport('json', report, { roots: [ROOT] }));
        assert.deepEqual(json.documents.map((d: { file: string }) => d.file).sort(), [...names].sort());

        const csv = parseCsv(formatReport('csv', report, { roots: [ROOT] }));
        const fileColumn = csv[0]!.indexOf('file');
        const neutralised = (n: string) => (/^[=+\-@\t\r]/.test(n) ? `'${n}` : n);
        assert.deepEqual(csv.slice(1).map((r) => r[fileColumn]).sort(), names.map(neutralised).sort());
        assert.ok(csv.every((r) => r.length === csv[0]!.length), 'every row has every column');

        const md = formatReport('md', report, { roots: [ROOT] });
        const tree = fromMarkdown(md, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] }) as MdNode;
        assert.deepEqual(nodesOf(tree, 'html'), [], 'no raw HTML');
        const tables = nodesOf(tree, 'table');
        const bad = outcomes.filter((o) => o.kind === 'skipped' || o.kind === 'failed').map((o) => o.path.slice(ROOT.length + 1));
        const good = outcomes.filter((o) => o.kind === 'processed').map((o) => o.path.slice(ROOT.length + 1));
        const expected = bad.length > 0 ? [bad, good] : [good];
        assert.equal(tables.length, expected.length);
        tables.forEach((table, t) => {
          const rows = table.children!.slice(1);
          assert.equal(rows.length, expected[t]!.length, 'one row per document');
          assert.ok(rows.every((r) => r.children!.length === table.children![0]!.children!.length), 'no row split or merged');
          // What a renderer shows in the first cell: the name, its control characters spelled out.
          assert.deepEqual(rows.map((r) => textOf(r.children![0]!)).sort(), expected[t]!.map(escapeControls).sort());
        });
      }),
      { numRuns: 300 },
    );
  });
});
