// The one write path: content of every shape, modes kept, late refusals, the
// asynchronous save's supersession, failures as reasons, no temporary file left.
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { writeAtomic, writeAtomicAsync, type Content, type WriteResult, type WriteTarget } from '../../../../src/engine/write/atomic-write';
import { hashBytes } from '../../../../src/engine/read/read';
import { makeTree, removeTree } from '../../../helpers/tree';

type Writer = (target: WriteTarget, content: Content) => WriteResult | Promise<WriteResult>;
const WRITERS: [string, Writer][] = [
  ['writeAtomic', writeAtomic],
  ['writeAtomicAsync', (t, c) => writeAtomicAsync(t, c)],
];
const DEAD_PID = 2 ** 22 + 4321;

for (const [name, write] of WRITERS) {
  describe(name, () => {
    let dir: string;
    beforeEach(() => {
      dir = makeTree({ 'in/doc.md': 'old\n', 'out.txt': 'before' });
    });
    afterEach(() => removeTree(dir));
    const p = (rel: string) => path.join(dir, rel);
    const report = (rel: string): WriteTarget => ({ kind: 'report', path: p(rel), inputRoots: [p('in')], recognise: () => false });
    const document = (rel: string, expectedHash: string): WriteTarget => ({ kind: 'document', path: p(rel), inputRoots: [p('in')], expectedHash });
    const leftovers = () => fs.readdirSync(dir).filter((n) => n.endsWith('.tmp'));

    it('writes a string, bytes, or pieces one after another', async () => {
      assert.deepEqual(await write(report('a.txt'), 'héllo'), { kind: 'written', path: p('a.txt') });
      assert.equal(fs.readFileSync(p('a.txt'), 'utf8'), 'héllo');
      await write(report('b.bin'), new Uint8Array([1, 2, 3]));
      assert.deepEqual([...fs.readFileSync(p('b.bin'))], [1, 2, 3]);
      await write(report('c.txt'), ['a', Buffer.from('b'), '', 'c']);
      assert.equal(fs.readFileSync(p('c.txt'), 'utf8'), 'abc');
      const big = Buffer.alloc(3 * 1024 * 1024, 0x61);
      await write(report('d.txt'), [big, big]);
      assert.equal(fs.statSync(p('d.txt')).size, 6 * 1024 * 1024);
      assert.deepEqual(leftovers(), []);
    });

    it('replaces a file keeping its exact mode; a new file gets 0666 less the umask', async () => {
      fs.chmodSync(p('out.txt'), 0o604);
      await write(report('out.txt'), 'after');
      assert.equal(fs.readFileSync(p('out.txt'), 'utf8'), 'after');
      assert.equal(fs.statSync(p('out.txt')).mode & 0o7777, 0o604);
      fs.chmodSync(p('out.txt'), 0o666);
      await write(report('out.txt'), 'again');
      assert.equal(fs.statSync(p('out.txt')).mode & 0o7777, 0o666, 'kept even where the umask would take bits off');
      await write(report('new.txt'), 'x');
      const umask = process.umask();
      assert.equal(fs.statSync(p('new.txt')).mode & 0o777, 0o666 & ~umask);
    });

    it('a refused target is left alone, nothing created', async () => {
      const r = await write(report('in/doc.md'), 'x');
      assert.equal(r.kind, 'refused');
      assert.equal(fs.readFileSync(p('in/doc.md'), 'utf8'), 'old\n');
      assert.deepEqual(fs.readdirSync(p('in')), ['doc.md']);
    });

    it('removes a dead process\'s temporary files of the target first', async () => {
      fs.writeFileSync(p(`.out.txt.${DEAD_PID}.abcdef.tmp`), 'left over');
      await write(report('out.txt'), 'after');
      assert.deepEqual(leftovers(), []);
    });

    it('a document is replaced while it holds the expected content', async () => {
      const r = await write(document('in/doc.md', hashBytes(Buffer.from('old\n'))), 'new\n');
      assert.equal(r.kind, 'written');
      assert.equal(fs.readFileSync(p('in/doc.md'), 'utf8'), 'new\n');
    });

    it('a document changed while its new content was written is left alone, the temporary file removed', async () => {
      function* pieces() {
        yield 'new';
        fs.writeFileSync(p('in/doc.md'), 'edited meanwhile\n');
        yield '\n';
      }
      const r = await write(document('in/doc.md', hashBytes(Buffer.from('old\n'))), pieces());
      assert.deepEqual(r, { kind: 'refused', path: p('in/doc.md'), reason: 'content-changed', detail: `${p('in/doc.md')} changed while its new content was written` });
      assert.equal(fs.readFileSync(p('in/doc.md'), 'utf8'), 'edited meanwhile\n');
      assert.deepEqual(fs.readdirSync(p('in')), ['doc.md']);
    });

    it('a document deleted while its new content was written is not recreated', async () => {
      function* pieces() {
        fs.rmSync(p('in/doc.md'));
        yield 'new\n';
      }
      const r = await write(document('in/doc.md', hashBytes(Buffer.from('old\n'))), pieces());
      assert.equal(r.kind === 'refused' && r.reason, 'content-changed');
      assert.deepEqual(fs.readdirSync(p('in')), []);
    });

    it('a failing piece ends the write: the target as it was, the reason from the error, no temporary file', async () => {
      const failing = (err: unknown) =>
        (function* () {
          yield 'partial';
          throw err;
        })();
      const cases: [unknown, string, string][] = [
        [Object.assign(new Error('x'), { code: 'EISDIR' }), 'is-a-directory', `${p('out.txt')} is a folder`],
        [Object.assign(new Error('x'), { code: 'ENOTEMPTY' }), 'is-a-directory', `${p('out.txt')} is a folder`],
        [Object.assign(new Error('x'), { code: 'EEXIST' }), 'is-a-directory', `${p('out.txt')} is a folder`],
        [Object.assign(new Error('x'), { code: 'EACCES' }), 'read-only', `${p('out.txt')} cannot be written (EACCES)`],
        [Object.assign(new Error('x'), { code: 'EPERM' }), 'read-only', `${p('out.txt')} cannot be written (EPERM)`],
        [Object.assign(new Error('x'), { code: 'EROFS' }), 'read-only', `${p('out.txt')} cannot be written (EROFS)`],
        [Object.assign(new Error('x'), { code: 'ENOENT' }), 'missing-folder', `folder ${dir} does not exist`],
        [Object.assign(new Error('x'), { code: 'ENOSPC' }), 'write-failed', `${p('out.txt')} could not be written (ENOSPC)`],
        [new Error('disk on fire'), 'write-failed', `${p('out.txt')} could not be written (disk on fire)`],
        ['a string', 'write-failed', `${p('out.txt')} could not be written (a string)`],
      ];
      for (const [err, reason, detail] of cases) {
        const r = await write(report('out.txt'), failing(err));
        assert.deepEqual(r, { kind: 'refused', path: p('out.txt'), reason, detail }, String((err as { code?: string }).code ?? err));
        assert.equal(fs.readFileSync(p('out.txt'), 'utf8'), 'before');
        assert.deepEqual(leftovers(), []);
      }
    });
  });
}

describe('writeAtomicAsync: superseded', () => {
  let dir: string;
  beforeEach(() => {
    dir = makeTree({ 'out.txt': 'before' });
  });
  afterEach(() => removeTree(dir));

  it('a save no longer wanted before its rename leaves the target alone and no temporary file', async () => {
    const target: WriteTarget = { kind: 'cache', path: path.join(dir, 'c.bin'), recognise: () => true };
    const r = await writeAtomicAsync(target, 'x', () => false);
    assert.deepEqual(r, { kind: 'superseded', path: target.path });
    assert.deepEqual(fs.readdirSync(dir), ['out.txt']);
    assert.equal((await writeAtomicAsync(target, 'y')).kind, 'written', 'wanted by default');
    assert.equal(fs.readFileSync(target.path, 'utf8'), 'y');
  });

  it('a refused target is refused before anything is written', async () => {
    const target: WriteTarget = { kind: 'cache', path: path.join(dir, 'out.txt'), recognise: () => false };
    let asked = false;
    const r = await writeAtomicAsync(target, 'x', () => (asked = true));
    assert.equal(r.kind === 'refused' && r.reason, 'not-a-cache-file');
    assert.equal(asked, false);
  });
});
