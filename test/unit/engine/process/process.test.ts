// One document through the pipeline (engine/process/process.ts), called directly:
// which operations run, an unchanged hash, a file worth cutting in ranges, in-memory
// documents, the limits of a file the walk did not stat, and errors.
import assert from 'node:assert/strict';
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_CHUNKER } from '../../../../src/engine/process/chunk';
import { processDocument } from '../../../../src/engine/process/process';
import type { DocJob, ProcessOptions } from '../../../../src/engine/process/job';
import { DEFAULT_GENERATED } from '../../../../src/engine/read/generated';
import { nodeFileSystem, type FileSystem } from '../../../../src/engine/read/fs';
import { DEFAULT_READ } from '../../../../src/engine/read/read';
import { DEFAULT_MAX_FILE_SIZE, UNSTATED } from '../../../../src/engine/types';
import type { Operation } from '../../../../src/operations/operation';
import { makeTree, removeTree } from '../../../helpers/tree';

/** Counts owned characters; accepts what `accepts` says. */
function counter(id: string, accepts: (p: string) => boolean = () => true, splittable = false): Operation<number, { chars: number }, null> {
  return {
    id,
    version: 1,
    settings: {},
    splittable,
    accepts,
    map: (chunk) => chunk.text.length - chunk.overlap,
    empty: () => 0,
    combine: (x, y) => x + y,
    finish: (chars) => ({ chars }),
    summarize: () => null,
  };
}

const OPTIONS: ProcessOptions = { read: DEFAULT_READ, chunk: DEFAULT_CHUNKER, generated: DEFAULT_GENERATED };
/** Files above 16 bytes are streamed; those of 32 bytes and more are worth ranges of 16. */
const SMALL: ProcessOptions = { ...OPTIONS, read: { ...DEFAULT_READ, wholeThreshold: 16, chunkBytes: 16, rangeBytes: 16 } };
const sha1 = (data: string | Buffer) => crypto.createHash('sha1').update(data).digest('hex');

