// --fix and --fix --dry-run: what is written (the bytes markdownlint-cli2 --fix
// leaves, links' suggestions too), what is refused (a document changed since its
// analysis), and that a dry run writes nothing and prints a diff that applies.
import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { applyPatch } from 'diff';
import { fixableDocuments, fixDocuments, fixedText } from '../../../src/cli/fix';
import { Engine } from '../../../src/engine/engine';
import { contentHash } from '../../../src/engine/write/write-target';
import type { RunReport } from '../../../src/engine/run/run';
import { cli } from '../../helpers/cli';
import { WORKSPACE, cli2Keys, copyTree, markdownFiles, removeCopies, runCli2 } from '../operations/lint/peer';

const LINK_DOC = '# Title\n\nSee [the guide](guide.md#setup) and [gone](guid.md).\n';
const GUIDE = '# Guide\n\n## Setup\n\nText.\n';

async function analyse(root: string, ops: string[]): Promise<RunReport> {
  const engine = new Engine({ concurrency: 0 });
  try {
    return await engine.run({ roots: [root], operations: ops.map((id) => ({ id })) }).done;
  } finally {
    await engine.close();
  }
}

function snapshot(root: string): Map<string, { bytes: string; mtimeMs: number }> {
  const out = new Map<string, { bytes: string; mtimeMs: number }>();
  for (const file of markdownFiles(root)) out.set(file, { bytes: fs.readFileSync(file).toString('hex'), mtimeMs: fs.statSync(file).mtimeMs });
  return out;
}

