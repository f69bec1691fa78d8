import * as assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import * as nodeFs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import { nodeFileSystem, type FileSystem } from '../../../../src/engine/read/fs';
import {
  DEFAULT_READ,
  DocumentError,
  failureFromError,
  openText,
  textFromBytes,
  textFromString,
  type ReadOptions,
  type TextSource,
} from '../../../../src/engine/read/read';

const sha1 = (b: Uint8Array | string) => createHash('sha1').update(b).digest('hex');
const STREAM: Partial<ReadOptions> = { wholeThreshold: 0, chunkBytes: 3 };

function drain(src: TextSource): string {
  let s = '';
  for (const piece of src.pieces()) s += piece;
  return s;
}

/** Runs `fn`, expecting a DocumentError; returns it. */
function rejects(fn: () => unknown): DocumentError {
  try {
    fn();
  } catch (err) {
    if (err instanceof DocumentError) return err;
    throw err;
  }
  assert.fail('expected a DocumentError');
}

function errno(code: string, syscall: string): NodeJS.ErrnoException {
  const e: NodeJS.ErrnoException = new Error(`${code}: injected, ${syscall}`);
  e.code = code;
  e.syscall = syscall;
  return e;
}

/** Wraps nodeFileSystem, counts open/close and lets a test replace calls. */
function seam(overrides: Partial<FileSystem> = {}) {
  const counts = { open: 0, close: 0, read: 0, fstat: 0 };
  const fs: FileSystem = {
    ...nodeFileSystem,
    open(p) {
      const fd = (overrides.open ?? nodeFileSystem.open)(p);
      counts.open++;
      return fd;
    },
    close(fd) {
      counts.close++;
      nodeFileSystem.close(fd);
    },
    read(fd, b, o, l, pos) {
      counts.read++;
      return (overrides.read ?? nodeFileSystem.read)(fd, b, o, l, pos);
    },
    fstat(fd) {
      counts.fstat++;
      return (overrides.fstat ?? nodeFileSystem.fstat)(fd);
    },
  };
  return { fs, counts };
}

