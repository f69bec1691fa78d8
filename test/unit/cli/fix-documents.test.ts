// --fix over files written here, called directly (fix.test.ts runs whole runs):
// which documents are fixable, what is refused and why, what is said.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fixableDocuments, fixDocuments, fixedText, fixSummaryLines, type FixResult } from '../../../src/cli/fix';
import { hashBytes } from '../../../src/engine/read/read';
import type { FindingsStore } from '../../../src/engine/findings/store';
import type { Outcome } from '../../../src/engine/types';
import type { Finding } from '../../../src/operations/findings';
import { makeTree, removeTree } from '../../helpers/tree';

const range = (line: number, from: number, to: number) => ({ start: { line, column: from }, end: { line, column: to } });
function finding(file: string, newText: string, over: Partial<Finding> = {}): Finding {
  return {
    operation: 'links',
    rule: 'r',
    severity: 'warning',
    message: 'm',
    file,
    range: range(1, 1, 4),
    fix: { description: 'd', edits: [{ range: range(1, 1, 4), newText }] },
    ...over,
  } as Finding;
}

describe('fixableDocuments', () => {
  it('processed and cached documents with a finding that has edits, in path order, with their hash', () => {
    const outcomes = [
      { kind: 'processed', path: '/r/b.md', hash: 'hb' },
      { kind: 'cached', path: '/r/a.md', hash: 'ha' },
      { kind: 'skipped', path: '/r/c.md' },
      { kind: 'failed', path: '/r/d.md' },
      { kind: 'processed', path: '/r/e.md', hash: 'he' },
      { kind: 'processed', path: '/r/a.md', hash: 'ha' },
    ] as unknown as Outcome[];
    const byFile: Record<string, Finding[]> = {
      '/r/a.md': [finding('/r/a.md', 'x'), finding('/r/a.md', '', { fix: undefined } as never)],
      '/r/b.md': [finding('/r/b.md', 'y')],
      '/r/c.md': [finding('/r/c.md', 'z')],
      '/r/d.md': [finding('/r/d.md', 'z')],
      '/r/e.md': [{ ...finding('/r/e.md', 'w'), fix: { description: 'nothing', edits: [] } }],
    };
    const store = { forFile: (p: string) => byFile[p] ?? [] } as unknown as FindingsStore;
    const docs = fixableDocuments(outcomes, store);
    assert.deepEqual(docs.map((d) => [d.path, d.hash, d.findings.length]), [['/r/a.md', 'ha', 1], ['/r/a.md', 'ha', 1], ['/r/b.md', 'hb', 1]]);
  });

  it('sorts any order by path', () => {
    const names = ['/r/e', '/r/a', '/r/d', '/r/b', '/r/f', '/r/c', '/r/h', '/r/g', '/r/j', '/r/i', '/r/l', '/r/k'];
    const outcomes = names.map((p) => ({ kind: 'processed', path: p, hash: p })) as unknown as Outcome[];
    const store = { forFile: (p: string) => [finding(p, 'x')] } as unknown as FindingsStore;
    assert.deepEqual(fixableDocuments(outcomes, store).map((d) => d.path), [...names].sort());
    assert.deepEqual(fixableDocuments([...outcomes].reverse(), store).map((d) => d.path), [...names].sort());
  });
});

describe('fixedText', () => {
  it('no finding with a fix: the text as it is', () => {
    assert.equal(fixedText('abc', [{ operation: 'links', fix: undefined }]), 'abc');
    assert.equal(fixedText('\uFEFFabc', []), '\uFEFFabc');
  });
  const edit = (operation: string) => ({ operation, fix: { description: 'd', edits: [{ range: range(2, 1, 4), newText: 'good' }] } });
  it('a lint fix among them: every line ending becomes the most frequent one, as markdownlint-cli2 --fix does', () => {
    assert.equal(fixedText('a\r\nbad\nc\r\n', [edit('lint')]), 'a\r\ngood\r\nc\r\n');
    assert.equal(fixedText('a\r\nbad\nc\r\n', [edit('links'), edit('lint')]), 'a\r\ngood\r\nc\r\n', 'any one lint fix');
    assert.equal(fixedText('a\r\nbad\nc\r\n', [{ operation: 'lint', fix: undefined }, edit('links')]), 'a\r\ngood\nc\r\n', 'a lint finding without a fix: only the edits');
  });
  it('other operations\' fixes change only the edited ranges: endings and the byte-order mark stay', () => {
    assert.equal(fixedText('a\r\nbad\nc\r\n', [edit('links')]), 'a\r\ngood\nc\r\n');
    assert.equal(fixedText('\uFEFFa\nbad\n', [edit('links')]), '\uFEFFa\ngood\n', 'positions count from after the BOM');
    assert.equal(fixedText('a\nbad\uFEFF', [edit('links')]), 'a\ngood\uFEFF', 'a BOM at the end is text');
    const first = { operation: 'links', fix: { description: 'd', edits: [{ range: range(1, 1, 4), newText: 'good' }] } };
    assert.equal(fixedText('\uFEFFbad\n', [first]), '\uFEFFgood\n', 'on the first line too');
  });
  it('without a byte-order mark: positions from the first character', () => {
    assert.equal(fixedText('bad link', [{ operation: 'links', fix: { description: 'd', edits: [{ range: range(1, 1, 4), newText: 'good' }] } }]), 'good link');
  });
});

