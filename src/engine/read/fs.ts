// The engine's only door to the file system. Discovery and the reader take a
// FileSystem so that tests can inject faults (EACCES, EMFILE, EIO, a file that
// vanishes or grows) without root-proof permission tricks.
//
// The calls are synchronous on purpose: the reader runs on worker threads where
// blocking is free, and discovery slices its work so the caller's event loop
// keeps turning. A promise per stat would cost more than the stat.
import * as fs from 'node:fs';

export interface EntryLike {
  readonly name: string;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

export interface StatLike {
  readonly size: number;
  readonly mtimeMs: number;
  readonly dev: number;
  readonly ino: number;
  isFile(): boolean;
  isDirectory(): boolean;
  isSymbolicLink(): boolean;
}

export interface FileSystem {
  readdir(dir: string): EntryLike[];
  /** Follows symbolic links. */
  stat(path: string): StatLike;
  lstat(path: string): StatLike;
  realpath(path: string): string;
  /** Opens for reading; returns a descriptor. */
  open(path: string): number;
  /** Reads up to `length` bytes into `buffer` at `offset` from file `position` (null: current). */
  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): number;
  fstat(fd: number): StatLike;
  close(fd: number): void;
}

export const nodeFileSystem: FileSystem = {
  readdir: (dir) => fs.readdirSync(dir, { withFileTypes: true }),
  stat: (p) => fs.statSync(p),
  lstat: (p) => fs.lstatSync(p),
  realpath: (p) => fs.realpathSync.native(p),
  open: (p) => fs.openSync(p, 'r'),
  read: (fd, buffer, offset, length, position) => fs.readSync(fd, buffer, offset, length, position),
  fstat: (fd) => fs.fstatSync(fd),
  close: (fd) => fs.closeSync(fd),
};

/** The error code of a Node file-system error, if it has one. */
export function errorCode(err: unknown): string | undefined {
  return typeof err === 'object' && err !== null && 'code' in err && typeof err.code === 'string'
    ? err.code
    : undefined;
}