describe('engine/read', () => {
  let dir: string;
  let n = 0;
  const write = (content: string | Uint8Array): string => {
    const p = path.join(dir, `f${n++}.txt`);
    nodeFs.writeFileSync(p, content);
    return p;
  };

  before(() => {
    dir = nodeFs.mkdtempSync(path.join(os.tmpdir(), 'read-test-'));
  });
  after(() => {
    nodeFs.rmSync(dir, { recursive: true, force: true });
  });

  describe('whole and streamed reads', () => {
    const samples: Array<[string, Buffer]> = [
      ['empty', Buffer.alloc(0)],
      ['ascii', Buffer.from('hello\nworld\n')],
      ['multi-byte', Buffer.from('café € 😀 naïve\r\n'.repeat(20))],
      ['utf-8 BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('héllo')])],
      ['utf-16le BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('hé 😀 x', 'utf16le')])],
      ['utf-16le', Buffer.from('plain old text', 'utf16le')],
    ];
    for (const [name, bytes] of samples) {
      it(`give identical text, hash and encoding: ${name}`, () => {
        const p = write(bytes);
        const whole = openText(p);
        const wholeText = drain(whole);
        assert.equal(whole.hash(), sha1(bytes));
        assert.equal(whole.size, bytes.length);
        for (const chunkBytes of [1, 2, 3, 7, 64]) {
          const streamed = openText(p, { wholeThreshold: 0, chunkBytes });
          assert.equal(drain(streamed), wholeText, `chunkBytes ${chunkBytes}`);
          assert.equal(streamed.hash(), whole.hash());
          assert.equal(streamed.encoding, whole.encoding);
          assert.equal(streamed.size, bytes.length);
        }
      });
    }

    it('streams in pieces of chunkBytes and reads a whole file in one piece', () => {
      const p = write('abcdefghij');
      assert.deepEqual([...openText(p).pieces()], ['abcdefghij']);
      assert.deepEqual([...openText(p, { wholeThreshold: 4, chunkBytes: 4 }).pieces()], ['abcd', 'efgh', 'ij']);
      // Boundary: size == wholeThreshold is whole.
      assert.deepEqual([...openText(p, { wholeThreshold: 10, chunkBytes: 4 }).pieces()], ['abcdefghij']);
    });

    it('a stream is iterable once and its hash is available only after iteration', () => {
      const src = openText(write('abcdef'), STREAM);
      assert.throws(() => src.hash(), /after pieces/);
      drain(src);
      assert.equal(src.hash(), sha1('abcdef'));
      assert.throws(() => src.pieces(), /only once/);
    });

    it('uses the expected size to skip fstat, and copes when it is stale', () => {
      const p = write('0123456789');
      const a = seam();
      const exact = openText(p, undefined, a.fs, { size: 10 });
      assert.equal(drain(exact), '0123456789');
      assert.equal(a.counts.fstat, 0);
      assert.equal(a.counts.read, 1, 'a short read at the expected size is taken as EOF');

      // The file grew since discovery: everything there is read.
      const grown = openText(p, undefined, seam().fs, { size: 3 });
      assert.equal(drain(grown), '0123456789');
      assert.equal(grown.size, 10);
      assert.equal(grown.hash(), sha1('0123456789'));

      // It shrank: what is there is read.
      const shrunk = openText(p, undefined, seam().fs, { size: 50 });
      assert.equal(drain(shrunk), '0123456789');
      assert.equal(shrunk.size, 10);

      // It grew past wholeThreshold: streamed instead.
      const s = seam();
      const streamed = openText(p, { wholeThreshold: 5, chunkBytes: 4 }, s.fs, { size: 2 });
      assert.deepEqual([...streamed.pieces()], ['0123', '4567', '89']);
      assert.equal(streamed.size, 10);
      assert.equal(s.counts.open, s.counts.close);
    });

    it('reads files larger than the scratch buffer whole', () => {
      const text = 'x'.repeat(200_000) + 'é';
      const src = openText(write(text));
      assert.deepEqual([...src.pieces()], [text]);
      // And a small one right after still reads correctly (scratch reuse).
      assert.equal(drain(openText(write('small'))), 'small');
    });

    it('skips a directory as not-a-file', () => {
      assert.equal(rejects(() => openText(dir)).reason, 'not-a-file');
      const e = rejects(() => openText(dir, undefined, nodeFileSystem, { size: 0 }));
      assert.equal(e.outcome, 'skipped');
      assert.equal(e.reason, 'not-a-file');
    });
  });

  describe('multi-byte characters across stream boundaries', () => {
    for (const ch of ['é', '€', '😀']) {
      it(`decodes ${ch} (${Buffer.byteLength(ch)} bytes) split at every offset`, () => {
        for (let prefix = 0; prefix < 5; prefix++) {
          const text = 'a'.repeat(prefix) + ch + 'b' + ch + ch;
          const p = write(text);
          for (let chunkBytes = 1; chunkBytes <= 6; chunkBytes++) {
            const src = openText(p, { wholeThreshold: 0, chunkBytes });
            assert.equal(drain(src), text, `prefix ${prefix}, chunkBytes ${chunkBytes}`);
            assert.equal(src.hash(), sha1(text));
          }
        }
      });
    }

    // An in-memory seam keeps the property tests off the disk.
    function memory(bytes: Uint8Array): FileSystem {
      const stat = {
        size: bytes.length,
        mtimeMs: 0,
        dev: 0,
        ino: 0,
        isFile: () => true,
        isDirectory: () => false,
        isSymbolicLink: () => false,
      };
      return {
        ...nodeFileSystem,
        open: () => 3,
        close: () => {},
        fstat: () => stat,
        read(_fd, buffer, offset, length, position) {
          const from = position ?? 0;
          const part = bytes.subarray(from, from + length);
          buffer.set(part, offset);
          return part.length;
        },
      };
    }

    it('property: any UTF-8 text streams to the same text and hash for chunkBytes 1..16', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: 'binary', maxLength: 40 }).map((s) => s.replaceAll('\0', ' ')),
          fc.integer({ min: 1, max: 16 }),
          (text, chunkBytes) => {
            const bytes = Buffer.from(text);
            const src = openText('/mem', { wholeThreshold: 0, chunkBytes }, memory(bytes));
            assert.equal(drain(src), text);
            assert.equal(src.hash(), sha1(bytes));
            assert.equal(src.encoding, 'utf-8');
          },
        ),
        { numRuns: 300 },
      );
    });

    it('property: UTF-16 with a BOM streams correctly for chunkBytes 1..16 (odd splits included)', () => {
      fc.assert(
        fc.property(
          fc.string({ unit: 'binary', maxLength: 30 }),
          fc.constantFrom<'le' | 'be'>('le', 'be'),
          fc.integer({ min: 1, max: 16 }),
          (text, order, chunkBytes) => {
            const le = Buffer.from(text, 'utf16le');
            const body = order === 'le' ? le : Buffer.from(le).swap16();
            const bytes = Buffer.concat([Buffer.from(order === 'le' ? [0xff, 0xfe] : [0xfe, 0xff]), body]);
            const src = openText('/mem', { wholeThreshold: 0, chunkBytes }, memory(bytes));
            assert.equal(drain(src), text);
            assert.equal(src.encoding, order === 'le' ? 'utf-16le' : 'utf-16be');
            assert.equal(src.hash(), sha1(bytes));
          },
        ),
        { numRuns: 300 },
      );
    });
  });

  describe('encodings', () => {
    const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();

    it('strips a UTF-8 BOM from the text but hashes it', () => {
      const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('\ufeffkept')]);
      for (const opts of [undefined, STREAM, { wholeThreshold: 0, chunkBytes: 1 }]) {
        const src = openText(write(bytes), opts);
        assert.equal(src.encoding, 'utf-8');
        assert.equal(drain(src), '\ufeffkept', 'only the first BOM goes');
        assert.equal(src.hash(), sha1(bytes));
      }
    });

    it('decodes UTF-16LE and UTF-16BE with a BOM (stripped)', () => {
      const text = 'Grüße 😀 — done';
      const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const be = Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(text)]);
      for (const opts of [undefined, STREAM]) {
        const a = openText(write(le), opts);
        assert.equal(a.encoding, 'utf-16le');
        assert.equal(drain(a), text);
        const b = openText(write(be), opts);
        assert.equal(b.encoding, 'utf-16be');
        assert.equal(drain(b), text);
        assert.equal(b.hash(), sha1(be));
      }
    });

    it('detects BOM-less UTF-16LE and UTF-16BE', () => {
      const text = 'A plain sentence,\r\nwith a tab\tand Latin-1: é.';
      for (const opts of [undefined, STREAM]) {
        const a = openText(write(Buffer.from(text, 'utf16le')), opts);
        assert.equal(a.encoding, 'utf-16le');
        assert.equal(drain(a), text);
        const b = openText(write(utf16be(text)), opts);
        assert.equal(b.encoding, 'utf-16be');
        assert.equal(drain(b), text);
      }
    });

    it('decodes an odd UTF-16 byte and a surrogate pair split across reads', () => {
      const text = 'x😀y€z';
      const bytes = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
      const p = write(bytes);
      for (let chunkBytes = 1; chunkBytes <= 7; chunkBytes += 2) {
        assert.equal(drain(openText(p, { wholeThreshold: 0, chunkBytes })), text, `chunkBytes ${chunkBytes}`);
      }
    });

    it('skips a NUL in the first sniffBytes as binary, naming the offset', () => {
      const bytes = Buffer.from([0x61, 0x62, 0x63, 0x00, 0x01, 0x02, 0x03, 0xff, 0x10]);
      for (const opts of [undefined, STREAM]) {
        const e = rejects(() => openText(write(bytes), opts));
        assert.equal(e.outcome, 'skipped');
        assert.equal(e.reason, 'binary');
        assert.equal(e.message, 'NUL byte at offset 3');
      }
    });

    it('treats a NUL after sniffBytes as text', () => {
      const text = 'a'.repeat(20) + '\0b';
      for (const opts of [{ sniffBytes: 16 }, { sniffBytes: 16, wholeThreshold: 0, chunkBytes: 5 }]) {
        assert.equal(drain(openText(write(text), opts)), text);
      }
      const byDefault = 'a'.repeat(DEFAULT_READ.sniffBytes) + '\0';
      assert.equal(drain(openText(write(byDefault))), byDefault);
      const justInside = 'a'.repeat(DEFAULT_READ.sniffBytes - 1) + '\0';
      assert.equal(rejects(() => openText(write(justInside))).reason, 'binary');
    });

    it('skips invalid UTF-8 with the offset, whole and streamed', () => {
      const cases: Array<[number[], number]> = [
        [[0x61, 0x62, 0x63, 0xff, 0x64], 3],
        [[0x61, 0xc3], 1], // cut off at the end
        [[0x61, 0xe2, 0x82], 1], // cut off at the end
        [[0x61, 0x62, 0xe2, 0x82, 0x41, 0x42], 2], // bad continuation
        [[0xed, 0xa0, 0x80], 0], // encoded surrogate
        [[0xc0, 0x80], 0], // overlong
        [[0x61, 0x62, 0x63, 0x64, 0xf0, 0x9f, 0x98, 0x80, 0xf8], 8],
        [[0xef, 0xbb, 0xbf, 0x61, 0x80], 4], // offset counts the BOM
      ];
      for (const [bytes, offset] of cases) {
        const p = write(Buffer.from(bytes));
        for (const opts of [undefined, { wholeThreshold: 0, chunkBytes: 1 }, { wholeThreshold: 0, chunkBytes: 2 }, STREAM]) {
          const e = rejects(() => drain(openText(p, opts)));
          assert.equal(e.outcome, 'skipped');
          assert.equal(e.reason, 'invalid-encoding');
          assert.equal(e.message, `not valid UTF-8 near byte ${offset}`, `${bytes} ${JSON.stringify(opts)}`);
        }
      }
    });

    it('skips invalid UTF-16 (a lone surrogate, an odd length) with the offset', () => {
      const lone = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab', 'utf16le'), Buffer.from([0x00, 0xd8]), Buffer.from('c', 'utf16le')]);
      const odd = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('ab', 'utf16le'), Buffer.from([0x63])]);
      for (const opts of [undefined, { wholeThreshold: 0, chunkBytes: 1 }, STREAM]) {
        const a = rejects(() => drain(openText(write(lone), opts)));
        assert.equal(a.reason, 'invalid-encoding');
        assert.equal(a.message, 'not valid UTF-16LE near byte 6');
        const b = rejects(() => drain(openText(write(odd), opts)));
        assert.equal(b.message, 'not valid UTF-16LE near byte 6');
      }
    });
  });

  describe('faults through the file-system seam', () => {
    it('EACCES on open -> failed permission-denied', () => {
      const { fs } = seam({ open: () => { throw errno('EACCES', 'open'); } });
      const e = rejects(() => openText('/some/file', undefined, fs));
      assert.equal(e.outcome, 'failed');
      assert.equal(e.reason, 'permission-denied');
      assert.match(e.message, /EACCES.*\/some\/file/);
    });

    it('ENOENT on open -> failed vanished', () => {
      const e = rejects(() => openText(path.join(dir, 'missing.txt')));
      assert.equal(e.reason, 'vanished');
      assert.match(e.message, /ENOENT/);
    });

    it('EIO on read -> failed io-error, whole and streamed, descriptor closed', () => {
      const p = write('some text here');
      for (const opts of [undefined, STREAM]) {
        let reads = 0;
        const { fs, counts } = seam({
          read: (fd, b, o, l, pos) => {
            // Streamed: let the sniff and the first chunk through, fail midway.
            if (opts && ++reads < 3) return nodeFileSystem.read(fd, b, o, l, pos);
            throw errno('EIO', 'read');
          },
        });
        const e = rejects(() => drain(openText(p, opts, fs)));
        assert.equal(e.reason, 'io-error');
        assert.match(e.message, /EIO/);
        assert.equal(counts.open, counts.close);
      }
    });

    it('backs off on EMFILE and then reads', () => {
      let failures = 2;
      const { fs, counts } = seam({
        open: (p) => {
          if (failures-- > 0) throw errno('EMFILE', 'open');
          return nodeFileSystem.open(p);
        },
      });
      assert.equal(drain(openText(write('fine'), undefined, fs)), 'fine');
      assert.equal(counts.open, 1);
      assert.equal(counts.close, 1);
    });

    it('fails too-many-open-files when EMFILE/ENFILE persists', () => {
      for (const code of ['EMFILE', 'ENFILE']) {
        let attempts = 0;
        const { fs } = seam({ open: () => { attempts++; throw errno(code, 'open'); } });
        const e = rejects(() => openText('/x', { retryBudgetMs: 20 }, fs));
        assert.equal(e.outcome, 'failed');
        assert.equal(e.reason, 'too-many-open-files');
        assert.equal(attempts, 4, 'delays 5, 10, 5 ms, then give up');
      }
    });

    it('fails changed-while-reading when fstat at the end differs', () => {
      const p = write('0123456789');
      let calls = 0;
      const { fs, counts } = seam({
        fstat: (fd) => {
          const st = nodeFileSystem.fstat(fd);
          // 1: openText, 2: stream start, 3: stream end.
          return ++calls === 3 ? Object.assign(Object.create(st), { size: 12 }) : st;
        },
      });
      const e = rejects(() => drain(openText(p, STREAM, fs)));
      assert.equal(e.reason, 'changed-while-reading');
      assert.match(e.message, /grew from 10 to 12/);
      assert.equal(counts.open, counts.close);
    });

    it('fails changed-while-reading when the file really grows or shrinks between pieces', () => {
      for (const change of ['append', 'truncate'] as const) {
        const p = write('x'.repeat(100));
        const { fs, counts } = seam();
        const it = openText(p, { wholeThreshold: 0, chunkBytes: 10 }, fs).pieces()[Symbol.iterator]();
        assert.equal(it.next().value, 'x'.repeat(10));
        if (change === 'append') nodeFs.appendFileSync(p, 'more');
        else nodeFs.truncateSync(p, 50);
        const e = rejects(() => {
          while (!it.next().done);
        });
        assert.equal(e.reason, 'changed-while-reading');
        assert.match(e.message, change === 'append' ? /grew from 100 to 10\d/ : /shrank from 100 to 50/);
        assert.equal(counts.open, counts.close);
      }
    });

    it('fails changed-while-reading when the file changed between openText and pieces()', () => {
      const p = write('y'.repeat(40));
      const src = openText(p, STREAM);
      nodeFs.writeFileSync(p, 'z'.repeat(40)); // same size, other content
      assert.equal(rejects(() => drain(src)).reason, 'changed-while-reading');
      const src2 = openText(p, STREAM);
      nodeFs.writeFileSync(p, 'z'.repeat(41));
      assert.match(rejects(() => drain(src2)).message, /grew from 40 to 41/);
    });

    it('always closes the descriptor: success, skips, early break, never iterated', () => {
      const { fs, counts } = seam();
      drain(openText(write('abc'), undefined, fs));
      drain(openText(write('abcdefgh'), STREAM, fs));
      rejects(() => openText(write(Buffer.from([1, 0, 2])), undefined, fs));
      rejects(() => openText(write(Buffer.from([1, 0, 2])), STREAM, fs));
      rejects(() => drain(openText(write(Buffer.from([0x61, 0xff])), STREAM, fs)));
      for (const _ of openText(write('abcdefghijkl'), STREAM, fs).pieces()) break;
      openText(write('never iterated'), STREAM, fs);
      assert.ok(counts.open > 0);
      assert.equal(counts.open, counts.close);
    });
  });

  describe('failureFromError', () => {
    it('maps Node error codes', () => {
      const table: Array<[string, 'skipped' | 'failed', string]> = [
        ['ENOENT', 'failed', 'vanished'],
        ['EACCES', 'failed', 'permission-denied'],
        ['EPERM', 'failed', 'permission-denied'],
        ['EMFILE', 'failed', 'too-many-open-files'],
        ['ENFILE', 'failed', 'too-many-open-files'],
        ['EISDIR', 'skipped', 'not-a-file'],
        ['EIO', 'failed', 'io-error'],
        ['ESTALE', 'failed', 'io-error'],
      ];
      for (const [code, outcome, reason] of table) {
        const e = failureFromError(errno(code, 'read'), '/a/b');
        assert.equal(e.outcome, outcome, code);
        assert.equal(e.reason, reason, code);
        assert.ok(e.message.includes(code) && e.message.includes('/a/b'), e.message);
      }
      assert.equal(failureFromError(new Error('boom'), '/p').reason, 'io-error');
      const original = new DocumentError('skipped', 'binary', 'x');
      assert.equal(failureFromError(original, '/p'), original);
    });
  });

  describe('in-memory sources', () => {
    it('textFromString: UTF-8 size and a stable hash of the UTF-8 bytes', () => {
      const text = 'héllo € 😀';
      const a = textFromString(text);
      assert.equal(a.encoding, 'utf-8');
      assert.equal(a.size, Buffer.byteLength(text));
      assert.equal(a.size, 15);
      assert.deepEqual([...a.pieces()], [text]);
      assert.equal(a.hash(), sha1(Buffer.from(text)));
      assert.equal(a.hash(), textFromString(text).hash());
      // The same content on disk hashes the same.
      assert.equal(openText(write(text)).hash(), a.hash());
    });

    it('textFromBytes: same sniffing and validation as a file', () => {
      assert.equal(rejects(() => textFromBytes(new Uint8Array([0x61, 0, 0, 0x01]))).reason, 'binary');
      assert.equal(rejects(() => textFromBytes(new Uint8Array([0x61, 0xff]))).reason, 'invalid-encoding');
      const be = textFromBytes(new Uint8Array([0xfe, 0xff, 0x00, 0x68, 0x00, 0x69]));
      assert.equal(be.encoding, 'utf-16be');
      assert.equal(drain(be), 'hi');
      // A view into a larger buffer only sees its own bytes.
      const backing = Buffer.from('xxhello worldxx');
      const view = new Uint8Array(backing.buffer, backing.byteOffset + 2, 11);
      const src = textFromBytes(view);
      assert.equal(drain(src), 'hello world');
      assert.equal(src.size, 11);
      assert.equal(src.hash(), sha1('hello world'));
    });
  });
});
