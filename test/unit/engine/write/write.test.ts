// The one write path: what it refuses, and that it leaves nothing behind.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { writeAtomic, writeAtomicAsync, type WriteResult } from '../../../../src/engine/write/atomic-write';
import type { DocumentTarget, ReportTarget } from '../../../../src/engine/write/write-target';

const engineHash = (text: string) => createHash('sha1').update(text).digest('hex');
const reasonOf = (r: WriteResult) => (r.kind === 'refused' ? r.reason : r.kind);

describe('atomic write', () => {
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'bom-write-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const report = (p: string, extra: Partial<ReportTarget> = {}): ReportTarget => ({
    kind: 'report',
    path: p,
    inputRoots: [path.join(dir, 'docs')],
    recognise: (head) => head.toString().startsWith('# Batch report'),
    ...extra,
  });
  const document = (p: string, expectedHash: string): DocumentTarget => ({ kind: 'document', path: p, inputRoots: [path.join(dir, 'docs')], expectedHash });

  it('a document is replaced only while it holds the content the change was made for, and only inside the roots', async () => {
    fs.mkdirSync(path.join(dir, 'docs'));
    const doc = path.join(dir, 'docs', 'a.md');
    fs.writeFileSync(doc, 'old\n');
    fs.chmodSync(doc, 0o640);
    assert.equal(reasonOf(writeAtomic(document(doc, engineHash('something else\n')), 'new\n')), 'content-changed');
    assert.equal(fs.readFileSync(doc, 'utf8'), 'old\n');
    assert.equal(reasonOf(writeAtomic(document(doc, engineHash('old\n')), 'fixed\n')), 'written');
    assert.equal(fs.readFileSync(doc, 'utf8'), 'fixed\n');
    assert.equal(fs.statSync(doc).mode & 0o777, 0o640, 'mode kept');
    assert.equal(reasonOf(await writeAtomicAsync(document(doc, engineHash('fixed\n')), 'again\n')), 'written');
    const outside = path.join(dir, 'outside.md');
    fs.writeFileSync(outside, 'x');
    assert.equal(reasonOf(writeAtomic(document(outside, engineHash('x')), 'y')), 'outside-workspace');
    assert.equal(reasonOf(writeAtomic(document(path.join(dir, 'docs', 'gone.md'), engineHash('')), 'y')), 'content-changed');
  });

  it('a report never replaces an input document, but replaces an earlier report or a file outside the roots', () => {
    fs.mkdirSync(path.join(dir, 'docs'));
    const notes = path.join(dir, 'docs', 'notes.md');
    fs.writeFileSync(notes, 'my notes\n');
    assert.equal(reasonOf(writeAtomic(report(notes), '# Batch report\n')), 'is-input-document');
    assert.equal(fs.readFileSync(notes, 'utf8'), 'my notes\n');
    const previous = path.join(dir, 'docs', 'report.md');
    fs.writeFileSync(previous, '# Batch report\nold\n');
    assert.equal(reasonOf(writeAtomic(report(previous), '# Batch report\nnew\n')), 'written');
    const outside = path.join(dir, 'out.md');
    fs.writeFileSync(outside, 'anything');
    assert.equal(reasonOf(writeAtomic(report(outside), '# Batch report\n')), 'written');
    assert.equal(reasonOf(writeAtomic(report(outside, { otherOutputs: [path.join(dir, '.', 'out.md')] }), 'x')), 'same-as-other-output');
    assert.equal(reasonOf(writeAtomic(report(path.join(dir, 'missing', 'r.md')), 'x')), 'missing-folder');
    assert.equal(reasonOf(writeAtomic(report(path.join(dir, 'docs')), 'x')), 'is-a-directory');
    fs.chmodSync(outside, 0o444);
    assert.equal(reasonOf(writeAtomic(report(outside), 'x')), 'read-only');
  });

  it('a target whose name is near NAME_MAX (255 bytes) still gets a temporary file next to it', () => {
    const target = path.join(dir, 'ж'.repeat(125) + 'ab.md'); // 255 bytes
    assert.equal(reasonOf(writeAtomic(report(target), '# Batch report\n')), 'written');
    assert.deepEqual(fs.readdirSync(dir), [path.basename(target)]);
  });

  it('a write that fails half-way leaves the target as it was and no temporary file', async () => {
    const target = path.join(dir, 'r.md');
    fs.writeFileSync(target, 'before');
    function* failing() {
      yield 'part one';
      throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
    }
    assert.equal(reasonOf(writeAtomic(report(target), failing())), 'write-failed');
    assert.equal(reasonOf(await writeAtomicAsync(report(target), failing())), 'write-failed');
    assert.equal(reasonOf(await writeAtomicAsync(report(target), 'x', () => false)), 'superseded');
    assert.equal(fs.readFileSync(target, 'utf8'), 'before');
    assert.deepEqual(fs.readdirSync(dir), ['r.md']);
  });
});
