// The temporary files of atomic writes: how they are named, and how the ones a
// killed process left behind are recognised and removed.
//
// A temporary file sits next to its target (same folder, so the rename is
// atomic) and is named `.<target name>.<pid>.<random>.tmp`: hidden, tied to its
// target and to the process that wrote it. Earlier versions named it
// `<target name>.<pid>.<ms>.<n>.tmp`; those are recognised too.
import { randomBytes } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';

/** A temporary file older than this is stale whoever wrote it: no save takes that long. */
export const STALE_TEMP_AGE_MS = 10 * 60 * 1000;

export function temporaryPathFor(target: string): string {
  return path.join(path.dirname(target), `.${nameInTemporary(target)}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Bytes of the target's name a temporary name keeps: the rest (dot, pid, random, '.tmp': under 32 bytes) must fit in NAME_MAX (255). */
const NAME_BYTES = 200;

/** The target's name as its temporary files carry it: whole, or its first NAME_BYTES bytes (whole characters). */
function nameInTemporary(target: string): string {
  const base = path.basename(target);
  if (Buffer.byteLength(base) <= NAME_BYTES) return base;
  let cut = '';
  for (const ch of base) {
    if (Buffer.byteLength(cut + ch) > NAME_BYTES) break;
    cut += ch;
  }
  return cut;
}

/** The pid in a temporary file's name, when the name is one of `target`'s temporary files. */
export function temporaryFileOwner(target: string, name: string): number | undefined {
  const short = escapeRegExp(nameInTemporary(target));
  const m = new RegExp(`^\\.${short}\\.(\\d+)\\.[0-9a-f]+\\.tmp$`).exec(name);
  if (m) return Number(m[1]);
  const base = escapeRegExp(path.basename(target));
  // The name earlier versions gave: `<target name>.<pid>.<ms>.<n>.tmp`.
  const old = new RegExp(`^${base}\\.(\\d+)\\.\\d+(?:\\.\\d+)?\\.tmp$`).exec(name);
  return old ? Number(old[1]) : undefined;
}

/** Whether a process with this pid runs (EPERM: it does, under another user). */
export function processAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes `target`'s temporary files that no save will finish: those of a
 * process that no longer runs, and those older than STALE_TEMP_AGE_MS. Returns
 * the paths removed. Never throws: a leftover it cannot remove stays a leftover.
 */
export function removeStaleTemporaryFiles(target: string, now = Date.now()): string[] {
  const dir = path.dirname(target);
  let names: string[];
  try {
    names = fs.readdirSync(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = temporaryFileOwner(target, name);
    if (pid === undefined) continue;
    const p = path.join(dir, name);
    try {
      const st = fs.lstatSync(p);
      if (!st.isFile()) continue;
      if (processAlive(pid) && now - st.mtimeMs < STALE_TEMP_AGE_MS) continue;
      fs.unlinkSync(p);
      removed.push(p);
    } catch {
      // Gone meanwhile, or not ours to remove.
    }
  }
  return removed;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
