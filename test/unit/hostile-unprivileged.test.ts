// The hostile tree through the command line, as an unprivileged user (nobody,
// through setpriv, when the tests run as root): a folder with mode 000 and one
// past PATH_MAX are entries of their own, failed with their reasons, counted by
// the accounting rule, in every report format, and make the exit status 1.
// Names with terminal escapes, HTML and CR stay inert in every format.
import assert from 'node:assert/strict';
import type { SpawnSyncReturns } from 'node:child_process';
import { fromMarkdown } from 'mdast-util-from-markdown';
import { gfmFromMarkdown } from 'mdast-util-gfm';
import { gfm } from 'micromark-extension-gfm';
import { publicTempDir, unprivilegedRunner } from '../helpers/cli';
import { generateHostileTree, hostileRoot, removeHostileTree, type HostileCase } from '../hostile/generate';

interface JsonDocument {
  path: string;
  status: string;
  reason?: string;
}

describe('hostile input, through the command line as an unprivileged user', function () {
  this.timeout(120_000);
  let root = '';
  let tree = '';
  let cases: HostileCase[] = [];
  let run: ((args: readonly string[]) => SpawnSyncReturns<string>) | undefined;

  before(function () {
    run = unprivilegedRunner();
    if (!run) {
      console.log('      (skipped: running as root and setpriv is missing, so no unprivileged user can be tried)');
      this.skip();
    }
    root = publicTempDir('bom-hostile-nobody-');
    tree = hostileRoot(root);
    cases = generateHostileTree(root, { unreadableFolder: true, pastPathMax: true });
  });

  after(() => root && removeHostileTree(root));

  it('THE RULE holds with the unreadable folders counted; each case ends as expected; exit status 1', () => {
    const r = run!([tree, '--format', 'json', '--no-progress']);
    assert.equal(r.status, 1, r.stderr);
    const report = JSON.parse(r.stdout);
    const docs: JsonDocument[] = report.documents;
    const c = report.summary.counts;
    assert.equal(report.summary.accounted, true);
    assert.equal(c.processed + c.cached + c.skipped + c.failed, c.discovered);
    assert.equal(docs.length, c.discovered);
    assert.equal(new Set(docs.map((d) => d.path)).size, docs.length, 'each document once');
    const expected = cases.reduce((n, k) => n + (k.expect === 'not-discovered' ? 0 : k.paths.length), 0);
    assert.equal(c.discovered, expected);
    const byPath = new Map(docs.map((d) => [d.path, d]));
    const mismatches: string[] = [];
    for (const k of cases) {
      for (const p of k.paths) {
        const d = byPath.get(p);
        const want = k.expect === 'not-discovered' ? 'not discovered' : `${k.expect.kind}${k.expect.reason ? ` / ${k.expect.reason}` : ''}`;
        const got = d ? `${d.status}${d.reason ? ` / ${d.reason}` : ''}` : 'not discovered';
        if (!got.startsWith(want)) mismatches.push(`${k.name}: expected ${want}, got ${got}`);
      }
    }
    assert.deepEqual(mismatches, []);
    assert.deepEqual(report.summary.failedByReason, { 'permission-denied': 1, 'name-too-long': 1 });
  });

  it('the unreadable folders appear in the table, CSV and Markdown reports too; names stay inert', () => {
    const locked = cases.find((k) => k.name === 'folder with mode 000')!.paths[0]!;
    const table = run!([tree, '--format', 'table', '--no-progress']);
    assert.equal(table.status, 1);
    assert.match(table.stdout, /^locked +failed .*permission-denied/m);
    assert.match(table.stdout, /^too-deep\/p+.* failed .*name-too-long/m);
    assert.doesNotMatch(table.stdout, /[\x00-\x09\x0b-\x1f\x7f]/, 'no raw control character on the terminal');
    assert.ok(table.stdout.includes('\\x1b]0;pwned\\x07.md'));

    const csv = run!([tree, '--format', 'csv', '--no-progress']);
    assert.equal(csv.status, 1);
    assert.ok(csv.stdout.split('\r\n').some((l) => l.includes(',locked,failed,permission-denied,')), 'CSV row of the locked folder');
    assert.ok(csv.stdout.includes(',"names/lone\rcr.md",'), 'a CR in a name is quoted, so it does not end the row');

    const md = run!([tree, '--format', 'md', '--no-progress']);
    assert.equal(md.status, 1);
    const parsed = fromMarkdown(md.stdout, { extensions: [gfm()], mdastExtensions: [gfmFromMarkdown()] });
    const html: unknown[] = [];
    const walk = (n: { type: string; children?: unknown[] }) => {
      if (n.type === 'html') html.push(n);
      for (const child of n.children ?? []) walk(child as { type: string; children?: unknown[] });
    };
    walk(parsed as { type: string; children?: unknown[] });
    assert.deepEqual(html, [], 'no raw HTML');
    assert.ok(md.stdout.includes('| locked | failed | permission-denied |'), `Markdown row of ${locked}`);
  });
});
