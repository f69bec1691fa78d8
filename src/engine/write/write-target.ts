// What the tool may write, and the checks that refuse anything else before a
// byte is written. A refusal is a value with a specific reason, not an exception:
// callers turn it into a usage error (before a run) or a one-line warning.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { hashBytes } from '../read/read';

interface TargetBase {
  readonly path: string;
  /** Other files the same run writes: none may be this one. */
  readonly otherOutputs?: readonly string[];
}

/** A report: may replace a file outside the inputs, or a previous report, never an input document. */
export interface ReportTarget extends TargetBase {
  readonly kind: 'report';
  /** The run's roots: an existing file under one of them is an input document, unless `recognise` says it is a report. */
  readonly inputRoots: readonly string[];
  /** Whether a file's first bytes are a report this tool wrote. */
  readonly recognise: (head: Buffer) => boolean;
}

/** The result cache: may replace only a file that carries the cache's header. */
export interface CacheTarget extends TargetBase {
  readonly kind: 'cache';
  /** Whether a file's first bytes are this tool's cache header. */
  readonly recognise: (head: Buffer) => boolean;
}

/** A document of the workspace (fixes): only inside the roots, and only while it still holds what was analysed. */
export interface DocumentTarget extends TargetBase {
  readonly kind: 'document';
  readonly inputRoots: readonly string[];
  /** The content hash (read.ts hashBytes, as outcomes carry it) of the content the change was made for; any other content is refused. */
  readonly expectedHash: string;
}

export type WriteTarget = ReportTarget | CacheTarget | DocumentTarget;

export type WriteRefusalReason =
  | 'is-input-document' // a report path that is a document of the run
  | 'not-a-cache-file' // an existing file without the cache's header
  | 'is-a-directory'
  | 'missing-folder' // the folder it would go in does not exist
  | 'read-only' // the file, or its folder, may not be written
  | 'same-as-other-output' // the run writes another file there already (--out X --cache X)
  | 'outside-workspace' // a document outside the run's roots
  | 'content-changed' // a document no longer holds the content the change was made for
  | 'write-failed'; // the write itself failed (disk full, I/O error)

export interface WriteRefusal {
  readonly kind: 'refused';
  readonly path: string;
  readonly reason: WriteRefusalReason;
  /** One line for the user: what is wrong with the path. */
  readonly detail: string;
}

/** What a write may go ahead with: whether the target exists, and the mode to keep. */
export interface WriteClearance {
  readonly kind: 'clear';
  readonly path: string;
  /** The existing target's permission bits, kept by the replacement; undefined for a new file. */
  readonly mode: number | undefined;
}

const HEAD_BYTES = 4096;

export function refusal(target: { readonly path: string }, reason: WriteRefusalReason, detail: string): WriteRefusal {
  return { kind: 'refused', path: target.path, reason, detail };
}

/** The checks a write makes first; callers make them before a run too, to fail early. */
export function checkWriteTarget(target: WriteTarget): WriteClearance | WriteRefusal {
  const abs = path.resolve(target.path);
  const dir = path.dirname(abs);
  let dirStat: fs.Stats;
  try {
    dirStat = fs.statSync(dir);
  } catch {
    return refusal(target, 'missing-folder', `folder ${dir} does not exist`);
  }
  if (!dirStat.isDirectory()) return refusal(target, 'missing-folder', `${dir} is not a folder`);
  const real = path.join(fs.realpathSync(dir), path.basename(abs));
  for (const other of target.otherOutputs ?? []) {
    if (realPathOf(other) === real) return refusal(target, 'same-as-other-output', `${target.path} is also another output of this run`);
  }
  let st: fs.Stats | undefined;
  try {
    st = fs.statSync(abs);
  } catch {
    st = undefined;
  }
  if (st?.isDirectory()) return refusal(target, 'is-a-directory', `${target.path} is a folder`);
  if (st && !st.isFile()) return refusal(target, 'is-a-directory', `${target.path} is not a regular file`);
  if (target.kind === 'document' || target.kind === 'report') {
    const inside = target.inputRoots.some((r) => isUnder(real, realPathOf(r)));
    if (target.kind === 'document' && !inside) return refusal(target, 'outside-workspace', `${target.path} is outside the folders of this run`);
    if (target.kind === 'report' && st && inside && !target.recognise(headOf(abs))) {
      return refusal(target, 'is-input-document', `${target.path} is a document of this run, not a report`);
    }
  }
  if (target.kind === 'cache' && st && !target.recognise(headOf(abs))) {
    return refusal(target, 'not-a-cache-file', `${target.path} exists and is not a batch-ops cache file`);
  }
  if (target.kind === 'document') {
    if (!st) return refusal(target, 'content-changed', `${target.path} no longer exists`);
    if (contentHash(abs) !== target.expectedHash) return refusal(target, 'content-changed', `${target.path} changed since it was analysed`);
  }
  if (st && (st.mode & 0o222) === 0) return refusal(target, 'read-only', `${target.path} is read-only`);
  if (st && !writable(abs)) return refusal(target, 'read-only', `${target.path} is read-only`);
  if (!writable(dir)) return refusal(target, 'read-only', `folder ${dir} is read-only`);
  return { kind: 'clear', path: target.path, mode: st ? st.mode & 0o7777 : undefined };
}

/** A file's content hash: the same as the engine's outcomes carry (read.ts hashBytes, over every byte, a BOM included). */
export function contentHash(file: string): string {
  return hashBytes(fs.readFileSync(file));
}

/** A path's real path, resolving the links of as much of it as exists. */
export function realPathOf(p: string): string {
  const abs = path.resolve(p);
  try {
    return fs.realpathSync(abs);
  } catch {
    const dir = path.dirname(abs);
    return dir === abs ? abs : path.join(realPathOf(dir), path.basename(abs));
  }
}

function isUnder(p: string, root: string): boolean {
  const rel = path.relative(root, p);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

function headOf(file: string): Buffer {
  let fd: number | undefined;
  try {
    fd = fs.openSync(file, 'r');
    const buf = Buffer.alloc(HEAD_BYTES);
    return buf.subarray(0, fs.readSync(fd, buf, 0, HEAD_BYTES, 0));
  } catch {
    return Buffer.alloc(0);
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

function writable(p: string): boolean {
  try {
    fs.accessSync(p, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}