describe('fixDocuments', () => {
  let root: string;
  beforeEach(() => {
    root = makeTree({ 'a.md': 'bad one\n', 'sub/b.md': 'bad two\n', 'latin.md': Buffer.from([0x62, 0x61, 0x64, 0xe9, 0x0a]), 'same.md': 'bad\n' });
  });
  afterEach(() => removeTree(root));
  const doc = (rel: string, newText: string, n = 1) => {
    const file = path.join(root, rel);
    return { path: file, hash: hashBytes(fs.readFileSync(file)), findings: Array.from({ length: n }, () => finding(file, newText)) };
  };

  it('writes each changed document, counts its problems, and diffs nothing when not dry', () => {
    const r = fixDocuments([doc('a.md', 'good', 2), doc('sub/b.md', 'fine')], { roots: [root], dryRun: false });
    assert.equal(fs.readFileSync(path.join(root, 'a.md'), 'utf8'), 'good one\n');
    assert.equal(fs.readFileSync(path.join(root, 'sub', 'b.md'), 'utf8'), 'fine two\n');
    assert.deepEqual(r.files.map((f) => f.status), ['fixed', 'fixed']);
    assert.deepEqual([r.fixedProblems, r.fixedFiles], [3, 2]);
    assert.match(r.diff, /^-bad one$/m, 'the diff is computed either way');
  });

  it('dry: the diff names each file relative to its root with forward slashes, and nothing is written', () => {
    const r = fixDocuments([doc('sub/b.md', 'fine')], { roots: ['/elsewhere', root], dryRun: true });
    assert.equal(fs.readFileSync(path.join(root, 'sub', 'b.md'), 'utf8'), 'bad two\n');
    assert.match(r.diff, /^--- a\/sub\/b\.md/m);
    assert.match(r.diff, /^\+fine two$/m);
    assert.deepEqual([r.fixedProblems, r.fixedFiles], [1, 1]);
    const outside = fixDocuments([doc('sub/b.md', 'fine')], { roots: ['/elsewhere'], dryRun: true });
    assert.ok(outside.diff.includes(`--- a/${path.join(root, 'sub', 'b.md').replace(/^\//, '')}`) || outside.diff.includes(path.join(root, 'sub', 'b.md')), outside.diff);
    const atRoot = fixDocuments([doc('a.md', 'good')], { roots: [path.join(root, 'a.md'), root], dryRun: true });
    assert.match(atRoot.diff, /^--- a\/a\.md/m, 'a root that is the file itself is no root for its name');
  });

  it('a document changed since its analysis is refused and left alone', () => {
    const d = doc('a.md', 'good');
    fs.writeFileSync(d.path, 'bad one, edited\n');
    const r = fixDocuments([d], { roots: [root], dryRun: false });
    assert.deepEqual(r.files, [{ path: d.path, status: 'refused', reason: 'changed since it was analysed; run again' }]);
    assert.equal(fs.readFileSync(d.path, 'utf8'), 'bad one, edited\n');
    assert.deepEqual([r.fixedProblems, r.fixedFiles, r.diff], [0, 0, '']);
  });

  it('a document gone is refused with its error code', () => {
    const d = doc('a.md', 'good');
    fs.rmSync(d.path);
    assert.deepEqual(fixDocuments([d], { roots: [root], dryRun: false }).files, [{ path: d.path, status: 'refused', reason: 'cannot be read (ENOENT)' }]);
  });

  it('a document that is not UTF-8 is refused, unchanged', () => {
    const d = doc('latin.md', 'good');
    assert.deepEqual(fixDocuments([d], { roots: [root], dryRun: false }).files, [{ path: d.path, status: 'refused', reason: 'is not UTF-8 text; fixes are written to UTF-8 documents only' }]);
    assert.deepEqual(fs.readFileSync(d.path), Buffer.from([0x62, 0x61, 0x64, 0xe9, 0x0a]));
  });

  it('fixes that change nothing leave the document unchanged and out of the counts', () => {
    const r = fixDocuments([doc('same.md', 'bad')], { roots: [root], dryRun: false });
    assert.deepEqual(r.files.map((f) => f.status), ['unchanged']);
    assert.deepEqual([r.fixedProblems, r.fixedFiles, r.diff], [0, 0, '']);
  });

  it('a document outside the roots is refused by the write path, with its detail', () => {
    const d = doc('a.md', 'good');
    const r = fixDocuments([d], { roots: [path.join(root, 'sub')], dryRun: false });
    assert.equal(r.files[0]!.status, 'refused');
    assert.match((r.files[0] as { reason: string }).reason, /outside the folders of this run/);
    assert.equal(fs.readFileSync(d.path, 'utf8'), 'bad one\n');
  });
});

describe('fixSummaryLines', () => {
  const result = (files: FixResult['files'], fixedProblems: number, fixedFiles: number): FixResult => ({ files, diff: '', fixedProblems, fixedFiles });
  it('one line per fixed or refused file and the total, singular and plural', () => {
    const r = result(
      [
        { path: '/a', status: 'fixed', problems: 1 },
        { path: '/b', status: 'fixed', problems: 2 },
        { path: '/c', status: 'unchanged' },
        { path: '/d', status: 'refused', reason: 'why' },
      ],
      3,
      2,
    );
    assert.deepEqual(fixSummaryLines(r, false), ['fixed /a (1 problem)', 'fixed /b (2 problems)', 'not fixed: /d: why', 'fixed 3 problems in 2 files']);
    assert.deepEqual(fixSummaryLines(r, true), ['would fix /a (1 problem)', 'would fix /b (2 problems)', 'not fixed: /d: why', 'would fix 3 problems in 2 files (dry run: nothing written)']);
    assert.deepEqual(fixSummaryLines(result([], 1, 1), false), ['fixed 1 problem in 1 file']);
    assert.deepEqual(fixSummaryLines(result([], 0, 0), true), ['would fix 0 problems in 0 files (dry run: nothing written)']);
  });
});
