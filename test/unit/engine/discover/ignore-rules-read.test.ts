// Reading a .gitignore through the seam (readTextFile in engine/discover/ignore-rules.ts):
// short reads, the size limit, the descriptor closed; and case as the platform has it.
import * as assert from 'node:assert/strict';
import { IgnoreLevel, isIgnored, readTextFile } from '../../../../src/engine/discover/ignore-rules';
import type { FileSystem } from '../../../../src/engine/read/fs';

/** A file of `text` whose reads return at most `most` bytes; counts opens and closes. */
function memoryFs(text: string, most = Infinity) {
  const data = Buffer.from(text);
  let pos = 0;
  const counts = { open: 0, close: 0 };
  const fs = {
    open: () => (counts.open++, (pos = 0), 3),
    read: (_fd: number, buffer: Uint8Array, offset: number, length: number) => {
      const n = data.copy(buffer, offset, pos, Math.min(data.length, pos + length, pos + most));
      pos += n;
      return n;
    },
    close: () => void counts.close++,
  } as unknown as FileSystem;
  return { fs, counts };
}

describe('reading a .gitignore', () => {
  it('puts short reads together, and closes the file', () => {
    const text = 'a\nb/\n# c\n*.log\n';
    const { fs, counts } = memoryFs(text, 3);
    assert.equal(readTextFile(fs, '/r/.gitignore'), text);
    assert.deepEqual(counts, { open: 1, close: 1 });
  });

  it('reads no more than maxBytes, in reads of at most 64 KiB', () => {
    const text = 'x'.repeat(200 * 1024);
    assert.equal(readTextFile(memoryFs(text).fs, '/r/.gitignore', 70 * 1024).length, 70 * 1024);
    assert.equal(readTextFile(memoryFs(text).fs, '/r/.gitignore', 10).length, 10);
    assert.equal(readTextFile(memoryFs(text, 7).fs, '/r/.gitignore', 10).length, 10);
  });

  it('matches names in the case the platform\'s file system has', () => {
    const level = IgnoreLevel.parse('', 'a.md\n')!;
    assert.equal(isIgnored([level], 'A.md'), process.platform === 'win32' || process.platform === 'darwin');
    assert.equal(isIgnored([level], 'a.md'), true);
  });
});