describe('processDocument', () => {
  let root: string;
  const file = (name: string) => path.join(root, name);
  const diskJob = (name: string, extra: Partial<DocJob> = {}): DocJob => ({ path: file(name), root, size: fs.statSync(file(name)).size, mtimeMs: 5, ...extra });
  before(() => {
    root = makeTree({
      'small.txt': 'Hello there.\n',
      'edge.txt': 'x'.repeat(15) + '\n',
      'over.txt': 'x'.repeat(16) + '\n',
      'big.txt': 'line of text\n'.repeat(10),
      'bom.txt': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('line of text\n'.repeat(10))]),
      'wide.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('line of text\n'.repeat(10), 'utf16le')]),
    });
  });
  after(() => removeTree(root));

  it('runs the operations that accept the file, and of those only the ones the job names', () => {
    const ops = [counter('a'), counter('md', (p) => p.endsWith('.md')), counter('c')];
    const all = processDocument({ path: '/m/x.txt', root: '/m', size: 0, mtimeMs: 0, text: 'hello' }, ops, OPTIONS);
    assert.deepEqual(all.kind === 'processed' && all.results, { a: { chars: 5 }, c: { chars: 5 } });
    const named = processDocument({ path: '/m/x.txt', root: '/m', size: 0, mtimeMs: 0, text: 'hello', ops: ['c', 'md'] }, ops, OPTIONS);
    assert.deepEqual(named.kind === 'processed' && named.results, { c: { chars: 5 } });
    const none = processDocument({ path: '/m/x.txt', root: '/m', size: 0, mtimeMs: 0, text: 'hello' }, [ops[1]!], OPTIONS);
    assert.deepEqual(none, { kind: 'skipped', path: '/m/x.txt', root: '/m', size: 0, mtimeMs: 0, reason: 'unsupported-type', detail: 'no operation accepts this file' });
  });

  it('an in-memory document has its own size and hash and comes from memory; a file from disk', () => {
    const text = processDocument({ path: '/m/x.txt', root: '/m', size: 999, mtimeMs: 3, text: 'héllo' }, [counter('a')], OPTIONS);
    assert.equal(text.kind, 'processed');
    assert.deepEqual(text.kind === 'processed' && [text.size, text.source, text.hash, text.encoding], [6, 'memory', sha1('héllo'), 'utf-8']);
    const bytes = processDocument({ path: '/m/y.txt', root: '/m', size: 999, mtimeMs: 3, bytes: Buffer.from('abc') }, [counter('a')], OPTIONS);
    assert.deepEqual(bytes.kind === 'processed' && [bytes.size, bytes.source, bytes.hash], [3, 'memory', sha1('abc')]);
    const disk = processDocument(diskJob('small.txt'), [counter('a')], OPTIONS);
    assert.deepEqual(disk.kind === 'processed' && [disk.size, disk.mtimeMs, disk.source, disk.hash], [13, 5, 'disk', sha1('Hello there.\n')]);
    assert.ok(disk.kind === 'processed' && disk.ms >= 0 && disk.ms < 10_000, 'milliseconds spent');
  });

  it('a whole read whose hash is the cached one is unchanged; a streamed one is analysed (its hash comes last)', () => {
    const same = processDocument(diskJob('small.txt', { knownHash: sha1('Hello there.\n') }), [counter('a')], OPTIONS);
    assert.deepEqual(same, { kind: 'unchanged', path: file('small.txt'), root, size: 13, mtimeMs: 5, hash: sha1('Hello there.\n') });
    const other = processDocument(diskJob('small.txt', { knownHash: sha1('other') }), [counter('a')], OPTIONS);
    assert.equal(other.kind, 'processed');
    const edge = fs.readFileSync(file('edge.txt'));
    assert.equal(processDocument(diskJob('edge.txt', { knownHash: sha1(edge) }), [counter('a')], SMALL).kind, 'unchanged', '16 bytes: read whole');
    const over = fs.readFileSync(file('over.txt'));
    const streamed = processDocument(diskJob('over.txt', { knownHash: sha1(over) }), [counter('a')], SMALL);
    assert.deepEqual(streamed.kind === 'processed' && [streamed.hash, streamed.results], [sha1(over), { a: { chars: 17 } }]);
    const memory = processDocument({ path: file('over.txt'), root, size: 17, mtimeMs: 0, text: over.toString(), knownHash: sha1(over) }, [counter('a')], SMALL);
    assert.equal(memory.kind, 'unchanged', 'an in-memory text is never streamed');
    const bytes = processDocument({ path: file('over.txt'), root, size: 17, mtimeMs: 0, bytes: over, knownHash: sha1(over) }, [counter('a')], SMALL);
    assert.equal(bytes.kind, 'unchanged', 'nor are in-memory bytes');
  });

  it('a large UTF-8 file whose operations all split is handed back to be cut in ranges', () => {
    const split = counter('s', () => true, true);
    assert.deepEqual(processDocument(diskJob('big.txt'), [split], SMALL), { kind: 'split', path: file('big.txt'), root, size: 130, mtimeMs: 5, bom: 0 });
    assert.deepEqual(processDocument(diskJob('bom.txt'), [split], SMALL), { kind: 'split', path: file('bom.txt'), root, size: 133, mtimeMs: 5, bom: 3 });
    assert.equal(processDocument(diskJob('big.txt'), [split, counter('whole')], SMALL).kind, 'processed', 'one operation cannot be cut');
    assert.equal(processDocument(diskJob('wide.txt'), [split], SMALL).kind, 'processed', 'UTF-16 is not cut');
    assert.equal(processDocument(diskJob('big.txt'), [split], { ...SMALL, read: { ...SMALL.read, rangeBytes: 66 } }).kind, 'processed', '130 bytes are not two ranges of 66');
    assert.equal(processDocument(diskJob('big.txt'), [split], { ...SMALL, read: { ...SMALL.read, rangeBytes: undefined } }).kind, 'processed', 'no range size: never cut');
    assert.equal(processDocument(diskJob('small.txt'), [split], { ...OPTIONS, read: { ...DEFAULT_READ, rangeBytes: 4 } }).kind, 'processed', 'a whole read is not cut');
  });

  it('a file the walk did not stat is measured against the default limits once open', () => {
    const huge: FileSystem = {
      ...nodeFileSystem,
      fstat: (fd) => {
        const st = fs.fstatSync(fd);
        return { size: DEFAULT_MAX_FILE_SIZE + 1, mtimeMs: 77, dev: st.dev, ino: st.ino, isFile: () => true, isDirectory: () => false, isSymbolicLink: () => false };
      },
    };
    const job = { path: file('small.txt'), root, size: UNSTATED, mtimeMs: UNSTATED };
    const skipped = processDocument(job, [counter('a')], OPTIONS, huge);
    assert.deepEqual(skipped.kind === 'skipped' && [skipped.reason, skipped.size, skipped.mtimeMs], ['too-large', DEFAULT_MAX_FILE_SIZE + 1, 77]);
    let fstats = 0;
    const counting: FileSystem = { ...nodeFileSystem, fstat: (fd) => (fstats++, nodeFileSystem.fstat(fd)) };
    assert.equal(processDocument(diskJob('small.txt'), [counter('a')], OPTIONS, counting).kind, 'processed');
    assert.equal(fstats, 0, 'a file the walk stated is read whole without another stat');
    const stated = processDocument(job, [counter('a')], OPTIONS);
    assert.deepEqual(stated.kind === 'processed' && [stated.size, stated.mtimeMs], [13, fs.statSync(file('small.txt')).mtimeMs]);
  });

  it('an operation that throws fails the document operation-error, with what it threw', () => {
    const throws = (what: unknown): Operation<number, { chars: number }, null> => ({
      ...counter('t'),
      map: () => {
        throw what;
      },
    });
    const job = { path: '/m/x.txt', root: '/m', size: 5, mtimeMs: 1, text: 'hello' };
    assert.deepEqual(processDocument(job, [throws(new TypeError('bad'))], OPTIONS), { kind: 'failed', path: '/m/x.txt', root: '/m', size: 5, mtimeMs: 1, reason: 'operation-error', detail: 'TypeError: bad' });
    const thrown = processDocument(job, [throws('plain')], OPTIONS);
    assert.deepEqual(thrown.kind === 'failed' && [thrown.reason, thrown.detail], ['operation-error', 'plain']);
  });
});