describe('batch-ops --fix', function () {
  this.timeout(120_000);
  after(removeCopies);

  it('leaves lint-only documents byte-identical to markdownlint-cli2 --fix (but for a BOM file fixed on line 1), and a second lint finds only the unfixable', async () => {
    const ours = copyTree(WORKSPACE);
    const theirs = copyTree(WORKSPACE);
    await runCli2(theirs, { fix: true });
    const report = await analyse(ours, ['lint']);
    const documents = fixableDocuments(report.outcomes, report.findings);
    const result = fixDocuments(documents, { roots: [ours], dryRun: false });
    assert.ok(result.fixedFiles >= 10, `${result.fixedFiles} files fixed`);
    assert.deepEqual(result.files.filter((f) => f.status === 'refused'), []);
    for (const file of markdownFiles(WORKSPACE).map((f) => path.relative(WORKSPACE, f))) {
      if (file === 'bom.md') continue; // see the peer test: cli2 fixes line 1 of a BOM file one column early
      assert.equal(JSON.stringify(fs.readFileSync(path.join(ours, file), 'utf8')), JSON.stringify(fs.readFileSync(path.join(theirs, file), 'utf8')), file);
    }
    // A second lint finds what markdownlint-cli2 finds after its own --fix: no fixable finding, and the same unfixable ones.
    const again = await analyse(ours, ['lint']);
    assert.ok(again.findings.all().every((f) => !f.fix), 'no fixable finding is left');
    const left = again.findings.all().filter((f) => !f.file.endsWith('bom.md')).map((f) => `${path.relative(ours, f.file)}:${f.range.start.line}:${f.rule}`);
    const theirsLeft = cli2Keys(await runCli2(theirs)).filter((k) => !k.startsWith('bom.md:'));
    assert.ok(theirsLeft.length > 5, `${theirsLeft.length} left`);
    assert.deepEqual(left.sort(), theirsLeft);
  });

  it("applies links' suggestions too, and keeps a CRLF file's endings and its BOM", async () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'fix-links-'));
    try {
      fs.writeFileSync(path.join(root, 'guide.md'), GUIDE);
      fs.writeFileSync(path.join(root, 'index.md'), '\uFEFF' + LINK_DOC.replace(/\n/g, '\r\n'));
      fs.chmodSync(path.join(root, 'index.md'), 0o640);
      const report = await analyse(root, ['links']);
      const outcome = report.outcomes.find((o) => o.path === path.join(root, 'index.md'));
      assert.ok(outcome && (outcome.kind === 'processed' || outcome.kind === 'cached'));
      assert.equal(contentHash(outcome.path), outcome.hash, "the write path's hash of a BOM file is the engine's");
      const result = fixDocuments(fixableDocuments(report.outcomes, report.findings), { roots: [root], dryRun: false });
      assert.deepEqual(result.files.map((f) => [path.basename(f.path), f.status]), [['index.md', 'fixed']]);
      const after = fs.readFileSync(path.join(root, 'index.md'), 'utf8');
      assert.equal(after, '\uFEFF# Title\r\n\r\nSee [the guide](guide.md#setup) and [gone](guide.md).\r\n');
      assert.equal(fs.statSync(path.join(root, 'index.md')).mode & 0o777, 0o640, 'mode kept');
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it('refuses a document changed between its analysis and the fix, and writes nothing outside the roots', async () => {
    const root = copyTree(WORKSPACE);
    const report = await analyse(root, ['lint']);
    const documents = fixableDocuments(report.outcomes, report.findings);
    const stale = documents.find((d) => d.path.endsWith('trailing-blanks.md'))!;
    fs.appendFileSync(stale.path, 'edited meanwhile\n');
    const edited = fs.readFileSync(stale.path);
    const result = fixDocuments(documents, { roots: [root], dryRun: false });
    const status = result.files.find((f) => f.path === stale.path);
    assert.deepEqual(status, { path: stale.path, status: 'refused', reason: 'changed since it was analysed; run again' });
    assert.ok(fs.readFileSync(stale.path).equals(edited), 'left as it was');
    assert.ok(result.files.some((f) => f.status === 'fixed'), 'the others are fixed');

    const elsewhere = copyTree(WORKSPACE);
    const other = await analyse(elsewhere, ['lint']);
    const outside = fixDocuments(fixableDocuments(other.outcomes, other.findings), { roots: [root], dryRun: false });
    assert.ok(outside.files.length > 0 && outside.files.every((f) => f.status === 'refused' && /outside the folders/.test(f.reason)));
  });

  it('with --dry-run writes nothing and prints a diff that applies to the files', () => {
    const root = copyTree(WORKSPACE);
    const withBrokenLink = (dir: string) => {
      fs.writeFileSync(path.join(dir, 'guide.md'), GUIDE);
      fs.writeFileSync(path.join(dir, 'linked.md'), LINK_DOC);
    };
    withBrokenLink(root);
    const before = snapshot(root);
    const run = cli([root, '--ops', 'lint,links', '--fix', '--dry-run', '--no-progress', '--concurrency', '0', '--fail-on', 'none']);
    assert.equal(run.status, 0, run.stderr);
    assert.deepEqual(snapshot(root), before, 'nothing written');
    assert.match(run.stderr, /would fix \d+ problems in \d+ files \(dry run: nothing written\)/);
    assert.match(run.stdout, /^={10,}\n--- a\//);
    execFileSync('git', ['apply', '--check', '--unsafe-paths', `--directory=${path.relative('/', root)}`, '-p1', '-'], { input: run.stdout, cwd: '/', stdio: 'pipe' });
    assert.match(run.stdout, /^\+See \[the guide\]\(guide\.md#setup\) and \[gone\]\(guide\.md\)\.$/m, "links' suggestion in the diff");
    // And applied, the diff gives what --fix writes.
    const fixedRoot = copyTree(WORKSPACE);
    withBrokenLink(fixedRoot);
    const fixed = cli([fixedRoot, '--ops', 'lint,links', '--fix', '--no-progress', '--concurrency', '0', '--format', 'json', '--fail-on', 'none']);
    assert.equal(fixed.status, 0, fixed.stderr);
    assert.match(fixed.stderr, /fixed \d+ problems in \d+ files/);
    // The JSON report lists what became of each document that had fixes.
    const fixes = JSON.parse(fixed.stdout).fixes as { path: string; status: string; problems?: number }[];
    assert.ok(fixes.some((f) => f.path === path.join(fixedRoot, 'linked.md') && f.status === 'fixed' && f.problems! >= 1), JSON.stringify(fixes));
    assert.ok(fixes.every((f) => f.status !== 'refused'));
    const patches = run.stdout.split(/^(?====+\n--- )/m).filter(Boolean);
    assert.ok(patches.length >= 10, `${patches.length} patches`);
    for (const patch of patches) {
      const file = /^\+\+\+ b\/(.*?)(?:\t|$)/m.exec(patch)![1]!;
      const applied = applyPatch(fs.readFileSync(path.join(root, file), 'utf8'), patch);
      assert.equal(applied, fs.readFileSync(path.join(fixedRoot, file), 'utf8'), file);
    }
  });

  it('--dry-run without --fix is a usage error', () => {
    const run = cli(['--dry-run', os.tmpdir()]);
    assert.equal(run.status, 2);
    assert.match(run.stderr, /--dry-run goes with --fix/);
  });

  it('applies generic edits without touching the rest: endings, BOM and final newline as they were', () => {
    const text = '\uFEFFa\r\nbad link\nc';
    const edit = { range: { start: { line: 2, column: 1 }, end: { line: 2, column: 4 } }, newText: 'good' };
    assert.equal(fixedText(text, [{ operation: 'links', fix: { description: 'x', edits: [edit] } }]), '\uFEFFa\r\ngood link\nc');
  });
});
