// An in-memory FileSystem (engine/read/fs.ts) for walk tests: directories, files,
// symbolic links (absolute targets, resolved component by component), special
// files, directories that share one identity (a bind mount), and an error code
// injected per call and path ('stat /r/x': 'EACCES').
import * as path from 'node:path';
import type { EntryLike, FileSystem, StatLike } from '../../src/engine/read/fs';

export type ScriptedNode =
  | { readonly type: 'dir'; readonly same?: string }
  | { readonly type: 'file'; readonly text?: string }
  | { readonly type: 'link'; readonly to: string }
  | { readonly type: 'fifo' };

const fail = (code: string, p: string) => Object.assign(new Error(`${code}: ${p}`), { code });

export function scriptedFs(nodes: Record<string, ScriptedNode>, errors: Record<string, string> = {}): FileSystem & { calls: string[] } {
  const ids = new Map<string, number>();
  const calls: string[] = [];
  const check = (call: string, p: string) => {
    calls.push(`${call} ${p}`);
    const code = errors[`${call} ${p}`];
    if (code) throw fail(code, p);
  };
  /** The real path of p: every link along it followed. */
  const resolve = (p: string, depth = 0): string => {
    if (depth > 8) throw fail('ELOOP', p);
    const parts = p.split('/').filter(Boolean);
    let at = '/';
    for (let i = 0; i < parts.length; i++) {
      const next = path.posix.join(at, parts[i]!);
      const node = nodes[next];
      if (node === undefined) throw fail('ENOENT', p);
      if (node.type === 'link') at = resolve(node.to, depth + 1);
      else if (i < parts.length - 1 && node.type !== 'dir') throw fail('ENOTDIR', p);
      else at = next;
    }
    return at;
  };
  const statOf = (real: string): StatLike => {
    const node = nodes[real] ?? { type: 'dir' };
    const key = node.type === 'dir' && node.same ? node.same : real;
    if (!ids.has(key)) ids.set(key, ids.size + 1);
    const size = node.type === 'file' ? Buffer.byteLength(node.text ?? '') : 0;
    return { size, mtimeMs: 1000, dev: 1, ino: ids.get(key)!, isFile: () => node.type === 'file', isDirectory: () => node.type === 'dir', isSymbolicLink: () => false };
  };
  const open = new Map<number, { data: Buffer; pos: number }>();
  return {
    calls,
    readdir: (dir) => {
      check('readdir', dir);
      const real = resolve(dir);
      const names = Object.keys(nodes).filter((p) => path.posix.dirname(p) === real && p !== real);
      return names.map((p): EntryLike => {
        const n = nodes[p]!;
        return Object.assign(
          { name: path.posix.basename(p), isFile: () => n.type === 'file', isDirectory: () => n.type === 'dir', isSymbolicLink: () => n.type === 'link' },
          n.type === 'fifo' ? { isFIFO: () => true } : {},
        );
      });
    },
    stat: (p) => {
      check('stat', p);
      return statOf(resolve(p));
    },
    lstat: (p) => statOf(p),
    realpath: (p) => {
      check('realpath', p);
      return resolve(p);
    },
    open: (p) => {
      check('open', p);
      const node = nodes[resolve(p)];
      const fd = open.size + 100;
      open.set(fd, { data: Buffer.from(node?.type === 'file' ? (node.text ?? '') : ''), pos: 0 });
      return fd;
    },
    read: (fd, buffer, offset, length) => {
      const f = open.get(fd)!;
      const n = f.data.copy(buffer, offset, f.pos, Math.min(f.data.length, f.pos + length));
      f.pos += n;
      return n;
    },
    fstat: () => statOf('/'),
    close: (fd) => void open.delete(fd),
  };
}
