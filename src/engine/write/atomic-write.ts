// The one way this tool writes a file: reports, the result cache and (with fixes)
// documents all go through here.
//
// Written by hand rather than with a library (write-file-atomic and the like):
// the steps are few and each matters here: the target is checked first and
// refused with a reason (see write-target.ts), the temporary file is created
// exclusively next to the target and named so a later save recognises it
// (temp-files.ts), the target's mode is kept, the data is fsynced before the
// rename, a document's content hash is checked again just before the rename, and
// the temporary file is removed on every way out. A library would hide the
// refusals behind exceptions and name its temporary files its own way.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { removeStaleTemporaryFiles, temporaryPathFor } from './temp-files';
import { checkWriteTarget, contentHash, refusal, type WriteRefusal, type WriteTarget } from './write-target';

export type WriteResult =
  | { readonly kind: 'written'; readonly path: string }
  | WriteRefusal
  /** The caller's `stillWanted` said no just before the rename: the target was left alone. */
  | { readonly kind: 'superseded'; readonly path: string };

/**
 * What to write. An iterable is a stream: its pieces are asked for one at a time,
 * each written before the next, so content of any size (a report made document by
 * document) never has to be whole in memory. A piece that throws ends the write
 * like any failure: nothing replaces the target and the temporary file is removed.
 */
export type Content = string | Uint8Array | Iterable<string | Uint8Array>;

/** A new file's mode before the umask: what fs.writeFile uses. */
const NEW_FILE_MODE = 0o666;

function* buffersOf(content: Content): Iterable<Uint8Array> {
  const pieces = typeof content === 'string' || content instanceof Uint8Array ? [content] : content;
  for (const piece of pieces) yield typeof piece === 'string' ? Buffer.from(piece) : piece;
}

/** A write may take less than it was given: the rest follows. */
function writeAll(fd: number, buf: Uint8Array): void {
  for (let at = 0; at < buf.length; ) at += fs.writeSync(fd, buf, at, buf.length - at);
}

async function writeAllAsync(handle: fs.promises.FileHandle, buf: Uint8Array): Promise<void> {
  for (let at = 0; at < buf.length; ) at += (await handle.write(buf, at, buf.length - at)).bytesWritten;
}

/** Writes `content` to the target atomically, or says why not. Never throws. */
export function writeAtomic(target: WriteTarget, content: Content): WriteResult {
  const clearance = checkWriteTarget(target);
  if (clearance.kind === 'refused') return clearance;
  removeStaleTemporaryFiles(target.path);
  const tmp = temporaryPathFor(target.path);
  let created = false;
  try {
    const fd = fs.openSync(tmp, 'wx', clearance.mode ?? NEW_FILE_MODE);
    created = true;
    try {
      // The umask may have taken bits off; an existing target's mode is kept exactly.
      if (clearance.mode !== undefined) fs.fchmodSync(fd, clearance.mode);
      for (const buf of buffersOf(content)) writeAll(fd, buf);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    const late = lateRefusal(target);
    if (late) return late;
    fs.renameSync(tmp, target.path);
    created = false;
    syncFolder(target.path);
    return { kind: 'written', path: target.path };
  } catch (err) {
    return failed(target, err);
  } finally {
    if (created) fs.rmSync(tmp, { force: true });
  }
}

/**
 * The same with asynchronous calls (the editor's background save). Before the
 * rename it asks `stillWanted()`: false leaves the target alone ('superseded').
 */
export async function writeAtomicAsync(target: WriteTarget, content: Content, stillWanted: () => boolean = () => true): Promise<WriteResult> {
  const clearance = checkWriteTarget(target);
  if (clearance.kind === 'refused') return clearance;
  removeStaleTemporaryFiles(target.path);
  const tmp = temporaryPathFor(target.path);
  let created = false;
  try {
    const handle = await fs.promises.open(tmp, 'wx', clearance.mode ?? NEW_FILE_MODE);
    created = true;
    try {
      if (clearance.mode !== undefined) await handle.chmod(clearance.mode);
      for (const buf of buffersOf(content)) await writeAllAsync(handle, buf);
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (!stillWanted()) return { kind: 'superseded', path: target.path };
    const late = lateRefusal(target);
    if (late) return late;
    await fs.promises.rename(tmp, target.path);
    created = false;
    syncFolder(target.path);
    return { kind: 'written', path: target.path };
  } catch (err) {
    return failed(target, err);
  } finally {
    if (created) await fs.promises.rm(tmp, { force: true });
  }
}

/** Just before the rename: a document changed while its replacement was written is left alone. */
function lateRefusal(target: WriteTarget): WriteRefusal | undefined {
  if (target.kind !== 'document') return undefined;
  try {
    if (contentHash(target.path) === target.expectedHash) return undefined;
  } catch {
    // Gone meanwhile: changed too.
  }
  return refusal(target, 'content-changed', `${target.path} changed while its new content was written`);
}

function failed(target: WriteTarget, err: unknown): WriteRefusal {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EISDIR' || code === 'ENOTEMPTY' || code === 'EEXIST') return refusal(target, 'is-a-directory', `${target.path} is a folder`);
  if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') return refusal(target, 'read-only', `${target.path} cannot be written (${code})`);
  if (code === 'ENOENT') return refusal(target, 'missing-folder', `folder ${path.dirname(path.resolve(target.path))} does not exist`);
  return refusal(target, 'write-failed', `${target.path} could not be written (${code ?? (err instanceof Error ? err.message : String(err))})`);
}

/** The rename is durable once the folder is synced; a file system that cannot sync folders is left as it is. */
function syncFolder(file: string): void {
  let fd: number | undefined;
  try {
    fd = fs.openSync(path.dirname(path.resolve(file)), 'r');
    fs.fsyncSync(fd);
  } catch {
    // Best effort.
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
  }
}

export type { WriteTarget, WriteRefusal, WriteRefusalReason } from './write-target';
export { checkWriteTarget } from './write-target';
export { removeStaleTemporaryFiles } from './temp-files';
