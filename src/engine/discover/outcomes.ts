// What the walk hands out, in the order it finds it: candidates (numbered in
// discovery order), the files and folders discovery settles itself (skipped, or
// failed when a folder cannot be listed), and warnings.
import { tooLarge } from '../outcome';
import type { EntryLike, StatLike } from '../read/fs';
import { UNSTATED, type Candidate, type Failed, type FailReason, type Skipped, type SkipReason } from '../types';
import type { DiscoveryItem } from './options';

/** The items found since the last take(). */
export class DiscoveryBatch {
  items: DiscoveryItem[] = [];
  private seq = 0;

  /** @param maxFileSize larger files are skipped 'too-large' unless streamLarge */
  constructor(
    private readonly maxFileSize: number,
    private readonly streamLarge: boolean,
  ) {}

  get length(): number {
    return this.items.length;
  }

  take(): DiscoveryItem[] {
    const out = this.items;
    this.items = [];
    return out;
  }

  warn(p: string, message: string): void {
    this.items.push({ type: 'warning', path: p, message });
  }

  /** A regular file not stated (size and mtime UNSTATED): whoever reads it applies maxFileSize. */
  unstated(p: string, root: string): void {
    this.items.push({ type: 'file', candidate: { path: p, root, size: UNSTATED, mtimeMs: UNSTATED, seq: this.seq++ } });
  }

  /** What a stat found at p: a candidate, a 'too-large' or 'not-a-file' skip, or nothing (a directory). */
  stated(p: string, root: string, st: StatLike): void {
    if (!st.isFile()) {
      if (!st.isDirectory()) {
        this.skip(root, p, st.size, st.mtimeMs, 'not-a-file', 'not a regular file');
      }
      return;
    }
    const refused = tooLarge(st.size, this.maxFileSize, this.streamLarge);
    if (refused) {
      this.skip(root, p, st.size, st.mtimeMs, 'too-large', refused);
      return;
    }
    const candidate: Candidate = { path: p, root, size: st.size, mtimeMs: st.mtimeMs, seq: this.seq++ };
    this.items.push({ type: 'file', candidate });
  }

  skip(root: string, p: string, size: number, mtimeMs: number, reason: SkipReason, detail: string): void {
    const outcome: Skipped = { kind: 'skipped', path: p, root, size, mtimeMs, reason, detail };
    this.items.push({ type: 'skip', outcome });
  }

  /**
   * A folder that cannot be listed is an entry of its own, failed with the reason:
   * the files in it are not in the run, and the run must say so (counted, in every
   * report, exit status 1), not just warn.
   */
  unreadableFolder(root: string, p: string, code: string): void {
    const reason = folderFailure(code);
    const outcome: Failed = { kind: 'failed', path: p, root, size: 0, mtimeMs: 0, reason, detail: `folder cannot be read (${code}): the files in it were not analysed` };
    this.items.push({ type: 'skip', outcome });
  }
}

/** What a non-regular entry is, from Node's Dirent when it tells (no system call). */
export function specialKind(entry: EntryLike): string {
  const e = entry as EntryLike & Partial<Record<'isFIFO' | 'isSocket' | 'isBlockDevice' | 'isCharacterDevice', () => boolean>>;
  if (e.isFIFO?.()) return 'a FIFO';
  if (e.isSocket?.()) return 'a socket';
  if (e.isBlockDevice?.()) return 'a block device';
  if (e.isCharacterDevice?.()) return 'a character device';
  return 'a special file';
}

/** Why a folder could not be listed, from the error code. */
function folderFailure(code: string): FailReason {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission-denied';
    case 'ENAMETOOLONG':
      return 'name-too-long';
    case 'EMFILE':
    case 'ENFILE':
      return 'too-many-open-files';
    default:
      return 'io-error';
  }
}
